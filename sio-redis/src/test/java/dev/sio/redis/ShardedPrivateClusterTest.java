package dev.sio.redis;

import java.time.Duration;

/** Every cluster operation over the sharded adapter in {@code dynamic-private} mode. */
class ShardedPrivateClusterTest extends ClusterOperationsContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.sharded(options);
  }

  @Override
  RedisAdapterOptions options() {
    return RedisAdapterOptions.builder()
        .keyPrefix(prefix)
        .requestsTimeout(Duration.ofMillis(1500))
        .subscriptionMode(SubscriptionMode.DYNAMIC_PRIVATE)
        .build();
  }
}
