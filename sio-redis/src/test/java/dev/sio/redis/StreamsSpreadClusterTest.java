package dev.sio.redis;

/**
 * Every cluster operation between two Sio servers over the streams adapter with three streams
 * ({@code streamCount}) and requests over sharded pub/sub ({@code useShardedPubSub}).
 */
class StreamsSpreadClusterTest extends ClusterOperationsContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }

  @Override
  RedisAdapterOptions options() {
    return RedisAdapterOptions.builder()
        .keyPrefix(prefix)
        .streamName(prefix + "-stream")
        .sessionKeyPrefix(prefix + ":session:")
        .requestsTimeout(java.time.Duration.ofMillis(1500))
        .streamCount(3)
        .useShardedPubSub(true)
        .build();
  }
}
