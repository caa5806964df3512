package dev.sio.redis;

/** A Redis restart under traffic with the sharded adapter. */
class ShardedFaultTest extends RedisFaultContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.sharded(options);
  }
}
