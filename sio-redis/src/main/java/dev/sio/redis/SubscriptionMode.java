package dev.sio.redis;

/**
 * Which sharded channels a node of the sharded adapter subscribes to (option {@code
 * subscriptionMode} of {@code createShardedAdapter}). All nodes of a cluster must use the same one.
 */
public enum SubscriptionMode {
  /** Only the namespace's main channel and the node's own response channel. */
  STATIC,
  /** Also one channel per room that is not a socket id (Node's default). */
  DYNAMIC,
  /** Also one channel per room, socket-id rooms included. */
  DYNAMIC_PRIVATE
}
