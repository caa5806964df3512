package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AcksTest extends ServerHarness {
  record Vote(String choice) {}

  private Socket connect(TestClient c) throws Exception {
    CompletableFuture<Socket> connected = new CompletableFuture<>();
    io.onConnection(connected::complete);
    c.connect("/");
    return connected.get(5, TimeUnit.SECONDS);
  }

  @Test
  void handlersAnswerOnceAndFromAnyThread() throws Exception {
    start();
    io.onConnection(
        socket -> {
          socket.on(
              "twice",
              (args, ack) -> {
                ack.send("first", 1);
                ack.send("second");
              });
          socket.on(
              "later",
              (args, ack) -> CompletableFuture.runAsync(() -> ack.send(args.get(0).asInt() * 2)));
        });
    listen();
    TestClient c = client();
    c.connect("/");
    c.sendRaw("421[\"twice\"]");
    assertThat(c.nextText()).isEqualTo("431[\"first\",1]");
    c.sendRaw("4212[\"later\",21]");
    assertThat(c.nextText()).isEqualTo("4312[42]");
  }

  @Test
  void emitWithAckCompletesWithTheClientsAnswer() throws Exception {
    start();
    listen();
    TestClient c = client();
    Socket socket = connect(c);
    CompletableFuture<List<JsonNode>> raw = socket.emitWithAck("question", "?");
    assertThat(c.nextText()).isEqualTo("420[\"question\",\"?\"]");
    c.sendRaw("430[\"yes\",2]");
    assertThat(raw.get(5, TimeUnit.SECONDS))
        .extracting(JsonNode::toString)
        .containsExactly("\"yes\"", "2");
    CompletableFuture<Vote> typed = socket.emitWithAck("vote", Vote.class);
    assertThat(c.nextText()).isEqualTo("421[\"vote\"]");
    c.sendRaw("431[{\"choice\":\"pizza\"}]");
    assertThat(typed.get(5, TimeUnit.SECONDS)).isEqualTo(new Vote("pizza"));
  }

  @Test
  void aLateAnswerTimesOutWithNodesMessageAndIsIgnored() throws Exception {
    start();
    listen();
    TestClient c = client();
    Socket socket = connect(c);
    CompletableFuture<List<JsonNode>> late =
        socket.timeout(Duration.ofMillis(100)).emitWithAck("slow");
    assertThat(c.nextText()).isEqualTo("420[\"slow\"]");
    ExecutionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS));
    assertThat(failure.getCause())
        .isInstanceOf(AckTimeoutException.class)
        .hasMessage("operation has timed out");
    c.sendRaw("430[\"too late\"]");
    c.sendRaw("43999[\"never asked\"]");
    c.expectNothing(100);
    assertThat(socket.connected()).isTrue();
  }

  @Test
  void pendingAcksFailWhenTheSocketDisconnects() throws Exception {
    start();
    listen();
    TestClient c = client();
    Socket socket = connect(c);
    CompletableFuture<List<JsonNode>> pending = socket.emitWithAck("question");
    assertThat(c.nextText()).isEqualTo("420[\"question\"]");
    c.sendRaw("41");
    assertThat(pending)
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableThat()
        .withMessageContaining("socket has been disconnected");
  }
}
