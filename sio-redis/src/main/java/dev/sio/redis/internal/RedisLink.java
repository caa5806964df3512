package dev.sio.redis.internal;

import dev.sio.redis.RedisAdapterException;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis connections of one server: one for commands and publishing, one for (sharded, pattern)
 * subscriptions shared by every namespace, each channel subscribed once, so that {@code PUBSUB
 * NUMSUB} counts this server once. To a single Redis, the master its sentinels name, or a Redis
 * Cluster ({@link LinkClient}): on a cluster each command goes to the owner of its key's slot, a
 * shard channel is subscribed on its slot's owner, and a write that fails because a node is down
 * waits in the offline queue like one sent while the whole link is down.
 *
 * <p>The link never refuses to exist: {@link #open} returns at once and connects in the background,
 * retrying with {@link ReconnectDelay} until Redis answers (a server starts while Redis is down).
 * Once connected, Lettuce reconnects by itself with the same delays and subscribes again. What is
 * published while the link is down waits in an {@link OfflineQueue} and is sent, in order, once it
 * is back; other commands fail at once with a {@link RedisAdapterException} naming the address.
 *
 * <p>Handlers run on Lettuce's I/O thread and must not block.
 */
public final class RedisLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

  /** The longest any command waits for its answer (XREAD: on top of its block time). */
  public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

  /** How often queued messages are tried while the link is down. */
  private static final Duration FLUSH_TICK = Duration.ofMillis(50);

  /** A subscription handler: channel name and payload. */
  @FunctionalInterface
  public interface Handler extends BiConsumer<String, byte[]> {}

  private final LinkClient client;
  private final LinkSettings settings;
  private final OfflineQueue queue;
  private final Subscriptions subscriptions;
  // Any thread reads; the connecting task writes once: null until the first connection.
  private volatile LinkConnection pub;
  // Completes once both connections are up for the first time.
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  // Completes after the first attempt to connect, whether it succeeded or not.
  private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
  // Any thread: a flush task is scheduled.
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  // Any thread: System.nanoTime() when the link was last seen back up with messages queued (0:
  // down).
  private volatile long upSince;
  // Any thread: set once by close(), read by the connection state listener.
  private final AtomicBoolean closing;

  private RedisLink(LinkClient client, LinkSettings settings, AtomicBoolean closing) {
    this.client = client;
    this.settings = settings;
    this.closing = closing;
    this.queue =
        new OfflineQueue(
            settings.queueMessages(),
            settings.queueBytes(),
            settings.queueMaxAge(),
            settings.where());
    this.subscriptions = new Subscriptions(this);
  }

  /** Opens a link to {@code settings.uri()} (or its cluster); connects in the background. */
  public static RedisLink open(LinkSettings settings) {
    LinkClient client = LinkClient.open(settings);
    AtomicBoolean closing = new AtomicBoolean();
    RedisLink link = new RedisLink(client, settings, closing);
    client.client().addListener(link.new StateListener());
    link.connectCommands(1);
    return link;
  }

  // ---- connecting -----------------------------------------------------------------------------

  private void connectCommands(long attempt) {
    if (closing.get()) {
      return;
    }
    client
        .connect()
        .whenComplete(
            (c, e) -> {
              if (e != null) {
                retry(attempt, e, () -> connectCommands(attempt + 1));
              } else if (closing.get()) {
                c.closeAsync();
              } else {
                pub = c;
                connectSubscriptions(1);
              }
            });
  }

  private void connectSubscriptions(long attempt) {
    if (closing.get()) {
      return;
    }
    client
        .connectPubSub()
        .whenComplete(
            (c, e) -> {
              if (e != null) {
                retry(attempt, e, () -> connectSubscriptions(attempt + 1));
              } else if (closing.get()) {
                c.closeAsync();
              } else {
                c.addListener(new Dispatcher());
                subscriptions.connected(c);
                ready.complete(null);
                firstAttempt.complete(null);
                flushSoon();
              }
            });
  }

  /**
   * A dedicated connection (the blocking XREAD of a stream), retried like the link's own until it
   * is made or the link closes.
   */
  public CompletableFuture<LinkConnection> dedicated() {
    CompletableFuture<LinkConnection> result = new CompletableFuture<>();
    connectDedicated(1, result);
    return result;
  }

  private void connectDedicated(long attempt, CompletableFuture<LinkConnection> result) {
    if (closing.get()) {
      result.completeExceptionally(closedError());
      return;
    }
    client
        .connect()
        .whenComplete(
            (c, e) -> {
              if (e != null) {
                retry(attempt, e, () -> connectDedicated(attempt + 1, result));
              } else if (closing.get() || !result.complete(c)) {
                c.closeAsync();
              }
            });
  }

  private void retry(long attempt, Throwable e, Runnable again) {
    firstAttempt.complete(null);
    if (closing.get()) {
      return;
    }
    if (attempt == 1) {
      LOG.warn(
          "Redis at {} unreachable ({}); serving local traffic and retrying",
          settings.where(),
          RedisErrors.rootMessage(e));
    } else {
      LOG.debug("connecting to Redis at {} failed again: {}", settings.where(), e.toString());
    }
    try {
      schedule(again, settings.delay().createDelay(attempt + 1));
    } catch (RuntimeException shutDown) {
      LOG.debug("not retrying: {}", shutDown.toString());
    }
  }

  /** Completes once the first attempt to connect succeeded or failed. */
  public CompletableFuture<Void> firstAttempt() {
    return firstAttempt;
  }

  /** Completes once the link connected for the first time. */
  public CompletableFuture<Void> ready() {
    return ready;
  }

  // ---- publishing (queued while offline) ------------------------------------------------------

  /** Publishes {@code payload} on {@code channel}; queued while the link is down. */
  public CompletableFuture<Long> publish(String channel, byte[] payload) {
    return send(payload.length, c -> c.publish(bytes(channel), payload));
  }

  /** SPUBLISH; queued while the link is down. */
  public CompletableFuture<Long> spublish(String channel, byte[] payload) {
    return send(payload.length, c -> c.spublish(bytes(channel), payload));
  }

  /**
   * Sends a write ({@code bytes} long) now, or queues it while the link is down; its future fails
   * when the offline queue refuses it or gives up on it.
   */
  public <T> CompletableFuture<T> send(
      int bytes, Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
    if (closing.get()) {
      return CompletableFuture.failedFuture(closedError());
    }
    Queued<T> q = new Queued<>(bytes, command);
    if (isConnected() && queue.isEmpty()) {
      q.send();
    } else {
      enqueue(q);
    }
    return q.result;
  }

  private void enqueue(Queued<?> q) {
    if (queue.offer(q)) {
      flushSoon();
    } else {
      q.fail(
          new RedisAdapterException(
              "Redis at "
                  + settings.where()
                  + " unreachable and the offline queue is full: message dropped",
              null));
    }
  }

  private void flushSoon() {
    if (!closing.get() && flushScheduled.compareAndSet(false, true)) {
      try {
        schedule(this::flush, FLUSH_TICK);
      } catch (RuntimeException shutDown) {
        flushScheduled.set(false);
      }
    }
  }

  /**
   * Sends what was queued, once the link has been back for the settling time: the other servers
   * reconnect on the same schedule (at most one maximum reconnect delay later) and must have
   * subscribed again, or pub/sub would lose what is sent before.
   */
  private void flush() {
    flushScheduled.set(false);
    if (closing.get() || queue.isEmpty()) {
      return;
    }
    if (!isConnected()) {
      upSince = 0;
      flushSoon();
      return;
    }
    long now = System.nanoTime();
    long since = upSince;
    if (since == 0) {
      upSince = now;
      flushSoon();
      return;
    }
    if (now - since < settle().toNanos()) {
      flushSoon();
      return;
    }
    for (OfflineQueue.Entry e : queue.drain()) {
      e.send();
    }
  }

  /** A write waiting for the link, or in flight. */
  private final class Queued<T> implements OfflineQueue.Entry {
    final int bytes;
    final Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command;
    final CompletableFuture<T> result = new CompletableFuture<>();

    Queued(int bytes, Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
      this.bytes = bytes;
      this.command = command;
    }

    @Override
    public int bytes() {
      return bytes;
    }

    @Override
    public void send() {
      CompletableFuture<T> f;
      try {
        f = command.apply(pub.async()).toCompletableFuture();
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete(
          (v, e) -> {
            if (e == null) {
              result.complete(v);
            } else if (!closing.get() && retriable(e)) {
              // the link (or its node) went down under it, or the cluster is not ok yet: wait
              // until it is back and settled again, rather than trying again every tick
              upSince = 0;
              enqueue(this);
            } else {
              fail(RedisErrors.wrap("a write to Redis at " + settings.where(), e));
            }
          });
    }

    @Override
    public void fail(Throwable error) {
      if (result.completeExceptionally(error)) {
        LOG.debug("a message to Redis at {} is lost: {}", settings.where(), error.toString());
      }
    }
  }

  /**
   * True when a write that failed with {@code e} is kept for later: the connection was lost while
   * the link is down, or, on a cluster, its node is unreachable or the cluster is (re)configuring.
   */
  private boolean retriable(Throwable e) {
    if (client.isCluster()) {
      return RedisErrors.isConnectionLoss(e) || RedisErrors.isClusterTransient(e);
    }
    return !isConnected() && RedisErrors.isConnectionLoss(e);
  }

  /** How long the link must be back before queued messages are sent: the longest delay + 500 ms. */
  Duration settle() {
    return settings.delay().createDelay(Long.MAX_VALUE).plusMillis(500);
  }

  /** The offline queue, for counters. */
  public OfflineQueue queue() {
    return queue;
  }

  // ---- commands that need an answer now ------------------------------------------------------

  /**
   * Runs {@code command} now; fails at once with a {@link RedisAdapterException} about {@code what}
   * while the link is down.
   */
  public <T> CompletableFuture<T> call(
      String what, Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
    LinkConnection c = pub;
    if (c == null || !c.isOpen() || closing.get()) {
      return unusable(what);
    }
    try {
      return RedisErrors.wrapped(what, command.apply(c.async()).toCompletableFuture());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(RedisErrors.wrap(what, e));
    }
  }

  private <T> CompletableFuture<T> unusable(String what) {
    return CompletableFuture.failedFuture(
        new RedisAdapterException(
            what
                + " failed: "
                + (closing.get() ? "the Redis link is closed" : "not connected to Redis at ")
                + (closing.get() ? "" : settings.where()),
            null));
  }

  /**
   * {@code PUBSUB NUMSUB channel} (or SHARDNUMSUB); on a cluster, summed over every master that
   * owns slots, as Node.
   */
  public CompletableFuture<Integer> numsub(String channel, boolean sharded) {
    String what =
        "counting the servers (PUBSUB " + (sharded ? "SHARDNUMSUB " : "NUMSUB ") + channel + ")";
    LinkConnection c = pub;
    if (c == null || !c.isOpen() || closing.get()) {
      return unusable(what);
    }
    try {
      return RedisErrors.wrapped(what, client.countSubscribers(c, bytes(channel), sharded))
          .thenApply(n -> (int) (long) n);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(RedisErrors.wrap(what, e));
    }
  }

  // ---- subscriptions --------------------------------------------------------------------------

  /**
   * Subscribes {@code handler} to {@code names} (SUBSCRIBE); in place once the future completes.
   */
  public CompletableFuture<Void> subscribe(Handler handler, String... names) {
    return subscriptions.add(Subscriptions.Kind.CHANNEL, handler, names);
  }

  /** Unsubscribes from {@code names}. */
  public CompletableFuture<Void> unsubscribe(String... names) {
    return subscriptions.remove(Subscriptions.Kind.CHANNEL, names);
  }

  /** Subscribes {@code handler} to sharded channels {@code names} (SSUBSCRIBE). */
  public CompletableFuture<Void> ssubscribe(Handler handler, String... names) {
    return subscriptions.add(Subscriptions.Kind.SHARD, handler, names);
  }

  /** SUNSUBSCRIBE. */
  public CompletableFuture<Void> sunsubscribe(String... names) {
    return subscriptions.remove(Subscriptions.Kind.SHARD, names);
  }

  /** Subscribes {@code handler} to {@code pattern} (PSUBSCRIBE). */
  public CompletableFuture<Void> psubscribe(Handler handler, String pattern) {
    return subscriptions.add(Subscriptions.Kind.PATTERN, handler, pattern);
  }

  /** PUNSUBSCRIBE. */
  public CompletableFuture<Void> punsubscribe(String pattern) {
    return subscriptions.remove(Subscriptions.Kind.PATTERN, pattern);
  }

  /** Runs {@code task} after {@code delay} on Lettuce's event executors. */
  public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return client
        .client()
        .getResources()
        .eventExecutorGroup()
        .schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} every {@code period} on Lettuce's event executors. */
  public ScheduledFuture<?> every(Runnable task, Duration period) {
    return client
        .client()
        .getResources()
        .eventExecutorGroup()
        .scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True while both connections are up (on a cluster: and every connection to a node). */
  public boolean isConnected() {
    LinkConnection c = pub;
    return c != null && c.isOpen() && subscriptions.isConnected() && client.nodesUp();
  }

  /** True when the link is to a Redis Cluster. */
  public boolean isCluster() {
    return client.isCluster();
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    return closing.get();
  }

  /** {@code host:port} of Redis (or of the sentinels, or the cluster's seeds), for messages. */
  public String where() {
    return settings.where();
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    queue.failAll(closedError());
    ready.completeExceptionally(closedError());
    try {
      subscriptions.close();
      LinkConnection c = pub;
      if (c != null) {
        c.close();
      }
    } finally {
      client.client().shutdown(Duration.ZERO, Duration.ofSeconds(2));
      client.client().getResources().shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  private RedisAdapterException closedError() {
    return new RedisAdapterException("the Redis link to " + settings.where() + " is closed", null);
  }

  /** Logs every change of connection state and sends what was queued once a connection is back. */
  private final class StateListener implements RedisConnectionStateListener {
    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress addr) {
      LOG.info("Redis connection to {} established", addr);
      upSince = 0; // the settling time counts from the last connection that came back
      if (client.isCluster()
          && connection instanceof StatefulRedisPubSubConnection
          && !(connection instanceof StatefulRedisClusterPubSubConnection)) {
        subscriptions.nodeReconnected(addr); // a node's subscription connection
      }
      flushSoon();
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
      if (connection.isClosed()) {
        // closed on purpose (a cluster's topology refresh, a stale node, the link itself)
        LOG.debug("Redis connection closed: {}", connection);
        return;
      }
      upSince = 0;
      if (closing.get()) {
        LOG.debug("Redis connection to {} closed", settings.where());
      } else {
        LOG.warn("Redis connection to {} lost; reconnecting", settings.where());
      }
    }

    @Override
    public void onRedisExceptionCaught(RedisChannelHandler<?, ?> connection, Throwable e) {
      if (!closing.get()) {
        LOG.warn("Redis connection to {} failed: {}", settings.where(), e.toString());
      }
    }
  }

  /** Hands each message to the handler of its channel, pattern or shard channel. */
  private final class Dispatcher extends RedisPubSubAdapter<byte[], byte[]> {
    @Override
    public void message(byte[] channel, byte[] message) {
      run(subscriptions.handler(Subscriptions.Kind.CHANNEL, utf8(channel)), channel, message);
    }

    @Override
    public void message(byte[] pattern, byte[] channel, byte[] message) {
      run(subscriptions.handler(Subscriptions.Kind.PATTERN, utf8(pattern)), channel, message);
    }

    @Override
    public void smessage(byte[] channel, byte[] message) {
      run(subscriptions.handler(Subscriptions.Kind.SHARD, utf8(channel)), channel, message);
    }

    @Override
    public void sunsubscribed(byte[] channel, long count) {
      subscriptions.shardUnsubscribed(utf8(channel));
    }

    private void run(Handler h, byte[] channel, byte[] message) {
      if (h == null) {
        return;
      }
      String name = utf8(channel);
      try {
        h.accept(name, message);
      } catch (RuntimeException e) {
        LOG.warn("dropping a message on {}: {}", name, e.toString());
      }
    }
  }

  /** UTF-8 bytes of {@code s}. */
  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code b} as UTF-8 text. */
  public static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** {@code names} as UTF-8 byte arrays. */
  static byte[][] all(String... names) {
    byte[][] out = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      out[i] = bytes(names[i]);
    }
    return out;
  }

  /** Used by {@link Subscriptions}: true while the link wants its subscriptions. */
  boolean closing() {
    return closing.get();
  }
}
