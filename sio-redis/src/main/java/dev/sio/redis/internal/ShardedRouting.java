package dev.sio.redis.internal;

import dev.sio.cluster.ClusterMessage;
import dev.sio.cluster.ClusterProtocol;
import dev.sio.cluster.internal.WireOptions;
import dev.sio.redis.SubscriptionMode;

/** Where the sharded adapter publishes a message and which rooms get their own channel. */
public final class ShardedRouting {
  private ShardedRouting() {}

  /** Node's test for a socket id: a 20-character room. */
  public static boolean looksLikeSocketId(String room) {
    return room.length() == 20;
  }

  /**
   * The channel for {@code message}: a broadcast without ack to exactly one room goes to that
   * room's channel in the dynamic modes (in {@code DYNAMIC} only when the room does not look like a
   * socket id); everything else to the main channel.
   */
  public static String channelFor(String prefix, SubscriptionMode mode, ClusterMessage message) {
    if (message.type() == ClusterProtocol.BROADCAST && message.requestId() == null) {
      var rooms = WireOptions.stringList(message.data().path("opts").get("rooms"));
      if (rooms.size() == 1
          && ((mode == SubscriptionMode.DYNAMIC && !looksLikeSocketId(rooms.get(0)))
              || mode == SubscriptionMode.DYNAMIC_PRIVATE)) {
        return ClusterProtocol.subChannel(prefix, message.nsp(), rooms.get(0));
      }
    }
    return ClusterProtocol.mainChannel(prefix, message.nsp());
  }

  /**
   * True when a node subscribes to a channel of its own for {@code room}.
   *
   * @param isSocketId whether the room is the id of a local socket (Node checks its {@code sids})
   */
  public static boolean hasOwnChannel(SubscriptionMode mode, boolean isSocketId) {
    return (mode == SubscriptionMode.DYNAMIC && !isSocketId)
        || mode == SubscriptionMode.DYNAMIC_PRIVATE;
  }
}
