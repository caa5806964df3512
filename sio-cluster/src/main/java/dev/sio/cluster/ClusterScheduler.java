package dev.sio.cluster;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * The timers a cluster adapter needs (request timeouts, heartbeats), run by the transport's own
 * executor. Tasks must be short and must not block.
 */
public interface ClusterScheduler {
  /** Runs {@code task} once after {@code delay}. */
  ScheduledFuture<?> schedule(Runnable task, Duration delay);

  /** Runs {@code task} every {@code period}, the first time after one period. */
  ScheduledFuture<?> every(Runnable task, Duration period);
}
