package dev.sio.redis;

/**
 * Every cluster operation between two Sio servers over the streams adapter on a Redis Cluster (the
 * stream on the owner of its key's slot, requests over pub/sub).
 */
class StreamsOnRedisClusterTest extends OnRedisClusterContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }
}
