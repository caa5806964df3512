package dev.sio.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.netty.HttpListener;
import dev.sio.server.ServerOptions;
import dev.sio.server.Socket;
import dev.sio.server.SocketIoServer;
import java.time.Duration;

/**
 * The Socket.IO server the official protocol test suite ({@code docs/socket.io-protocol/
 * v5-test-suite}) expects at {@code /socket.io/}: pingInterval 300 ms, pingTimeout 200 ms,
 * maxPayload 1 MB, connectTimeout 1 s, namespaces {@code /} and {@code /custom} which emit {@code
 * auth} with the CONNECT payload, {@code message} answered by {@code message-back}, {@code
 * message-with-ack} acknowledged with the same arguments. Used by the test fixture and by {@code
 * ./sio fixture}.
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

  /** Attaches the suite's Socket.IO server to {@code listener} (started or not). */
  public static SocketIoServer attach(HttpListener listener) {
    return attach(listener, false);
  }

  /** Attaches the suite's server, serving Socket.IO v2 clients too when {@code allowEIO3}. */
  public static SocketIoServer attach(HttpListener listener, boolean allowEIO3) {
    return attach(listener, allowEIO3, false);
  }

  /** Attaches the suite's server; with {@code webTransport}, it takes WebTransport sessions too. */
  public static SocketIoServer attach(
      HttpListener listener, boolean allowEIO3, boolean webTransport) {
    SocketIoServer io = SocketIoServer.attach(listener, options(allowEIO3, webTransport));
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
}
