package dev.sio.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.testkit.SioServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Acknowledgements both ways, typed binding, timeouts and disconnection, with Sio's server. */
@Timeout(60)
class AcknowledgementsTest {
  record Order(String item, int quantity) {}

  record Receipt(String id, Order order) {}

  private final CompletableFuture<List<JsonNode>> clientAnswer = new CompletableFuture<>();

  @RegisterExtension
  final SioServerExtension sio =
      SioServerExtension.create()
          .timeout(Duration.ofSeconds(10))
          .beforeStart(
              io ->
                  io.onConnection(
                      s -> {
                        s.on(
                            "order",
                            Order.class,
                            (order, ack) -> ack.send(new Receipt("r1", order)));
                        s.on("silent", (args, ack) -> {});
                        s.on(
                            "ask",
                            (args, ack) ->
                                s.timeout(Duration.ofSeconds(5))
                                    .emitWithAck("question", args.toArray())
                                    .whenComplete(
                                        (reply, error) -> {
                                          if (error == null) {
                                            clientAnswer.complete(reply);
                                          } else {
                                            clientAnswer.completeExceptionally(error);
                                          }
                                        }));
                      }));

  @Test
  void typedAcknowledgementFromTheServer() throws Exception {
    Socket socket = sio.connect("/");
    Receipt receipt = sio.await(socket.emitWithAck("order", Receipt.class, new Order("tea", 2)));
    assertThat(receipt).isEqualTo(new Receipt("r1", new Order("tea", 2)));
    socket.disconnect();
  }

  @Test
  void theClientAnswersTheServer() throws Exception {
    Socket socket = sio.connect("/");
    socket.on(
        "question",
        String.class,
        (question, ack) -> ack.send(question.toUpperCase(), new byte[] {1, 2}));
    socket.emit("ask", "why");
    List<JsonNode> answer = sio.await(clientAnswer);
    assertThat(answer.get(0).asText()).isEqualTo("WHY");
    assertThat(answer.get(1).binaryValue()).containsExactly(1, 2);
    socket.disconnect();
  }

  @Test
  void timeoutFromTheCallAndFromTheOptions() throws Exception {
    Socket socket = sio.connect("/");
    assertThatThrownBy(
            () ->
                socket
                    .timeout(Duration.ofMillis(100))
                    .emitWithAck("silent")
                    .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
    socket.disconnect();
    Socket withDefault =
        sio.connect("/", ClientOptions.builder().ackTimeout(Duration.ofMillis(100)).build());
    assertThatThrownBy(() -> withDefault.emitWithAck("silent").get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TimeoutException.class)
        .hasRootCauseMessage("operation has timed out");
    withDefault.disconnect();
  }

  @Test
  void aDisconnectionFailsPendingAcknowledgements() throws Exception {
    Socket socket = sio.connect("/");
    CompletableFuture<List<JsonNode>> pending = socket.emitWithAck("silent");
    Thread.sleep(100); // sent, not buffered
    socket.disconnect();
    assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DisconnectedException.class)
        .hasRootCauseMessage("socket has been disconnected");
  }

  @Test
  void emitsBeforeTheConnectionAreBufferedAndSentInOrder() throws Exception {
    List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    sio.server().onConnection(s -> s.on("n", Integer.class, (n, ack) -> seen.add(n)));
    Socket socket = SocketIoClient.connect(sio.uri("/"));
    for (int i = 0; i < 50; i++) {
      socket.emit("n", i); // before (and while) connecting
    }
    socket.asVolatile().emit("n", -1); // volatile while not connected: dropped
    ClientFixtures.awaitConnect(socket);
    ClientFixtures.await(() -> seen.size() >= 50);
    sio.await(socket.emitWithAck("order", new Order("x", 1)));
    assertThat(seen)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
    socket.disconnect();
  }
}
