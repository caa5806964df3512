package dev.sio.interop.cluster;

import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.redis.RedisClusterProcess;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A Node.js server (node-redis `createCluster`) and a Sio server sharing a local three-master Redis
 * Cluster through the streams adapter (the stream on its slot's owner, requests over pub/sub).
 */
class StreamsMixedOnRedisClusterIT extends MixedClusterContract {
  private static RedisClusterProcess cluster;

  @BeforeAll
  static void startCluster() {
    cluster = RedisClusterProcess.start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  String kind() {
    return "streams";
  }

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }

  @Override
  RedisAdapterOptions.Builder adapterOptions() {
    return super.adapterOptions().cluster(cluster.seeds());
  }

  @Override
  List<String> nodeArgs() {
    return RedisClusterMixedSupport.nodeArgs(cluster);
  }
}
