package dev.sio.redis.internal;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of one {@link RedisLink}: which channel, shard channel or pattern goes to which
 * handler, and the commands that put them in place on the subscription connection. Before the first
 * connection a subscription only waits; once connected, a SUBSCRIBE that fails (the connection
 * dropped under it) is retried until it succeeds or is no longer wanted, because Lettuce subscribes
 * again after a reconnection only to what Redis had confirmed. Sharded channels are subscribed and
 * unsubscribed one per command, so that a Redis Cluster never sees channels of two slots in one
 * SSUBSCRIBE (it would answer CROSSSLOT), and each goes to its own slot's owner. When a slot moves
 * to another node (resharding), its old owner ends the subscriptions to its shard channels (an
 * SUNSUBSCRIBE nobody asked for): those still wanted are subscribed again, on the new owner.
 */
final class Subscriptions {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
  private static final Duration RETRY = Duration.ofMillis(250);

  /** The three kinds of subscription. */
  enum Kind {
    CHANNEL,
    SHARD,
    PATTERN
  }

  private final RedisLink link;
  // Any thread (registered by adapters, read on Lettuce's I/O thread): name -> handler, per kind.
  private final Map<Kind, Map<String, RedisLink.Handler>> handlers = new EnumMap<>(Kind.class);
  // Guarded by this: subscriptions asked for before the first connection.
  private final List<Runnable> waiting = new ArrayList<>();
  // Written once under this by the connecting task; null until then.
  private volatile StatefulRedisPubSubConnection<byte[], byte[]> sub;

  Subscriptions(RedisLink link) {
    this.link = link;
    for (Kind k : Kind.values()) {
      handlers.put(k, new ConcurrentHashMap<>());
    }
  }

  RedisLink.Handler handler(Kind kind, String name) {
    return handlers.get(kind).get(name);
  }

  boolean isConnected() {
    StatefulRedisPubSubConnection<byte[], byte[]> c = sub;
    return c != null && c.isOpen();
  }

  /** The subscription connection is up: subscribe what waited. */
  void connected(StatefulRedisPubSubConnection<byte[], byte[]> connection) {
    List<Runnable> now;
    synchronized (this) {
      sub = connection;
      now = new ArrayList<>(waiting);
      waiting.clear();
    }
    now.forEach(Runnable::run);
  }

