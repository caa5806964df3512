package dev.sio.redis;

import dev.sio.redis.internal.ClassicRedisAdapter;
import dev.sio.redis.internal.RedisLink;
import dev.sio.redis.internal.ShardedRedisAdapter;
import dev.sio.redis.internal.StreamReader;
import dev.sio.redis.internal.StreamsRedisAdapter;
import dev.sio.server.Adapter;
import dev.sio.server.AdapterFactory;
import dev.sio.server.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes the Redis adapter of each namespace of one server, wire-compatible with the Node.js
 * adapters so that Java and Node servers share a cluster. Pick the kind the Node servers use:
 *
 * <ul>
 *   <li>{@link #classic} — {@code createAdapter} of {@code @socket.io/redis-adapter} 8.3 (pub/sub);
 *   <li>{@link #sharded} — {@code createShardedAdapter} of the same package (Redis 7 sharded
 *       pub/sub);
 *   <li>{@link #streams} — {@code @socket.io/redis-streams-adapter} 0.3 (Redis streams; the only
 *       one with connection state recovery across servers).
 * </ul>
 *
 * <pre>{@code
 * RedisAdapterFactory redis = RedisAdapterFactory.classic(RedisAdapterOptions.builder().build());
 * var io = SocketIoServer.create(ServerOptions.builder().adapter(redis).build());
 * // ... io.close() closes the adapters, then the factory and its connections
 * io.close();
 * }</pre>
 *
 * <p>Redis is one server ({@link RedisAdapterOptions#uri()}), the master of a Sentinel setup
 * ({@link RedisAdapterOptions.Builder#sentinel}) or a Redis Cluster ({@link
 * RedisAdapterOptions.Builder#cluster}, every kind).
 *
 * <p>A factory holds the server's Redis connections (one for commands, one for subscriptions, and
 * for streams one per stream read); they connect in the background and reconnect by themselves
 * ({@link RedisAdapterOptions#reconnectDelayStep()}). What is published while Redis is unreachable
 * waits in a bounded offline queue and is sent once it is back ({@link
 * RedisAdapterOptions#offlineQueueSize()}); requests that need an answer from Redis fail with a
 * {@link RedisAdapterException} meanwhile. Use one factory per server and let the server close it
 * ({@code io.close()} does), or close it yourself after the server.
 */
public final class RedisAdapterFactory implements AdapterFactory, AutoCloseable {
  private enum Kind {
    CLASSIC,
    SHARDED,
    STREAMS
  }

  private final Kind kind;
  private final RedisAdapterOptions options;
  private final RedisLink link;
  private final List<StreamReader> readers; // streams only: one per stream
  // Any thread: set once by the first close().
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private RedisAdapterFactory(Kind kind, RedisAdapterOptions options) {
    this.kind = kind;
    this.options = options;
    this.link = RedisLink.open(dev.sio.redis.internal.LinkSettings.of(options));
    // When Redis is up, return connected (as before); when not, after the first attempt failed.
    link.firstAttempt().completeOnTimeout(null, 6, TimeUnit.SECONDS).join();
    List<StreamReader> r = new ArrayList<>();
    if (kind == Kind.STREAMS) {
      int count = options.streamCount();
      for (int i = 0; i < count; i++) {
        String name = count == 1 ? options.streamName() : options.streamName() + "-" + i;
        r.add(new StreamReader(link, name, options.readCount(), options.blockTime()));
      }
      CompletableFuture<?>[] started =
          r.stream().map(StreamReader::start).toArray(CompletableFuture<?>[]::new);
      // Read from the end of the stream as it is now, when Redis is up: wait for the readers'
      // starting points, but not for Redis if it is down (they start once it is back).
      if (link.isConnected()) {
        CompletableFuture.allOf(started)
            .completeOnTimeout(null, 5, TimeUnit.SECONDS)
            .exceptionally(e -> null)
            .join();
      }
    }
    this.readers = List.copyOf(r);
  }

  /**
   * {@return the classic adapter} Returns once connected to Redis, or once the first attempt
   * failed: then it connects in the background, and a server starts while Redis is down and joins
   * the cluster once it is reachable.
   *
   * @param options the options
   */
  public static RedisAdapterFactory classic(RedisAdapterOptions options) {
    return new RedisAdapterFactory(Kind.CLASSIC, options);
  }

  /**
   * {@return the sharded adapter (uses {@link RedisAdapterOptions#subscriptionMode()})} Connects as
   * {@link #classic}.
   *
   * @param options the options
   */
  public static RedisAdapterFactory sharded(RedisAdapterOptions options) {
    return new RedisAdapterFactory(Kind.SHARDED, options);
  }

  /**
   * {@return the streams adapter ({@link RedisAdapterOptions#streamsFormat()}, {@link
   * RedisAdapterOptions#streamCount()})} Connects as {@link #classic}; when Redis is up, returns
   * once the stream readers know where the streams end.
   *
   * @param options the options
   */
  public static RedisAdapterFactory streams(RedisAdapterOptions options) {
    return new RedisAdapterFactory(Kind.STREAMS, options);
  }

  /** {@return the options} */
  public RedisAdapterOptions options() {
    return options;
  }

  @Override
  public Adapter create(Namespace namespace) {
    return switch (kind) {
      case CLASSIC -> new ClassicRedisAdapter(namespace, link, options);
      case SHARDED -> new ShardedRedisAdapter(namespace, link, options);
      case STREAMS -> new StreamsRedisAdapter(namespace, link, readerOf(namespace.name()), options);
    };
  }

  private StreamReader readerOf(String nsp) {
    String name = StreamsRedisAdapter.streamName(options.streamName(), options.streamCount(), nsp);
    for (StreamReader r : readers) {
      if (r.streamName().equals(name)) {
        return r;
      }
    }
    throw new IllegalStateException("no reader for stream " + name);
  }

  /** {@return true while the link to Redis is up (for a health check or a gauge)} */
  public boolean isConnected() {
    return link.isConnected();
  }

  /** {@return messages waiting in the offline queue now (published while Redis is unreachable)} */
  public int queuedMessages() {
    return link.queue().size();
  }

  /**
   * {@return messages lost because the offline queue was full ({@link
   * RedisAdapterOptions#offlineQueueSize()}, {@link RedisAdapterOptions#offlineQueueBytes()}) or
   * they waited longer than {@link RedisAdapterOptions#offlineQueueTimeout()}, since the start}
   */
  public long droppedMessages() {
    return link.queue().dropped() + link.queue().expired();
  }

  /**
   * Closes the Redis connections; {@code SocketIoServer.close()} calls it after closing the
   * adapters. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    readers.forEach(StreamReader::close);
    link.close();
  }
}
