package dev.sio.client;

import static dev.sio.client.ClientFixtures.connected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The transports option and its companions: tryAllTransports, rememberUpgrade, upgrade. */
@Timeout(60)
class TransportsTest {
  @Test
  void tryAllTransportsFallsBackWhenTheFirstCannotOpen() throws Exception {
    try (SioServer server = SioServer.start(0, b -> b, e -> e.transports("polling"))) {
      Socket fallback =
          connected(
              server.uri("/"),
              ClientOptions.builder()
                  .transports("websocket", "polling")
                  .tryAllTransports(true)
                  .build());
      assertThat(fallback.io().transport()).isEqualTo("polling");
      fallback.disconnect();

      CompletableFuture<ConnectError> error = new CompletableFuture<>();
      Socket strict =
          SocketIoClient.connect(
              server.uri("/"),
              ClientOptions.builder()
                  .transports("websocket", "polling")
                  .reconnection(false)
                  .build(),
              s -> s.onConnectError(error::complete));
      assertThat(error.get(10, TimeUnit.SECONDS)).hasMessage("websocket error");
      strict.disconnect();
    }
  }

  @Test
  void rememberUpgradeOpensWithWebSocketAfterASuccess() throws Exception {
    try (SioServer server = SioServer.start()) {
      List<String> handshakes = new CopyOnWriteArrayList<>();
      server.io.onConnection(s -> handshakes.add(s.conn().transport()));
      ClientOptions remember = ClientOptions.builder().rememberUpgrade(true).build();
      Socket first = connected(server.uri("/"), remember);
      ClientFixtures.await(() -> "websocket".equals(first.io().transport()));
      first.disconnect();
      Socket second = connected(server.uri("/"), remember);
      assertThat(second.io().transport()).isEqualTo("websocket");
      second.disconnect();
      assertThat(handshakes).containsExactly("polling", "websocket");
    }
  }
}
