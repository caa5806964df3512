package dev.sio.redis;

/** Every cluster operation between two Sio servers over the classic Redis adapter. */
class ClassicClusterTest extends ClusterOperationsContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.classic(options);
  }
}
