package dev.sio.interop.cluster;

import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.redis.SubscriptionMode;
import java.util.List;

/** Node.js and Sio sharing Redis through the sharded adapter in {@code dynamic-private} mode. */
class ShardedPrivateMixedClusterIT extends MixedClusterContract {
  @Override
  String kind() {
    return "sharded";
  }

  @Override
  RedisAdapterOptions.Builder adapterOptions() {
    return super.adapterOptions().subscriptionMode(SubscriptionMode.DYNAMIC_PRIVATE);
  }

  @Override
  List<String> nodeArgs() {
    return List.of("--mode", "dynamic-private");
  }

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.sharded(options);
  }
}
