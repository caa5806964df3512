package dev.sio.interop.cluster;

import dev.sio.redis.RedisClusterProcess;
import java.util.List;

/** The local Redis Cluster the mixed cluster tests on a Redis Cluster share, per test class. */
final class RedisClusterMixedSupport {
  private RedisClusterMixedSupport() {}

  /** The Node server's arguments for {@code cluster}: node-redis {@code createCluster}. */
  static List<String> nodeArgs(RedisClusterProcess cluster) {
    return List.of("--cluster", String.join(",", cluster.seeds()));
  }
}
