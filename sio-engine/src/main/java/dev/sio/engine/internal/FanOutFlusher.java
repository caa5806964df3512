package dev.sio.engine.internal;

import dev.sio.engine.spi.SessionExecutor;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.LoggerFactory;

/**
 * Flushes, once per pass of one event loop, the sessions that broadcasts wrote to on that loop: the
 * first deferred write of a pass schedules one task on the loop, which flushes every such session
 * once, in the order they were first written. Broadcasts that land in the same pass share the flush
 * (one system call per connection, not one per broadcast), and no connection schedules a flush task
 * of its own. Confined to its loop: each loop has its own, kept in its {@link
 * SessionExecutor#engineState()}.
 */
final class FanOutFlusher implements Runnable {
  // The size under which the array is kept between passes; a larger one is dropped after use.
  private static final int KEEP = 1024;

  private EngineSession[] pending = new EngineSession[16]; // loop
  private int count; // loop
  private boolean scheduled; // loop: the flush task is queued

  private FanOutFlusher() {}

  /**
   * Owner of {@code session} (an event loop): {@code session} was written without a flush; flush it
   * at the end of this pass.
   */
  static void defer(EngineSession session) {
    if (session.flushQueued) {
      return;
    }
    session.flushQueued = true;
    of(session.owner()).add(session);
  }

  /** The flusher of {@code loop}, made at its first use; called on {@code loop}. */
  private static FanOutFlusher of(SessionExecutor loop) {
    FanOutFlusher f = (FanOutFlusher) loop.engineState();
    if (f == null) {
      f = new FanOutFlusher();
      loop.engineState(f);
    }
    return f;
  }

  private void add(EngineSession session) {
    if (count == pending.length) {
      pending = Arrays.copyOf(pending, count * 2);
    }
    pending[count++] = session;
    if (!scheduled) {
      scheduled = true;
      try {
        session.owner().execute(this);
      } catch (RejectedExecutionException e) {
        run(); // the loop is shutting down: flush now rather than never
      }
    }
  }

  /** The end of the pass: flushes each session once. */
  @Override
  public void run() {
    scheduled = false;
    // A flush may run a handler that writes again (a failed write closing a session): sessions
    // added meanwhile go into the same array and are flushed in this loop too.
    for (int i = 0; i < count; i++) {
      EngineSession s = pending[i];
      pending[i] = null;
      s.flushQueued = false;
      try {
        s.flushDeferred();
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(FanOutFlusher.class).warn("flush failed for {}", s, e);
      }
    }
    if (pending.length > KEEP) {
      pending = new EngineSession[16];
    }
    count = 0;
  }
}
