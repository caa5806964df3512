package dev.sio.interop.cluster;

import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;

/** A Node.js server and a Sio server sharing Redis through the classic adapter. */
class ClassicMixedClusterIT extends MixedClusterContract {
  @Override
  String kind() {
    return "classic";
  }

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.classic(options);
  }
}
