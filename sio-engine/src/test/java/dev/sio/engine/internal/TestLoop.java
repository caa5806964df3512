package dev.sio.engine.internal;

import dev.sio.engine.spi.SessionExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A one-thread session executor, as a binding without event loops would have: the session-core
 * tests that use no Netty type run their sessions on it. A cancelled task leaves its queue at once.
 */
final class TestLoop extends ScheduledThreadPoolExecutor implements SessionExecutor {
  private volatile Thread thread;
  private Object state; // this executor's thread

  TestLoop() {
    super(1);
    setRemoveOnCancelPolicy(true);
    setThreadFactory(
        r -> {
          Thread t = new Thread(r, "test-loop");
          t.setDaemon(true);
          thread = t;
          return t;
        });
  }

  @Override
  public boolean inExecutor() {
    return Thread.currentThread() == thread;
  }

  @Override
  public Object engineState() {
    return state;
  }

  @Override
  public void engineState(Object s) {
    state = s;
  }

  /** Runs {@code task} on the loop and waits for it (5 s at most); its result. */
  <T> T call(Callable<T> task) throws Exception {
    return submit(task).get(5, TimeUnit.SECONDS);
  }

  /** Runs {@code task} on the loop and waits for it (5 s at most). */
  void run(Runnable task) throws Exception {
    submit(task).get(5, TimeUnit.SECONDS);
  }
}
