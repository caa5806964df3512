package dev.sio.interop.cluster;

import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.redis.StreamsFormat;

/**
 * A Node.js server with {@code @socket.io/redis-streams-adapter} 0.2.3 (every message in the
 * stream, heartbeats) and a Sio server with the streams adapter in {@link StreamsFormat#V0_2}: they
 * see each other (server count 2 on both sides) and every cluster operation works both ways.
 */
class StreamsV02MixedClusterIT extends MixedClusterContract {
  @Override
  String kind() {
    return "streams02";
  }

  @Override
  RedisAdapterOptions.Builder adapterOptions() {
    return super.adapterOptions().streamsFormat(StreamsFormat.V0_2);
  }

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }
}
