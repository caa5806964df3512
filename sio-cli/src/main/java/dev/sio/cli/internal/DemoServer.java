package dev.sio.cli.internal;

import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.net.URI;

/**
 * The chat demo: the page at {@code /}, the official browser client at {@code
 * /socket.io/socket.io.js} and the {@link ChatServer} on one listener; with a Redis URL, rooms are
 * shared with every other demo server on that Redis (the classic pub/sub adapter).
 */
public final class DemoServer implements AutoCloseable {
  private final SocketIoServer io;
  private final RedisAdapterFactory redis; // null without Redis

  private DemoServer(SocketIoServer io, RedisAdapterFactory redis) {
    this.io = io;
    this.redis = redis;
  }

  /**
   * Starts the demo on {@code host:port} (port 0 picks a free one).
   *
   * @param redisUrl a {@code redis://} URL, or {@code null} to keep rooms in this process
   * @throws java.io.UncheckedIOException when the port cannot be bound
   */
  public static DemoServer start(String host, int port, URI redisUrl) {
    return start(host, port, redisUrl, false);
  }

  /**
   * Starts the demo; with {@code stats}, also {@link StatsRoute} at {@code /sio-stats} (loopback
   * peers only).
   */
  public static DemoServer start(String host, int port, URI redisUrl, boolean stats) {
    RedisAdapterFactory redis =
        redisUrl == null
            ? null
            : RedisAdapterFactory.classic(
                RedisAdapterOptions.builder()
                    .uri(redisUrl.toString())
                    .keyPrefix("sio-demo")
                    .build());
    ServerOptions.Builder options =
        ServerOptions.builder()
            .host(host)
            .port(port)
            .maxHttpBufferSize(ChatServer.MAX_IMAGE + 64 * 1024);
    if (redis != null) {
      options.adapter(redis);
    }
    SocketIoServer io = SocketIoServer.create(options.build());
    io.listener().route("/", new DemoPage());
    if (stats) {
      io.listener()
          .route(
              StatsRoute.PATH,
              new StatsRoute(io.listener(), java.util.List.of(io.engine()::clientsCount)));
    }
    ChatServer.attach(io);
    DemoServer demo = new DemoServer(io, redis);
    try {
      io.start();
    } catch (RuntimeException e) {
      demo.close();
      throw e;
    }
    return demo;
  }

  /** The port listened on. */
  public int port() {
    return io.port();
  }

  /** Stops the server, then closes the Redis connections. */
  @Override
  public void close() {
    io.close();
    if (redis != null) {
      redis.close();
    }
  }
}
