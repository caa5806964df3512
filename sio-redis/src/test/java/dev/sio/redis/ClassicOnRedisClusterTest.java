package dev.sio.redis;

/**
 * Every cluster operation between two Sio servers over the classic adapter on a Redis Cluster (the
 * cluster bus forwards PUBLISH to every node; the server count sums NUMSUB over the masters).
 */
class ClassicOnRedisClusterTest extends OnRedisClusterContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.classic(options);
  }
}
