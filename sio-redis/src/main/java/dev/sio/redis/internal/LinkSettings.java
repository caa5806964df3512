package dev.sio.redis.internal;

import dev.sio.redis.RedisAdapterOptions;
import io.lettuce.core.RedisURI;
import java.time.Duration;

/**
 * How a {@link RedisLink} connects and queues: the Redis URI (a sentinel URI when sentinels are
 * set), its address for messages (never the password), the longest blocking command, the
 * reconnection delays and the offline queue's bounds.
 *
 * @param uri where to connect
 * @param where {@code host:port} (or the sentinels and the master's name), for messages
 * @param maxBlock the longest block time of the blocking commands that will be sent (XREAD)
 * @param delay the delays between connection attempts
 * @param queueMessages the offline queue's message bound
 * @param queueBytes the offline queue's byte bound
 * @param queueMaxAge the longest a message waits in the offline queue
 */
public record LinkSettings(
    RedisURI uri,
    String where,
    Duration maxBlock,
    ReconnectDelay delay,
    int queueMessages,
    long queueBytes,
    Duration queueMaxAge) {
  /** The settings of {@code options}: Redis at its URI, or the master its sentinels name. */
  public static LinkSettings of(RedisAdapterOptions options) {
    RedisURI base = RedisErrors.parseUri(options.uri());
    RedisURI uri = base;
    String where = base.getHost() + ":" + base.getPort();
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
    }
    return new LinkSettings(
        uri,
        where,
        options.blockTime(),
        new ReconnectDelay(options.reconnectDelayStep(), options.reconnectDelayMax()),
        options.offlineQueueSize(),
        options.offlineQueueBytes(),
        options.offlineQueueTimeout());
  }
}
