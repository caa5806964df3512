package dev.sio.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineHost;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.server.ServerOptions;
import dev.sio.server.Socket;
import dev.sio.server.SocketIoServer;
import java.time.Duration;

/**
 * The Socket.IO server the official protocol test suite ({@code docs/socket.io-protocol/
 * v5-test-suite}) expects at {@code /socket.io/}: pingInterval 300 ms, pingTimeout 200 ms,
 * maxPayload 1 MB, connectTimeout 1 s, namespaces {@code /} and {@code /custom} which emit {@code
 * auth} with the CONNECT payload, {@code message} answered by {@code message-back}, {@code
 * message-with-ack} acknowledged with the same arguments; and the Engine.IO echo the official
 * {@code engine.io-protocol/v4-test-suite} expects at {@code /engine.io/} ({@link #serve}). Used by
 * the test fixture, by {@code ./sio fixture} and by the Servlet containers' fixtures.
 */
public final class ConformanceFixture {
  private ConformanceFixture() {}

  /** The server options of the suite. */
  public static ServerOptions options() {
    return options(false);
  }

  /** The server options of the suite, serving Socket.IO v2 clients too when {@code allowEIO3}. */
  public static ServerOptions options(boolean allowEIO3) {
    return options(allowEIO3, false);
  }

  /**
   * The server options of the suite; with {@code webTransport}, the {@code webtransport} transport
   * is taken too (the caller starts the UDP side, sio-webtransport's {@code WebTransportListener}).
   */
  public static ServerOptions options(boolean allowEIO3, boolean webTransport) {
    return ServerOptions.builder()
        .engine(
            e -> {
              e.allowEIO3(allowEIO3);
              if (webTransport) {
                e.transports(
                    EngineOptions.POLLING, EngineOptions.WEBSOCKET, EngineOptions.WEBTRANSPORT);
              }
            })
        .path("/socket.io/")
        .pingInterval(Duration.ofMillis(300))
        .pingTimeout(Duration.ofMillis(200))
        .maxHttpBufferSize(1_000_000)
        .connectTimeout(Duration.ofMillis(1000))
        .cors(CorsOptions.anyOrigin()) // for the suite's browser runner (index.html)
        .build();
  }

  /** The Engine.IO settings of the suites at {@code /engine.io/}, Engine.IO v3 too when asked. */
  public static EngineOptions engineOptions(boolean allowEIO3) {
    return engineOptions(allowEIO3, false);
  }

  /** As above; with {@code webTransport}, the echo takes the {@code webtransport} transport too. */
  public static EngineOptions engineOptions(boolean allowEIO3, boolean webTransport) {
    return EngineOptions.builder()
        .transports(
            webTransport
                ? new String[] {
                  EngineOptions.POLLING, EngineOptions.WEBSOCKET, EngineOptions.WEBTRANSPORT
                }
                : new String[] {EngineOptions.POLLING, EngineOptions.WEBSOCKET})
        .allowEIO3(allowEIO3)
        .path("/engine.io/")
        .pingInterval(Duration.ofMillis(300))
        .pingTimeout(Duration.ofMillis(200))
        .maxHttpBufferSize(1_000_000)
        .cors(CorsOptions.anyOrigin()) // for the suites' browser runner (index.html)
        .build();
  }

  /**
   * What the fixture serves on one host.
   *
   * @param engine the Engine.IO echo at {@code /engine.io/}
   * @param io the Socket.IO server at {@code /socket.io/}
   */
  public record Served(EngineServer engine, SocketIoServer io) {}

  /**
   * Serves both suites' endpoints on {@code host}: the Engine.IO echo ({@link EngineEchoHandler})
   * and the Socket.IO server, Engine.IO v3 clients too when {@code allowEIO3}.
   */
  public static Served serve(EngineHost host, boolean allowEIO3) {
    return serve(host, allowEIO3, false);
  }

  /** As above; with {@code webTransport}, the echo takes the {@code webtransport} transport too. */
  public static Served serve(EngineHost host, boolean allowEIO3, boolean webTransport) {
    EngineServer engine =
        EngineServer.attach(host, engineOptions(allowEIO3, webTransport), new EngineEchoHandler());
    return new Served(engine, attach(host, allowEIO3, webTransport));
  }

  /** Attaches the suite's Socket.IO server to {@code host} (started or not). */
  public static SocketIoServer attach(EngineHost host) {
    return attach(host, false);
  }

  /** Attaches the suite's server, serving Socket.IO v2 clients too when {@code allowEIO3}. */
  public static SocketIoServer attach(EngineHost host, boolean allowEIO3) {
    return attach(host, allowEIO3, false);
  }

  /** Attaches the suite's server; with {@code webTransport}, it takes WebTransport sessions too. */
  public static SocketIoServer attach(EngineHost host, boolean allowEIO3, boolean webTransport) {
    SocketIoServer io = SocketIoServer.attach(host, options(allowEIO3, webTransport));
    io.onConnection(
        socket -> {
          sendAuth(socket);
          socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
          socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
        });
    io.of("/custom").onConnection(ConformanceFixture::sendAuth);
    return io;
  }

  private static void sendAuth(Socket socket) {
    JsonNode auth = socket.handshake().auth();
    socket.emit("auth", auth);
  }

  /** A running container fixture, as {@link #runMain} starts it. */
  public interface Running extends AutoCloseable {
    /** {@return the port listened on} */
    int port();

    @Override
    void close();
  }

  /**
   * A container fixture's {@code main}: parses {@code [--port N] [--allow-eio3]}, starts the
   * fixture with {@code start} (port, allowEIO3), prints where it listens and runs until the JVM
   * stops.
   *
   * @param container the container's name, for the banner
   * @param args the command line
   * @param start starts the fixture
   * @throws InterruptedException when interrupted while running
   * @throws IllegalArgumentException for an unknown option
   */
  public static void runMain(
      String container,
      String[] args,
      java.util.function.BiFunction<Integer, Boolean, Running> start)
      throws InterruptedException {
    int port = 3000;
    boolean allowEIO3 = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--allow-eio3" -> allowEIO3 = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Running f = start.apply(port, allowEIO3);
    Runtime.getRuntime().addShutdownHook(new Thread(f::close));
    System.out.println(
        "Sio fixture in "
            + container
            + " on http://127.0.0.1:"
            + f.port()
            + " (Engine.IO echo at /engine.io/, Socket.IO at /socket.io/"
            + (allowEIO3 ? ", Engine.IO v3 accepted" : "")
            + "); Ctrl-C stops it");
    Thread.currentThread().join();
  }
}
