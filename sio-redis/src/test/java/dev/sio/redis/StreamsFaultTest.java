package dev.sio.redis;

/** A Redis restart under traffic with the streams adapter. */
class StreamsFaultTest extends RedisFaultContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }
}
