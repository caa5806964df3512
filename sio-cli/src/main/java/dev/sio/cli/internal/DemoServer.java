package dev.sio.cli.internal;

import dev.sio.admin.AdminAuth;
import dev.sio.admin.AdminOptions;
import dev.sio.admin.AdminUi;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpReply;
import dev.sio.micrometer.SioMetrics;
import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The chat demo: the page at {@code /}, the official browser client at {@code
 * /socket.io/socket.io.js} and the {@link ChatServer} on one listener; with a Redis URL, rooms are
 * shared with every other demo server on that Redis (the classic pub/sub adapter). Optionally the
 * Socket.IO admin UI at {@code /admin/} and Prometheus metrics at {@code /metrics}.
 */
public final class DemoServer implements AutoCloseable {
  private final SocketIoServer io;
  private final RedisAdapterFactory redis; // null without Redis
  private volatile AdminUi admin; // set once at start; null without --admin
  private volatile PrometheusMeterRegistry metrics; // set once at start; null without --metrics
  private volatile WebTransportLauncher webTransport; // set once at start; null without it

  private DemoServer(SocketIoServer io, RedisAdapterFactory redis) {
    this.io = io;
    this.redis = redis;
  }

  /**
   * The chat demo alone (see {@link #start(String, int, URI, String, String, boolean, boolean)}).
   */
  public static DemoServer start(String host, int port, URI redisUrl) {
    return start(host, port, redisUrl, null, null, false, false);
  }

  /**
   * Starts the demo on {@code host:port} (port 0 picks a free one).
   *
   * @param redisUrl a {@code redis://} URL, or {@code null} to keep rooms in this process
   * @param adminUser the admin UI's user, or {@code null} for no admin UI
   * @param adminPassword the admin UI's password in plain text (bcrypt-hashed here)
   * @param metrics whether to serve Prometheus metrics at {@code /metrics}
   * @param stats whether {@link StatsRoute} answers at {@code /sio-stats} (loopback peers only)
   * @throws java.io.UncheckedIOException when the port cannot be bound
   */
  public static DemoServer start(
      String host,
      int port,
      URI redisUrl,
      String adminUser,
      String adminPassword,
      boolean metrics,
      boolean stats) {
    return start(host, port, redisUrl, adminUser, adminPassword, metrics, stats, false);
  }

  /**
   * Starts the demo as above; with {@code webTransport}, also over WebTransport (UDP on the same
   * port number, a certificate made now, its hash at {@link WebTransportLauncher#PATH}).
   */
  public static DemoServer start(
      String host,
      int port,
      URI redisUrl,
      String adminUser,
      String adminPassword,
      boolean metrics,
      boolean stats,
      boolean webTransport) {
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
    if (webTransport) {
      options.transports(
          EngineOptions.POLLING, EngineOptions.WEBSOCKET, EngineOptions.WEBTRANSPORT);
    }
    SocketIoServer io = SocketIoServer.create(options.build());
    WebTransportLauncher launcher = webTransport ? new WebTransportLauncher() : null;
    if (launcher != null) {
      io.listener().route(WebTransportLauncher.PATH, launcher.hashRoute());
    }
    io.listener().route("/", new DemoPage());
    if (stats) {
      io.listener()
          .route(
              StatsRoute.PATH,
              new StatsRoute(io.listener(), java.util.List.of(io.engine()::clientsCount)));
    }
    ChatServer.attach(io);
    DemoServer demo = new DemoServer(io, redis);
    if (metrics) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      SioMetrics.Builder binding = SioMetrics.builder(registry);
      if (redis != null) {
        binding.adapterLink("redis", redis::isConnected);
      }
      binding.bind(io);
      io.listener()
          .route(
              "/metrics",
              request ->
                  request.path().equals("/metrics")
                      ? HttpReply.ok(
                          "text/plain; version=0.0.4; charset=utf-8",
                          registry.scrape().getBytes(StandardCharsets.UTF_8))
                      : null);
      demo.metrics = registry;
    }
    if (adminUser != null) {
      demo.admin =
          AdminUi.instrument(
              io,
              AdminOptions.builder()
                  .auth(AdminAuth.basic(adminUser, AdminAuth.hash(adminPassword)))
                  .build());
    }
    try {
      io.start();
      if (launcher != null) {
        demo.webTransport = launcher.start(io.listener());
      }
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

  /** {@return the WebTransport side, or null without it} */
  public WebTransportLauncher webTransport() {
    return webTransport;
  }

  /** Stops the server, then closes the Redis connections. */
  @Override
  public void close() {
    if (webTransport != null) {
      webTransport.close();
    }
    if (admin != null) {
      admin.close();
    }
    io.close();
    if (redis != null) {
      redis.close();
    }
    if (metrics != null) {
      metrics.close();
    }
  }
}
