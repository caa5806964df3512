package dev.sio.redis.internal;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A Redis Cluster through Lettuce's {@link RedisClusterClient}: commands go to the owner of their
 * key's slot (a stream key, a shard channel), keyless ones (PUBLISH, SUBSCRIBE) to one node and the
 * cluster bus forwards publications; {@code MOVED} and {@code ASK} are followed and refresh the
 * topology, which is also read again every {@link #TOPOLOGY_REFRESH}. Each connection to a node
 * reconnects by itself and subscribes again to what it held.
 */
final class ClusterLinkClient implements LinkClient {
  /** How often the topology is read again when nothing else (a redirection) asks for it. */
  static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(10);

  private final RedisClusterClient client;
  // Lettuce's I/O threads add and remove, any thread reads: node connections that dropped and
  // have not reconnected yet (a closed one is ignored, see nodesUp).
  private final Set<RedisChannelHandler<?, ?>> down = ConcurrentHashMap.newKeySet();
  // Lettuce's I/O threads write, any thread reads: the address each connection last connected to.
  private final Map<RedisChannelHandler<?, ?>, InetSocketAddress> addresses =
      new ConcurrentHashMap<>();
  // Any thread: set once the topology was first read.
  private volatile boolean topologyKnown;

  private ClusterLinkClient(RedisClusterClient client) {
    this.client = client;
  }

  static ClusterLinkClient open(LinkSettings settings) {
    ClientResources resources =
        DefaultClientResources.builder().reconnectDelay(settings.delay()).build();
    RedisClusterClient client = RedisClusterClient.create(resources, settings.clusterNodes());
    client.setOptions(
        ClusterClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(settings.socketOptions())
            .timeoutOptions(settings.timeoutOptions())
            .topologyRefreshOptions(
                ClusterTopologyRefreshOptions.builder()
                    .enableAllAdaptiveRefreshTriggers()
                    .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
                    .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                    .build())
            .build());
    ClusterLinkClient link = new ClusterLinkClient(client);
    client.addListener(link.new NodeStates());
    return link;
  }

  @Override
  public AbstractRedisClient client() {
    return client;
  }

  @Override
  public CompletableFuture<LinkConnection> connect() {
    return topology()
        .thenCompose(v -> client.connectAsync(ByteArrayCodec.INSTANCE))
        .thenCompose(
            c ->
                toMasters(c.getPartitions(), (host, port) -> c.getConnectionAsync(host, port))
                    .thenApply(v -> new LinkConnection(c, c.async())));
  }

  @Override
  public CompletableFuture<StatefulRedisPubSubConnection<byte[], byte[]>> connectPubSub() {
    return topology()
        .thenCompose(v -> client.connectPubSubAsync(ByteArrayCodec.INSTANCE))
        .thenCompose(
            c ->
                toMasters(c.getPartitions(), (host, port) -> c.getConnectionAsync(host, port))
                    .thenApply(v -> c));
  }

  /**
   * Opens the connections to every master that owns slots now (the ones a command to a slot uses,
   * keyed by host and port), instead of at the first command: Lettuce refuses a command while its
   * node's connection is still being made. Completes when each is made or failed (a node that is
   * down is connected to once it is back).
   */
  private static CompletableFuture<Void> toMasters(
      Partitions partitions, BiFunction<String, Integer, CompletableFuture<?>> connect) {
    List<CompletableFuture<?>> each = new ArrayList<>();
    for (RedisClusterNode node : partitions) {
      if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getSlots().isEmpty()) {
        each.add(
            connect
                .apply(node.getUri().getHost(), node.getUri().getPort())
                .exceptionally(e -> null));
      }
    }
    return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]));
  }

  /** Completes once the topology was read from one of the seeds (Lettuce connects only then). */
  private CompletableFuture<Void> topology() {
    if (topologyKnown) {
      return CompletableFuture.completedFuture(null);
    }
    return client
        .refreshPartitionsAsync()
        .toCompletableFuture()
        .thenRun(() -> topologyKnown = true);
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletableFuture<Long> countSubscribers(
      LinkConnection connection, byte[] channel, boolean sharded) {
    var cluster = (StatefulRedisClusterConnection<byte[], byte[]>) connection.stateful();
    List<CompletableFuture<Long>> counts = new ArrayList<>();
    for (RedisClusterNode node : cluster.getPartitions()) {
      if (!node.is(RedisClusterNode.NodeFlag.UPSTREAM) || node.getSlots().isEmpty()) {
        continue;
      }
      counts.add(
          cluster
              .getConnectionAsync(node.getUri().getHost(), node.getUri().getPort())
              .thenCompose(
                  c ->
                      sharded
                          ? c.async().pubsubShardNumsub(channel)
                          : c.async().pubsubNumsub(channel))
              .thenApply(StandaloneLinkClient::sum));
    }
    return CompletableFuture.allOf(counts.toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> counts.stream().mapToLong(CompletableFuture::join).sum());
  }

  /**
   * True unless a connection to a master that owns slots is down. A connection to a node that no
   * longer owns slots (a master replaced by its replica, a node being removed) does not count.
   */
  @Override
  public boolean nodesUp() {
    if (down.isEmpty()) {
      return true;
    }
    down.removeIf(RedisChannelHandler::isClosed);
    addresses.keySet().removeIf(RedisChannelHandler::isClosed);
    Partitions partitions = topologyKnown ? client.getPartitions() : null;
    for (RedisChannelHandler<?, ?> h : down) {
      InetSocketAddress at = addresses.get(h);
      if (at == null || partitions == null || ownsSlots(partitions, at)) {
        return false;
      }
    }
    return true;
  }

  private static boolean ownsSlots(Partitions partitions, InetSocketAddress at) {
    for (RedisClusterNode node : partitions) {
      if (isAt(node, at)) {
        return node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getSlots().isEmpty();
      }
    }
    return false; // no longer in the topology
  }

  /** True when {@code node} is the one at {@code at} (its host as a name or as an address). */
  static boolean isAt(RedisClusterNode node, InetSocketAddress at) {
    String host = node.getUri().getHost();
    return node.getUri().getPort() == at.getPort()
        && (host.equals(at.getHostString())
            || (at.getAddress() != null && host.equals(at.getAddress().getHostAddress())));
  }

  @Override
  public boolean isCluster() {
    return true;
  }

  /** Keeps {@link #down} up to date for every connection of the client, to every node. */
  private final class NodeStates implements RedisConnectionStateListener {
    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
      if (address instanceof InetSocketAddress at) {
        addresses.put(connection, at);
      }
      down.remove(connection);
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
      if (!connection.isClosed()) {
        down.add(connection);
      }
    }
  }
}
