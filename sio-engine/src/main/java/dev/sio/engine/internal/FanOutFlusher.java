package dev.sio.engine.internal;

import dev.sio.engine.spi.SessionExecutor;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.LoggerFactory;

/**
 * Flushes, once per pass of one event loop, the sessions that broadcasts wrote to on that loop: the
 * first deferred write of a pass schedules one task on the loop, which flushes every such session
 * once, in the order they were first written. Broadcasts that land in the same pass share the flush
 * (one system call per connection, not one per broadcast), and no connection schedules a flush task
 * of its own. Confined to its loop: each loop has its own, kept in its {@link LoopState}.
 *
 * <p>When broadcasts come one per pass (a paced broadcast: the chat room, the live score), nothing
 * shares a flush, and waiting for the pass's end only makes the first recipients wait for the last
 * one's write: after {@link #EAGER_AFTER} passes in a row with a single broadcast, the first
 * broadcast of a pass flushes each recipient as soon as it is written ({@link #flushEarly}), as
 * Node.js writes to each socket. A second broadcast in the same pass is deferred again, and so is
 * every broadcast of the next passes until single passes come in a row again.
 */
final class FanOutFlusher implements Runnable {
  // The size under which the array is kept between passes; a larger one is dropped after use.
  private static final int KEEP = 1024;

  /** Passes in a row with a single broadcast after which a lone broadcast flushes as it writes. */
  static final int EAGER_AFTER = 2;

  private SessionOutput[] pending = new SessionOutput[16]; // loop
  private int count; // loop
  private boolean scheduled; // loop: the flush task is queued
  private int passBroadcasts; // loop: broadcasts begun in this pass
  private int singlePasses; // loop: passes in a row that carried exactly one broadcast
  private boolean eager; // loop: the broadcast being written flushes each recipient at once
  private SessionOutput early; // loop: written by the eager broadcast, not flushed yet

  FanOutFlusher() {}

  /**
   * Owner of {@code session} (an event loop): {@code session} was written without a flush; flush it
   * at the end of this pass.
   */
  static void defer(SessionOutput session) {
    if (session.flushQueued) {
      return;
    }
    session.flushQueued = true;
    FanOutFlusher f = of(session.owner());
    if (f.eager && f.early == null) {
      f.early = session; // flushed when its delivery ends (flushEarly)
    } else {
      f.add(session);
    }
  }

  /**
   * The owning loop of the recipients: a broadcast begins writing. Returns the loop's flusher,
   * whose {@link #eager} says whether to flush each recipient once its delivery ends ({@link
   * #flushEarly}) rather than at the pass's end; {@link #endBroadcast} must follow.
   */
  static FanOutFlusher beginBroadcast(SessionExecutor loop) {
    FanOutFlusher f = of(loop);
    f.passBroadcasts++;
    f.eager = f.passBroadcasts == 1 && f.singlePasses >= EAGER_AFTER;
    f.schedule(loop); // the pass's end is seen even when nothing waits to be flushed
    return f;
  }

  /** True while the broadcast begun last flushes each recipient as it is written. */
  boolean eager() {
    return eager;
  }

  /** The loop: a recipient's delivery ended; flushes it if the eager broadcast wrote to it. */
  void flushEarly() {
    SessionOutput s = early;
    if (s != null) {
      early = null;
      flush(s);
    }
  }

  /** The loop: the broadcast begun by {@link #beginBroadcast} has been written. */
  void endBroadcast() {
    eager = false;
    SessionOutput s = early;
    if (s != null) { // not flushed by flushEarly (a delivery that threw): at the pass's end
      early = null;
      add(s);
    }
  }

  /** The flusher of {@code loop}, made at its first use; called on {@code loop}. */
  private static FanOutFlusher of(SessionExecutor loop) {
    return LoopState.of(loop).flusher();
  }

  private void add(SessionOutput session) {
    if (count == pending.length) {
      pending = Arrays.copyOf(pending, count * 2);
    }
    pending[count++] = session;
    schedule(session.owner());
  }

  private void schedule(Executor loop) {
    if (!scheduled) {
      scheduled = true;
      try {
        loop.execute(this);
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
      SessionOutput s = pending[i];
      pending[i] = null;
      flush(s);
    }
    if (pending.length > KEEP) {
      pending = new SessionOutput[16];
    }
    count = 0;
    singlePasses = passBroadcasts == 1 ? singlePasses + 1 : 0;
    passBroadcasts = 0;
  }

  private static void flush(SessionOutput s) {
    s.flushQueued = false;
    try {
      s.flushDeferred();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(FanOutFlusher.class).warn("flush failed for {}", s, e);
    }
  }
}
