package dev.sio.engine.internal;

import dev.sio.engine.spi.SessionExecutor;
import java.util.Arrays;

/**
 * The engine's state for one {@link SessionExecutor}, kept in its {@link
 * SessionExecutor#engineState()}: the broadcast flusher and the heartbeat timers, one {@link
 * FifoTimer} per delay. Made at first use; touched by that executor's thread only.
 */
final class LoopState {
  private static final FifoTimer[] NO_TIMERS = {};

  private final SessionExecutor loop;
  private FanOutFlusher flusher; // loop: made by the first broadcast
  // loop: one per delay in use (an endpoint's ping interval, ping timeout and, with EIO 3, their
  // sum), so bounded by the endpoints' options; never shrinks
  private FifoTimer[] timers = NO_TIMERS;

  private LoopState(SessionExecutor loop) {
    this.loop = loop;
  }

  /** The state of {@code loop}, made at its first use; called on {@code loop}. */
  static LoopState of(SessionExecutor loop) {
    LoopState s = (LoopState) loop.engineState();
    if (s == null) {
      s = new LoopState(loop);
      loop.engineState(s);
    }
    return s;
  }

  /** The loop's broadcast flusher. */
  FanOutFlusher flusher() {
    FanOutFlusher f = flusher;
    if (f == null) {
      f = new FanOutFlusher();
      flusher = f;
    }
    return f;
  }

  /** The loop's timer for entries armed {@code delayNanos} ahead. */
  FifoTimer timer(long delayNanos) {
    FifoTimer[] ts = timers;
    for (FifoTimer t : ts) {
      if (t.delayNanos() == delayNanos) {
        return t;
      }
    }
    FifoTimer t = new FifoTimer(loop, delayNanos);
    ts = Arrays.copyOf(ts, ts.length + 1);
    ts[ts.length - 1] = t;
    timers = ts;
    return t;
  }
}
