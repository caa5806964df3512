package dev.sio.interop.cluster;

import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;

/** A Node.js server and a Sio server sharing Redis through the streams adapter. */
class StreamsMixedClusterIT extends MixedClusterContract {
  @Override
  String kind() {
    return "streams";
  }

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }
}
