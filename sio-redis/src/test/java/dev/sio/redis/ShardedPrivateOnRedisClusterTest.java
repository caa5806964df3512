package dev.sio.redis;

/**
 * Every cluster operation over the sharded adapter in {@code dynamic-private} mode on a Redis
 * Cluster (a channel for every room, socket ids included, spread over the masters).
 */
class ShardedPrivateOnRedisClusterTest extends OnRedisClusterContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.sharded(options);
  }

  @Override
  RedisAdapterOptions.Builder clusterOptions() {
    return super.clusterOptions().subscriptionMode(SubscriptionMode.DYNAMIC_PRIVATE);
  }
}
