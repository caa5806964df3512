package dev.sio.cluster;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * The timers a cluster adapter needs (request timeouts, heartbeats), run by the transport's own
 * executor. Tasks must be short and must not block.
 */
public interface ClusterScheduler {
  /**
   * Runs {@code task} once after {@code delay}.
   *
   * @param task the task to run
   * @param delay how long to wait before running it
   * @return the scheduled task, to cancel it
   */
  ScheduledFuture<?> schedule(Runnable task, Duration delay);

  /**
   * Runs {@code task} every {@code period}, the first time after one period.
   *
   * @param task the task to run
   * @param period the time between two runs, and before the first one
   * @return the scheduled task, to cancel it
   */
  ScheduledFuture<?> every(Runnable task, Duration period);
}
