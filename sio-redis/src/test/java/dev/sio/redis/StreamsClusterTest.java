package dev.sio.redis;

/** Every cluster operation between two Sio servers over the streams Redis adapter. */
class StreamsClusterTest extends ClusterOperationsContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }
}
