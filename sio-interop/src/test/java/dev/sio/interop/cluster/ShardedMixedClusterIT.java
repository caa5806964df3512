package dev.sio.interop.cluster;

import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;

/** A Node.js server and a Sio server sharing Redis through the sharded adapter. */
class ShardedMixedClusterIT extends MixedClusterContract {
  @Override
  String kind() {
    return "sharded";
  }

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.sharded(options);
  }
}
