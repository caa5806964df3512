package dev.sio.redis;

import dev.sio.redis.internal.ClassicRedisAdapter;
import dev.sio.redis.internal.RedisErrors;
import dev.sio.redis.internal.RedisLink;
import dev.sio.redis.internal.ShardedRedisAdapter;
import dev.sio.redis.internal.StreamReader;
import dev.sio.redis.internal.StreamsRedisAdapter;
import dev.sio.server.Adapter;
import dev.sio.server.AdapterFactory;
import dev.sio.server.Namespace;

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
 * <p>A factory holds the server's Redis connections (one for commands, one for subscriptions, and
 * for streams one reading the stream); they reconnect by themselves. Use one factory per server and
 * let the server close it ({@code io.close()} does), or close it yourself after the server.
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
  private final StreamReader reader; // streams only
  // Any thread: set once by the first close().
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private RedisAdapterFactory(Kind kind, RedisAdapterOptions options) {
    this.kind = kind;
    this.options = options;
    try {
      this.link = RedisLink.connect(RedisErrors.parseUri(options.uri()), options.blockTime());
    } catch (RuntimeException e) {
      throw RedisErrors.wrap("connecting to Redis at " + RedisErrors.where(options.uri()), e);
    }
    StreamReader r = null;
    if (kind == Kind.STREAMS) {
      try {
        r = new StreamReader(link, options.streamName(), options.readCount(), options.blockTime());
        r.start().join();
      } catch (RuntimeException e) {
        if (r != null) {
          r.close();
        }
        link.close();
        throw RedisErrors.wrap("reading the stream " + options.streamName(), e);
      }
    }
    this.reader = r;
  }

  /**
   * The classic adapter. Connects to Redis now.
   *
   * @throws RedisAdapterException when Redis cannot be reached
   */
  public static RedisAdapterFactory classic(RedisAdapterOptions options) {
    return new RedisAdapterFactory(Kind.CLASSIC, options);
  }

  /**
   * The sharded adapter (uses {@link RedisAdapterOptions#subscriptionMode()}). Connects to Redis
   * now.
   *
   * @throws RedisAdapterException when Redis cannot be reached
   */
  public static RedisAdapterFactory sharded(RedisAdapterOptions options) {
    return new RedisAdapterFactory(Kind.SHARDED, options);
  }

  /**
   * The streams adapter. Connects to Redis now.
   *
   * @throws RedisAdapterException when Redis cannot be reached
   */
  public static RedisAdapterFactory streams(RedisAdapterOptions options) {
    return new RedisAdapterFactory(Kind.STREAMS, options);
  }

  /** The options. */
  public RedisAdapterOptions options() {
    return options;
  }

  @Override
  public Adapter create(Namespace namespace) {
    return switch (kind) {
      case CLASSIC -> new ClassicRedisAdapter(namespace, link, options);
      case SHARDED -> new ShardedRedisAdapter(namespace, link, options);
      case STREAMS -> new StreamsRedisAdapter(namespace, link, reader, options);
    };
  }

  /** True while the link to Redis is up (for a health check or a gauge). */
  public boolean isConnected() {
    return link.isConnected();
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
    if (reader != null) {
      reader.close();
    }
    link.close();
  }
}
