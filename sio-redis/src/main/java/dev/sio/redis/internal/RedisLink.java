package dev.sio.redis.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis connections of one server: one for commands and publishing, one for (sharded, pattern)
 * subscriptions shared by every namespace, each channel subscribed once, so that {@code PUBSUB
 * NUMSUB} counts this server once. Lettuce reconnects by itself and subscribes again to every
 * channel; commands issued while disconnected fail at once instead of piling up, and every change
 * of connection state is logged.
 *
 * <p>Handlers run on Lettuce's I/O thread and must not block.
 */
public final class RedisLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

  /** The longest any command waits for its answer (XREAD: on top of its block time). */
  public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

  /** A subscription handler: channel name and payload. */
  @FunctionalInterface
  public interface Handler extends BiConsumer<String, byte[]> {}

  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> pub;
  private final StatefulRedisPubSubConnection<byte[], byte[]> sub;
  // Any thread (registered by adapters, read on Lettuce's I/O thread): channel -> handler.
  private final Map<String, Handler> channels = new ConcurrentHashMap<>();
  // Same, for sharded channels.
  private final Map<String, Handler> shardChannels = new ConcurrentHashMap<>();
  // Same, for patterns.
  private final Map<String, Handler> patterns = new ConcurrentHashMap<>();
  // Any thread: set once by close().
  private volatile boolean closed;
  // Any thread: set once by close(), read by the connection state listener.
  private final AtomicBoolean closing;

  private RedisLink(RedisClient client, AtomicBoolean closing) {
    this.client = client;
    this.closing = closing;
    this.pub = client.connect(ByteArrayCodec.INSTANCE);
    this.sub = client.connectPubSub(ByteArrayCodec.INSTANCE);
    sub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(byte[] channel, byte[] message) {
            dispatch(channels, utf8(channel), message);
          }

          @Override
          public void message(byte[] pattern, byte[] channel, byte[] message) {
            Handler h = patterns.get(utf8(pattern));
            if (h != null) {
              run(h, utf8(channel), message);
            }
          }

          @Override
          public void smessage(byte[] channel, byte[] message) {
            dispatch(shardChannels, utf8(channel), message);
          }
        });
  }

  /**
   * Connects to {@code uri}.
   *
   * @param maxBlock the longest block time of the blocking commands that will be sent (XREAD)
   * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached now
   */
  public static RedisLink connect(RedisURI uri, Duration maxBlock) {
    // Reconnect quickly after an outage: 20 ms doubling up to 2 s between attempts.
    ClientResources resources =
        DefaultClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(20), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
            .build();
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(5)).build())
            .timeoutOptions(
                TimeoutOptions.builder()
                    .timeoutCommands(true)
                    .timeoutSource(new CommandTimeouts(maxBlock))
                    .build())
            .build());
    AtomicBoolean closing = new AtomicBoolean();
    String where = uri.getHost() + ":" + uri.getPort();
    client.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress addr) {
            LOG.info("Redis connection to {} established", addr);
          }

          @Override
          public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (closing.get()) {
              LOG.debug("Redis connection to {} closed", where);
            } else {
              LOG.warn("Redis connection to {} lost; reconnecting", where);
            }
          }

          @Override
          public void onRedisExceptionCaught(RedisChannelHandler<?, ?> connection, Throwable e) {
            if (!closing.get()) {
              LOG.warn("Redis connection to {} failed: {}", where, e.toString());
            }
          }
        });
    try {
      return new RedisLink(client, closing);
    } catch (RuntimeException e) {
      client.shutdown();
      resources.shutdown();
      throw e;
    }
  }

  /** The command connection (publish, NUMSUB, XADD, SET…). */
  public RedisAsyncCommands<byte[], byte[]> commands() {
    return pub.async();
  }

  /** The client, to open dedicated connections (blocking XREAD). */
  public RedisClient client() {
    return client;
  }

  /** Publishes {@code payload} on {@code channel}; failures are logged, never thrown. */
  public CompletableFuture<Long> publish(String channel, byte[] payload) {
    return logged(pub.async().publish(bytes(channel), payload).toCompletableFuture(), channel);
  }

  /** SPUBLISH; failures are logged, never thrown. */
  public CompletableFuture<Long> spublish(String channel, byte[] payload) {
    return logged(pub.async().spublish(bytes(channel), payload).toCompletableFuture(), channel);
  }

  /**
   * Subscribes {@code handler} to {@code names} (one SUBSCRIBE). While Redis is unreachable the
   * subscription is retried every second; the future completes once it is in place.
   */
  public CompletableFuture<Void> subscribe(Handler handler, String... names) {
    for (String n : names) {
      channels.put(n, handler);
    }
    return retrying(
        () -> sub.async().subscribe(all(names)), () -> channels.containsKey(names[0]), names[0]);
  }

  /** Unsubscribes from {@code names}. */
  public CompletableFuture<Void> unsubscribe(String... names) {
    for (String n : names) {
      channels.remove(n);
    }
    return sub.async().unsubscribe(all(names)).toCompletableFuture();
  }

  /** Subscribes {@code handler} to sharded channels {@code names} (SSUBSCRIBE), retrying. */
  public CompletableFuture<Void> ssubscribe(Handler handler, String... names) {
    for (String n : names) {
      shardChannels.put(n, handler);
    }
    return retrying(
        () -> sub.async().ssubscribe(all(names)),
        () -> shardChannels.containsKey(names[0]),
        names[0]);
  }

  /** SUNSUBSCRIBE. */
  public CompletableFuture<Void> sunsubscribe(String... names) {
    for (String n : names) {
      shardChannels.remove(n);
    }
    return sub.async().sunsubscribe(all(names)).toCompletableFuture();
  }

  /** Subscribes {@code handler} to {@code pattern} (PSUBSCRIBE), retrying. */
  public CompletableFuture<Void> psubscribe(Handler handler, String pattern) {
    patterns.put(pattern, handler);
    return retrying(
        () -> sub.async().psubscribe(bytes(pattern)), () -> patterns.containsKey(pattern), pattern);
  }

  /** PUNSUBSCRIBE. */
  public CompletableFuture<Void> punsubscribe(String pattern) {
    patterns.remove(pattern);
    return sub.async().punsubscribe(bytes(pattern)).toCompletableFuture();
  }

  /**
   * Runs a subscription command until it succeeds or is no longer wanted. Lettuce subscribes again
   * by itself after a reconnection, but only to what Redis had confirmed: a subscription attempted
   * while disconnected must be retried here.
   */
  private CompletableFuture<Void> retrying(
      Supplier<RedisFuture<Void>> command, BooleanSupplier wanted, String what) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    attempt(command, wanted, what, result);
    return result;
  }

  private void attempt(
      Supplier<RedisFuture<Void>> command,
      BooleanSupplier wanted,
      String what,
      CompletableFuture<Void> result) {
    command
        .get()
        .whenComplete(
            (v, e) -> {
              if (e == null) {
                result.complete(null);
              } else if (closed || !wanted.getAsBoolean()) {
                result.completeExceptionally(e);
              } else {
                LOG.debug("subscribing to {} failed, retrying: {}", what, e.toString());
                try {
                  schedule(() -> attempt(command, wanted, what, result), Duration.ofSeconds(1));
                } catch (RuntimeException shutDown) {
                  result.completeExceptionally(e);
                }
              }
            });
  }

  /** {@code PUBSUB NUMSUB channel} (or SHARDNUMSUB). */
  public CompletableFuture<Integer> numsub(String channel, boolean sharded) {
    var f =
        sharded
            ? pub.async().pubsubShardNumsub(bytes(channel))
            : pub.async().pubsubNumsub(bytes(channel));
    return RedisErrors.wrapped(
        "counting the servers (PUBSUB " + (sharded ? "SHARDNUMSUB " : "NUMSUB ") + channel + ")",
        f.toCompletableFuture()
            .thenApply(
                map -> {
                  long n = 0;
                  for (Long v : map.values()) {
                    n += v == null ? 0 : v;
                  }
                  return (int) n;
                }));
  }

  /** Runs {@code task} after {@code delay} on Lettuce's event executors. */
  public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return client
        .getResources()
        .eventExecutorGroup()
        .schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True while the subscription connection is up. */
  public boolean isConnected() {
    return sub.isOpen() && pub.isOpen();
  }

  @Override
  public void close() {
    closed = true;
    closing.set(true);
    try {
      sub.close();
      pub.close();
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      client.getResources().shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  /**
   * Commands caught by a connection loss are retried after the reconnection; none may wait longer
   * than {@link #COMMAND_TIMEOUT} (a blocking XREAD: its block time plus that).
   */
  private static final class CommandTimeouts extends TimeoutOptions.TimeoutSource {
    private final long blockingTimeout;

    CommandTimeouts(Duration maxBlock) {
      this.blockingTimeout = COMMAND_TIMEOUT.plus(maxBlock).toMillis();
    }

    @Override
    public long getTimeout(RedisCommand<?, ?, ?> command) {
      return command.getType() == CommandType.XREAD ? blockingTimeout : COMMAND_TIMEOUT.toMillis();
    }

    @Override
    public TimeUnit getTimeUnit() {
      return TimeUnit.MILLISECONDS;
    }
  }

  private static void dispatch(Map<String, Handler> handlers, String channel, byte[] message) {
    Handler h = handlers.get(channel);
    if (h != null) {
      run(h, channel, message);
    }
  }

  private static void run(Handler h, String channel, byte[] message) {
    try {
      h.accept(channel, message);
    } catch (RuntimeException e) {
      LOG.warn("dropping a message on {}: {}", channel, e.toString());
    }
  }

  private static <T> CompletableFuture<T> logged(CompletableFuture<T> f, String channel) {
    f.exceptionally(
        e -> {
          LOG.debug("publish on {} failed: {}", channel, e.toString());
          return null;
        });
    return f;
  }

  /** UTF-8 bytes of {@code s}. */
  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code b} as UTF-8 text. */
  public static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[][] all(String... names) {
    byte[][] out = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      out[i] = bytes(names[i]);
    }
    return out;
  }
}
