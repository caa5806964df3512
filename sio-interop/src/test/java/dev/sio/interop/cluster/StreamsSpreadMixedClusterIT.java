package dev.sio.interop.cluster;

import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import java.util.List;

/**
 * A Node.js server and a Sio server on the streams adapter 0.3 with {@code streamCount: 3} (the
 * namespace's messages in the stream of its hash) and {@code useShardedPubSub: true} (requests and
 * responses over SPUBLISH), every cluster operation both ways.
 */
class StreamsSpreadMixedClusterIT extends MixedClusterContract {
  @Override
  String kind() {
    return "streams";
  }

  @Override
  RedisAdapterOptions.Builder adapterOptions() {
    return super.adapterOptions().streamCount(3).useShardedPubSub(true);
  }

  @Override
  List<String> nodeArgs() {
    return List.of("--stream-count", "3", "--sharded-pubsub");
  }

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }
}
