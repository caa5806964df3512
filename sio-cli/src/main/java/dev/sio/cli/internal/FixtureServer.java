package dev.sio.cli.internal;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;
import dev.sio.server.internal.ConformanceFixture;

/**
 * The server the official test suites expect ({@code docs/engine.io-protocol/v4-test-suite} and
 * {@code docs/socket.io-protocol/v5-test-suite} of the socket.io monorepo), on one listener: an
 * Engine.IO echo at {@code /engine.io/} and the suite's Socket.IO server at {@code /socket.io/}
 * ({@link ConformanceFixture}), both with pingInterval 300 ms, pingTimeout 200 ms and maxPayload 1
 * 000 000.
 */
public final class FixtureServer {
  private FixtureServer() {}

  /** The Engine.IO settings of the suites at {@code /engine.io/}. */
  public static EngineOptions engineOptions() {
    return ConformanceFixture.engineOptions(false);
  }

  /**
   * Starts the fixture on {@code host:port} (port 0 picks a free one); close the listener to stop.
   *
   * @throws java.io.UncheckedIOException when the port cannot be bound
   */
  public static HttpListener start(String host, int port) {
    return start(host, port, false);
  }

  /**
   * Starts the fixture; with {@code stats}, also {@link StatsRoute} at {@code /sio-stats} (loopback
   * peers only).
   */
  public static HttpListener start(String host, int port, boolean stats) {
    return start(host, port, stats, false);
  }

  /**
   * Starts the fixture; with {@code allowEIO3}, Engine.IO v3 (Socket.IO v2) clients are served at
   * both paths too (the v3 suite: {@code docs/engine.io-protocol/v3-test-suite}).
   */
  public static HttpListener start(String host, int port, boolean stats, boolean allowEIO3) {
    return start(host, port, stats, allowEIO3, false);
  }

  /**
   * Starts the fixture; with {@code webTransport}, the Engine.IO echo and the Socket.IO server also
   * take the {@code webtransport} transport (the caller starts the UDP side: {@link
   * WebTransportLauncher}).
   */
  public static HttpListener start(
      String host, int port, boolean stats, boolean allowEIO3, boolean webTransport) {
    HttpListener listener =
        HttpListener.create(
            HttpListenerOptions.builder()
                .host(host)
                .port(port)
                // One event loop, like Node's one thread: the suites send two requests of one
                // session on two connections at the same instant and expect them handled in the
                // order they arrived, which several loops cannot promise across connections.
                .eventLoopThreads(1)
                .build());
    ConformanceFixture.Served served = ConformanceFixture.serve(listener, allowEIO3, webTransport);
    EngineServer engine = served.engine();
    var io = served.io();
    if (stats) {
      listener.route(
          StatsRoute.PATH,
          new StatsRoute(
              listener, java.util.List.of(engine::clientsCount, io.engine()::clientsCount)));
    }
    return listener.start();
  }
}
