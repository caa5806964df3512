package dev.sio.redis.internal;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * One command connection of a {@link RedisLink}: to a single Redis or to a Redis Cluster (which
 * routes each command to the owner of its key's slot), with the commands both kinds share.
 *
 * @param stateful the connection
 * @param async its asynchronous commands
 */
public record LinkConnection(
    StatefulConnection<byte[], byte[]> stateful, RedisClusterAsyncCommands<byte[], byte[]> async) {
  /** True while connected. */
  public boolean isOpen() {
    return stateful.isOpen();
  }

  /** Closes the connection without waiting. */
  public void closeAsync() {
    stateful.closeAsync();
  }

  /** Closes the connection. */
  public void close() {
    stateful.close();
  }
}
