package dev.sio.redis.internal;

import dev.sio.redis.RedisAdapterOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link RedisLink} connects and queues: the Redis URI (a sentinel URI when sentinels are
 * set), the seed nodes of a Redis Cluster (empty otherwise), its address for messages (never the
 * password), the longest blocking command, the reconnection delays and the offline queue's bounds.
 *
 * @param uri where to connect (a single server or the master its sentinels name)
 * @param clusterNodes the seed nodes of a Redis Cluster, with the password and TLS of {@code uri};
 *     empty unless the link is to a cluster
 * @param where {@code host:port} (or the sentinels and the master's name, or the cluster's seeds),
 *     for messages
 * @param maxBlock the longest block time of the blocking commands that will be sent (XREAD)
 * @param delay the delays between connection attempts
 * @param queueMessages the offline queue's message bound
 * @param queueBytes the offline queue's byte bound
 * @param queueMaxAge the longest a message waits in the offline queue
 */
public record LinkSettings(
    RedisURI uri,
    List<RedisURI> clusterNodes,
    String where,
    Duration maxBlock,
    ReconnectDelay delay,
    int queueMessages,
    long queueBytes,
    Duration queueMaxAge) {
  /**
   * The settings of {@code options}: Redis at its URI, the master its sentinels name, a cluster.
   */
  public static LinkSettings of(RedisAdapterOptions options) {
    RedisURI base = RedisErrors.parseUri(options.uri());
    RedisURI uri = base;
    String where = base.getHost() + ":" + base.getPort();
    List<RedisURI> cluster = new ArrayList<>();
    if (!options.sentinels().isEmpty()) {
      RedisURI.Builder b = null;
      for (String s : options.sentinels()) {
        int colon = s.lastIndexOf(':');
        String host = s.substring(0, colon);
        int port = Integer.parseInt(s.substring(colon + 1));
        b =
            b == null
                ? RedisURI.Builder.sentinel(host, port, options.sentinelMasterName())
                : b.withSentinel(host, port);
      }
      b.withAuthentication(base);
      b.withDatabase(base.getDatabase()).withSsl(base.isSsl());
      uri = b.build();
      where =
          "master "
              + options.sentinelMasterName()
              + " of sentinels "
              + String.join(",", options.sentinels());
    } else if (!options.clusterNodes().isEmpty()) {
      for (String s : options.clusterNodes()) {
        int colon = s.lastIndexOf(':');
        RedisURI.Builder b =
            RedisURI.Builder.redis(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        b.withAuthentication(base);
        b.withSsl(base.isSsl());
        cluster.add(b.build());
      }
      where = "cluster " + String.join(",", options.clusterNodes());
    }
    return new LinkSettings(
        uri,
        List.copyOf(cluster),
        where,
        options.blockTime(),
        new ReconnectDelay(options.reconnectDelayStep(), options.reconnectDelayMax()),
        options.offlineQueueSize(),
        options.offlineQueueBytes(),
        options.offlineQueueTimeout());
  }

  /** A connection attempt gives up after 5 s. */
  SocketOptions socketOptions() {
    return SocketOptions.builder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Every command has a deadline ({@link CommandTimeouts}: longer for a blocking XREAD). */
  TimeoutOptions timeoutOptions() {
    return TimeoutOptions.builder()
        .timeoutCommands(true)
        .timeoutSource(new CommandTimeouts(maxBlock))
        .build();
  }
}
