package dev.sio.redis;

/** A Redis restart under traffic with the classic adapter. */
class ClassicFaultTest extends RedisFaultContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.classic(options);
  }
}
