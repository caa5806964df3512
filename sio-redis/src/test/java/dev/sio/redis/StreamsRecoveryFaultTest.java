package dev.sio.redis;

/**
 * A Redis restart under traffic with the streams adapter and connection state recovery on, where
 * local deliveries wait for their stream offset: they still flow, in order, during the outage.
 */
class StreamsRecoveryFaultTest extends RedisFaultContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }

  @Override
  boolean recovery() {
    return true;
  }
}
