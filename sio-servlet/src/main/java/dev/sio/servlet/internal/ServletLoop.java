package dev.sio.servlet.internal;

import dev.sio.engine.spi.SessionExecutor;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Sio loop of the Servlet binding (D3): a single daemon thread named {@code sio-servlet-N} that
 * owns the sessions pinned to it at their handshake, with their timers and every handler call.
 * Container threads hand their work to it; it never runs a container's own work. Tasks run one at a
 * time in submission order; a task that throws is logged and the loop goes on.
 */
public final class ServletLoop extends ScheduledThreadPoolExecutor implements SessionExecutor {
  private static final Logger log = LoggerFactory.getLogger(ServletLoop.class);

  private volatile Thread thread; // set once by the thread factory, before any task runs
  private Object engineState; // this loop's thread only

  /**
   * A loop whose thread is named {@code name}.
   *
   * @param name the thread's name
   */
  public ServletLoop(String name) {
    super(1);
    setThreadFactory(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          thread = t;
          return t;
        });
    setRemoveOnCancelPolicy(true); // a cancelled heartbeat timer does not linger in the queue
    setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    prestartCoreThread();
  }

  @Override
  public boolean inExecutor() {
    return Thread.currentThread() == thread;
  }

  @Override
  public Object engineState() {
    return engineState;
  }

  @Override
  public void engineState(Object state) {
    this.engineState = state;
  }

  /** Logs what a task threw: {@code execute} and timers would otherwise drop it silently. */
  @Override
  protected void afterExecute(Runnable r, Throwable t) {
    super.afterExecute(r, t);
    if (t == null && r instanceof Future<?> f && f.isDone() && !f.isCancelled()) {
      try {
        f.get();
      } catch (ExecutionException e) {
        t = e.getCause();
      } catch (CancellationException | InterruptedException e) {
        // not a failure of the task
      }
    }
    if (t != null) {
      log.warn("a task on {} failed", thread == null ? "a Sio loop" : thread.getName(), t);
    }
  }
}
