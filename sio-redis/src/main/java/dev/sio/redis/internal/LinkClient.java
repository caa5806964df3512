package dev.sio.redis.internal;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.CompletableFuture;

/**
 * How a {@link RedisLink} reaches Redis: one server (or the master its sentinels name), or a Redis
 * Cluster. The link's queueing, retrying and subscriptions are the same for both; what differs is
 * here: how connections are made, how subscribers are counted and when every node is reachable.
 */
sealed interface LinkClient permits StandaloneLinkClient, ClusterLinkClient {
  /** The Lettuce client (listeners, executors, shutdown). */
  AbstractRedisClient client();

  /** A command connection. */
  CompletableFuture<LinkConnection> connect();

  /** A (sharded, pattern) subscription connection. */
  CompletableFuture<StatefulRedisPubSubConnection<byte[], byte[]>> connectPubSub();

  /**
   * {@code PUBSUB NUMSUB channel} (or {@code SHARDNUMSUB}) over {@code connection}: on a cluster,
   * the sum over every master that owns slots, as Node's adapters count.
   */
  CompletableFuture<Long> countSubscribers(
      LinkConnection connection, byte[] channel, boolean sharded);

  /** True unless a connection to a node that owns slots is down (always true for one server). */
  boolean nodesUp();

  /** True for a Redis Cluster. */
  boolean isCluster();

  /** Opens the client {@code settings} describe. */
  static LinkClient open(LinkSettings settings) {
    return settings.clusterNodes().isEmpty()
        ? StandaloneLinkClient.open(settings)
        : ClusterLinkClient.open(settings);
  }
}
