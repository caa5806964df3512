package dev.sio.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server's close with polling clients in embedded Jetty: each client gets the close packet
 * ({@code "transport close"}, as with Node), also when the close comes between two of its polls.
 */
@Timeout(120)
class ServletShutdownTest {
  private static final int RUNS = 10;

  /**
   * Closed right after the connect, the client has just had the CONNECT reply and its next GET is
   * on its way: before the fix the session was gone (or the port refused it) when it came, and the
   * client saw {@code "transport error"} in 13 of 15 runs.
   */
  @Test
  void aPollingClientGetsTheClosePacketEvenBetweenTwoPolls() throws Exception {
    List<String> reasons = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      SocketIoServer[] io = new SocketIoServer[1];
      JettyHost jetty =
          new JettyHost(
              ServletHostOptions.builder().build(),
              host ->
                  io[0] =
                      SocketIoServer.attach(
                          host,
                          ServerOptions.builder().pingInterval(Duration.ofSeconds(30)).build()));
      CompletableFuture<String> reason = new CompletableFuture<>();
      CompletableFuture<Void> connected = new CompletableFuture<>();
      Socket socket =
          SocketIoClient.connect(
              jetty.uri("/"),
              ClientOptions.builder().transports("polling").reconnection(false).build(),
              s -> {
                s.onConnect(() -> connected.complete(null));
                s.onDisconnect(reason::complete);
              });
      try {
        connected.get(10, TimeUnit.SECONDS);
        io[0].close();
        reasons.add(reason.get(10, TimeUnit.SECONDS));
      } finally {
        socket.close();
        jetty.close();
      }
    }
    assertThat(reasons).hasSize(RUNS).containsOnly("transport close");
  }
}
