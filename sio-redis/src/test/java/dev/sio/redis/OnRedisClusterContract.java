package dev.sio.redis;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ClusterOperationsContract} with both servers on a local three-master Redis Cluster ({@link
 * RedisClusterProcess}) started for the test class, given every node as a seed.
 */
abstract class OnRedisClusterContract extends ClusterOperationsContract {
  static RedisClusterProcess cluster;

  @BeforeAll
  static void startCluster() {
    cluster = RedisClusterProcess.start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  @Override
  RedisAdapterOptions options() {
    return clusterOptions().build();
  }

  /** The options on the cluster (a subclass may add to them). */
  RedisAdapterOptions.Builder clusterOptions() {
    return RedisAdapterOptions.builder()
        .cluster(cluster.seeds())
        .keyPrefix(prefix)
        .streamName(prefix + "-stream")
        .sessionKeyPrefix(prefix + ":session:")
        .requestsTimeout(Duration.ofMillis(1500));
  }
}