  CompletableFuture<Void> add(Kind kind, RedisLink.Handler handler, String... names) {
    for (String n : names) {
      handlers.get(kind).put(n, handler);
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    Runnable start =
        () -> {
          if (kind == Kind.SHARD) {
            List<CompletableFuture<Void>> each = new ArrayList<>();
            for (String n : names) {
              each.add(retrying(kind, c -> c.ssubscribe(RedisLink.bytes(n)), n));
            }
            CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]))
                .whenComplete(
                    (v, e) -> {
                      if (e == null) {
                        result.complete(null);
                      } else {
                        result.completeExceptionally(e);
                      }
                    });
          } else {
            retrying(kind, command(kind, names), names[0])
                .whenComplete(
                    (v, e) -> {
                      if (e == null) {
                        result.complete(null);
                      } else {
                        result.completeExceptionally(e);
                      }
                    });
          }
        };
    boolean connectedNow;
    synchronized (this) {
      connectedNow = sub != null;
      if (!connectedNow) {
        waiting.add(start);
      }
    }
    if (connectedNow) {
      start.run();
    }
    return result;
  }

  private static Function<RedisPubSubAsyncCommands<byte[], byte[]>, RedisFuture<Void>> command(
      Kind kind, String... names) {
    byte[][] raw = RedisLink.all(names);
    return switch (kind) {
      case CHANNEL -> c -> c.subscribe(raw);
      case SHARD -> c -> c.ssubscribe(raw);
      case PATTERN -> c -> c.psubscribe(raw);
    };
  }

  CompletableFuture<Void> remove(Kind kind, String... names) {
    for (String n : names) {
      handlers.get(kind).remove(n);
    }
    StatefulRedisPubSubConnection<byte[], byte[]> c = sub;
    if (c == null || !c.isOpen()) {
      return CompletableFuture.completedFuture(null); // nothing in place; a reconnection will not
      // subscribe again what has no handler (Lettuce resubscribes confirmed channels: harmless)
    }
    if (kind == Kind.SHARD && names.length > 1) {
      List<CompletableFuture<Void>> each = new ArrayList<>();
      for (String n : names) {
        each.add(remove(kind, n));
      }
      return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]));
    }
    try {
      byte[][] raw = RedisLink.all(names);
      RedisFuture<Void> f =
          switch (kind) {
            case CHANNEL -> c.async().unsubscribe(raw);
            case SHARD -> c.async().sunsubscribe(raw);
            case PATTERN -> c.async().punsubscribe(raw);
          };
      return f.toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Redis ended the subscription to shard channel {@code name}: when it was not asked for (its slot
   * moved to another node) and the channel is still wanted, subscribes again, after a short delay
   * so that the topology can be read again (a {@code MOVED} answer also sends it to the new owner).
   */
  void shardUnsubscribed(String name) {
    if (link.closing() || !handlers.get(Kind.SHARD).containsKey(name)) {
      return;
    }
    LOG.info("the subscription to shard channel {} ended (slot moved?); subscribing again", name);
    try {
      link.schedule(
          () -> {
            if (handlers.get(Kind.SHARD).containsKey(name) && sub != null) {
              retrying(Kind.SHARD, c -> c.ssubscribe(RedisLink.bytes(name)), name);
            }
          },
          RETRY);
    } catch (RuntimeException shutDown) {
      LOG.debug("not subscribing again: {}", shutDown.toString());
    }
  }

  /**
   * A connection to one node of a cluster came back ({@code address}): subscribes again, one
   * channel per command, to the shard channels that node owns. (Lettuce subscribes a node's
   * connection again with all its shard channels in one SSUBSCRIBE, which the cluster refuses with
   * CROSSSLOT when they are in different slots.)
   */
  void nodeReconnected(SocketAddress address) {
    if (!(sub instanceof StatefulRedisClusterPubSubConnection<byte[], byte[]> cluster)
        || !(address instanceof InetSocketAddress at)
        || handlers.get(Kind.SHARD).isEmpty()) {
      return;
    }
    Partitions partitions = cluster.getPartitions();
    for (String name : handlers.get(Kind.SHARD).keySet()) {
      RedisClusterNode owner =
          partitions.getPartitionBySlot(SlotHash.getSlot(RedisLink.bytes(name)));
      if (owner != null && ClusterLinkClient.isAt(owner, at)) {
        LOG.debug("subscribing again to shard channel {} on {}", name, address);
        retrying(Kind.SHARD, c -> c.ssubscribe(RedisLink.bytes(name)), name);
      }
    }
  }

  private CompletableFuture<Void> retrying(
      Kind kind,
      Function<RedisPubSubAsyncCommands<byte[], byte[]>, RedisFuture<Void>> command,
      String first) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    attempt(kind, command, first, result);
    return result;
  }

  private void attempt(
      Kind kind,
      Function<RedisPubSubAsyncCommands<byte[], byte[]>, RedisFuture<Void>> command,
      String first,
      CompletableFuture<Void> result) {
    CompletableFuture<Void> f;
    try {
      f = command.apply(sub.async()).toCompletableFuture();
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete(
        (v, e) -> {
          if (e == null) {
            result.complete(null);
          } else if (link.closing() || !handlers.get(kind).containsKey(first)) {
            result.completeExceptionally(e);
          } else {
            LOG.debug("subscribing to {} failed, retrying: {}", first, e.toString());
            try {
              link.schedule(() -> attempt(kind, command, first, result), RETRY);
            } catch (RuntimeException shutDown) {
              result.completeExceptionally(e);
            }
          }
        });
  }

  void close() {
    StatefulRedisPubSubConnection<byte[], byte[]> c;
    synchronized (this) {
      c = sub;
      waiting.clear();
    }
    if (c != null) {
      c.close();
    }
  }
}
