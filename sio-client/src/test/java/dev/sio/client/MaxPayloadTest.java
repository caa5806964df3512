package dev.sio.client;

import static dev.sio.client.ClientFixtures.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's maxPayload: too large emits fail clearly, polling payloads are split to fit. */
@Timeout(60)
class MaxPayloadTest {
  private SioServer server;
  private final List<Integer> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server = SioServer.start(0, b -> b, e -> e.maxHttpBufferSize(1000));
    server.io.onConnection(
        s -> {
          s.on("n", (args, ack) -> received.add(args.get(0).asInt()));
          s.on("echo", (args, ack) -> ack.send(args.toArray()));
        });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anOversizedEmitFailsAndTheConnectionStays() throws Exception {
    for (String transport : List.of("polling", "websocket")) {
      Socket socket =
          connected(server.uri("/"), ClientOptions.builder().transports(transport).build());
      CompletableFuture<Throwable> reported = new CompletableFuture<>();
      socket.io().onError(reported::complete);
      assertThatThrownBy(
              () -> socket.emitWithAck("echo", "x".repeat(1500)).get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(PayloadTooLargeException.class)
          .cause()
          .hasMessageEndingWith("exceeds the server's maxPayload of 1000 bytes; it was not sent");
      socket.emit("n", "y".repeat(1500)); // no future: reported to the manager
      assertThat(reported.get(10, TimeUnit.SECONDS)).isInstanceOf(PayloadTooLargeException.class);
      assertThat(socket.emitWithAck("echo", "fits").get(10, TimeUnit.SECONDS)).hasSize(1);
      assertThat(socket.connected()).isTrue();
      socket.disconnect();
    }
  }

  @Test
  void bufferedEmitsAreSplitIntoPollingPayloadsThatFit() throws Exception {
    Socket socket =
        SocketIoClient.connect(
            server.uri("/"), ClientOptions.builder().transports("polling").build());
    String filler = "z".repeat(90);
    for (int i = 0; i < 40; i++) {
      socket.emit("n", i, filler); // ~4 KB in all, buffered before the connection
    }
    ClientFixtures.awaitConnect(socket);
    ClientFixtures.await(() -> received.size() == 40);
    assertThat(received)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 40).boxed().toList());
    assertThat(socket.connected()).isTrue();
    socket.disconnect();
  }
}
