package dev.sio.redis.internal;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection of an emitter: to one Redis, or to a Redis Cluster (commands routed to their
 * slot's owner, PUBLISH forwarded by the cluster bus), with the commands both share.
 *
 * @param commands the asynchronous commands
 * @param owned the connection to close with the emitter, or {@code null} when the caller owns it
 * @param client the client to shut down with the emitter, or {@code null}
 */
public record EmitterConnection(
    RedisClusterAsyncCommands<byte[], byte[]> commands,
    StatefulConnection<byte[], byte[]> owned,
    AbstractRedisClient client) {

  /**
   * Connects to {@code uri}, or, when {@code clusterNodes} is not empty, to the cluster of those
   * {@code host:port} seeds with the password and TLS of {@code uri}.
   *
   * @throws dev.sio.redis.RedisAdapterException when Redis cannot be reached
   */
  public static EmitterConnection open(String uri, List<String> clusterNodes) {
    RedisURI base = RedisErrors.parseUri(uri);
    if (clusterNodes.isEmpty()) {
      RedisClient client = RedisClient.create(base);
      try {
        var c = client.connect(ByteArrayCodec.INSTANCE);
        return new EmitterConnection(c.async(), c, client);
      } catch (RuntimeException e) {
        client.shutdown();
        throw RedisErrors.wrap("connecting to Redis at " + RedisErrors.where(uri), e);
      }
    }
    List<RedisURI> seeds = new ArrayList<>();
    for (String s : clusterNodes) {
      int colon = s.lastIndexOf(':');
      RedisURI.Builder b =
          RedisURI.Builder.redis(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
      b.withAuthentication(base);
      b.withSsl(base.isSsl());
      seeds.add(b.build());
    }
    RedisClusterClient client = RedisClusterClient.create(seeds);
    try {
      StatefulRedisClusterConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE);
      return new EmitterConnection(c.async(), c, client);
    } catch (RuntimeException e) {
      client.shutdown();
      throw RedisErrors.wrap(
          "connecting to the Redis Cluster at " + String.join(",", clusterNodes), e);
    }
  }

  /** Closes the connection and shuts the client down, when this side opened them. */
  public void close() {
    if (owned != null) {
      owned.close();
    }
    if (client != null) {
      client.shutdown();
    }
  }
}
