package dev.sio.server.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Timers that fire on a given executor. A Netty event loop schedules by itself (no hop); any other
 * executor goes through one shared daemon timer thread that hands the task over.
 */
public final class Timers {
  private static final ScheduledExecutorService SHARED =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sio-server-timer");
            t.setDaemon(true);
            return t;
          });

  private Timers() {}

  /** Runs {@code task} on {@code executor} after {@code delayMillis}; cancel with the future. */
  public static Future<?> schedule(Executor executor, long delayMillis, Runnable task) {
    if (executor instanceof ScheduledExecutorService scheduled) {
      return scheduled.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }
    return SHARED.schedule(() -> executor.execute(task), delayMillis, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} on the shared timer thread after {@code delayMillis}. */
  public static Future<?> schedule(long delayMillis, Runnable task) {
    return SHARED.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} on the shared timer thread every {@code periodMillis}. */
  public static Future<?> every(long periodMillis, Runnable task) {
    return SHARED.scheduleAtFixedRate(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }
}
