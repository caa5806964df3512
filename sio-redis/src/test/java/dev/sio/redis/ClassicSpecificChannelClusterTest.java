package dev.sio.redis;

import java.time.Duration;

/** Every cluster operation over the classic adapter answering on per-node response channels. */
class ClassicSpecificChannelClusterTest extends ClusterOperationsContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.classic(options);
  }

  @Override
  RedisAdapterOptions options() {
    return RedisAdapterOptions.builder()
        .keyPrefix(prefix)
        .requestsTimeout(Duration.ofMillis(1500))
        .publishOnSpecificResponseChannel(true)
        .build();
  }
}
