package dev.sio.redis.internal;

import dev.sio.cluster.ClusterAdapter;
import dev.sio.cluster.ClusterScheduler;
import dev.sio.cluster.ClusterSettings;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.server.Namespace;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * The {@link ClusterAdapter} over Redis, base of the sharded and the streams adapters: its timers
 * run on Lettuce's event executors and its timings come from {@link RedisAdapterOptions}.
 */
public abstract class ClusterRedisAdapter extends ClusterAdapter {
  /** The Redis connections. */
  protected final RedisLink link;

  /** The options. */
  protected final RedisAdapterOptions options;

  protected ClusterRedisAdapter(Namespace nsp, RedisLink link, RedisAdapterOptions options) {
    super(nsp, scheduler(link), settings(options));
    this.link = link;
    this.options = options;
  }

  @Override
  protected String transportName() {
    return "Redis";
  }

  /** The timings of {@code options}. */
  static ClusterSettings settings(RedisAdapterOptions options) {
    return new ClusterSettings(
        options.requestsTimeout(), options.heartbeatInterval(), options.heartbeatTimeout());
  }

  /** {@code link}'s timers as a {@link ClusterScheduler}. */
  static ClusterScheduler scheduler(RedisLink link) {
    return new ClusterScheduler() {
      @Override
      public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return link.schedule(task, delay);
      }

      @Override
      public ScheduledFuture<?> every(Runnable task, Duration period) {
        return link.every(task, period);
      }
    };
  }
}
