package dev.sio.redis.internal;

import dev.sio.cluster.ClusterMessage;
import dev.sio.cluster.ClusterProtocol;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.redis.SubscriptionMode;
import dev.sio.server.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sharded adapter of {@code @socket.io/redis-adapter} 8.3 ({@code createShardedAdapter}) for
 * one namespace: ClusterAdapter messages over SPUBLISH/SSUBSCRIBE on {@code prefix#nsp#}, the
 * node's {@code prefix#nsp#uid#} and, in the dynamic modes, one {@code prefix#nsp#room#} per room;
 * the server count from {@code PUBSUB SHARDNUMSUB}.
 */
public final class ShardedRedisAdapter extends ClusterRedisAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ShardedRedisAdapter.class);

  private final String prefix;
  private final String channel;
  private final String responseChannel;
  private final SubscriptionMode mode;
  // Any thread: the rooms whose own channel this node subscribed to, with the subscription.
  private final Map<String, CompletableFuture<Void>> roomChannels = new ConcurrentHashMap<>();

  /** An adapter for {@code nsp} over {@code link}. */
  public ShardedRedisAdapter(Namespace nsp, RedisLink link, RedisAdapterOptions options) {
    super(nsp, link, options);
    this.prefix = options.keyPrefix();
    this.mode = options.subscriptionMode();
    this.channel = ClusterProtocol.mainChannel(prefix, nsp.name());
    this.responseChannel = ClusterProtocol.subChannel(prefix, nsp.name(), uid);
  }

  @Override
  public CompletableFuture<Void> init() {
    return super.init()
        .thenCompose(v -> link.ssubscribe(this::onRawMessage, channel, responseChannel));
  }

  @Override
  public CompletableFuture<Void> close() {
    List<String> channels = new ArrayList<>(List.of(channel, responseChannel));
    for (String room : roomChannels.keySet()) {
      channels.add(roomChannel(room));
    }
    roomChannels.clear();
    return link.sunsubscribe(channels.toArray(new String[0]))
        .exceptionally(e -> null)
        .thenCompose(v -> super.close());
  }

  @Override
  public CompletableFuture<Integer> serverCount() {
    return link.numsub(channel, true);
  }

  @Override
  protected CompletableFuture<String> doPublish(ClusterMessage message) {
    return link.spublish(
            ShardedRouting.channelFor(prefix, mode, message), ClusterCodec.encodeSharded(message))
        .thenApply(n -> "");
  }

  @Override
  protected CompletableFuture<?> doPublishResponse(String requesterUid, ClusterMessage response) {
    return link.spublish(
        ClusterProtocol.subChannel(prefix, nsp.name(), requesterUid),
        ClusterCodec.encodeSharded(response));
  }

  @Override
  protected void onCreateRoom(String room) {
    if (mode != SubscriptionMode.STATIC
        && ShardedRouting.hasOwnChannel(mode, socketRooms(room) != null)) {
      roomChannels.computeIfAbsent(room, r -> link.ssubscribe(this::onRawMessage, roomChannel(r)));
    }
  }

  @Override
  protected void onDeleteRoom(String room) {
    if (roomChannels.remove(room) != null) {
      link.sunsubscribe(roomChannel(room));
    }
  }

  /**
   * Completes once this node listens on the channel of {@code room} (at once when the room has no
   * channel of its own here).
   */
  public CompletableFuture<Void> roomSubscription(String room) {
    return roomChannels.getOrDefault(room, CompletableFuture.completedFuture(null));
  }

  private String roomChannel(String room) {
    return ClusterProtocol.subChannel(prefix, nsp.name(), room);
  }

  private void onRawMessage(String ch, byte[] payload) {
    ClusterMessage m;
    try {
      m = ClusterCodec.decodeSharded(payload);
    } catch (IllegalArgumentException e) {
      LOG.debug("invalid format: {}", e.getMessage());
      return;
    }
    if (ch.equals(responseChannel)) {
      onResponse(m);
    } else {
      onMessage(m, null);
    }
  }
}
