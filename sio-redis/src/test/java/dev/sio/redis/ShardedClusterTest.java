package dev.sio.redis;

/** Every cluster operation between two Sio servers over the sharded Redis adapter. */
class ShardedClusterTest extends ClusterOperationsContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.sharded(options);
  }
}
