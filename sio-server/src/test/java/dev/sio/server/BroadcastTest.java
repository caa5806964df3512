package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BroadcastTest extends ServerHarness {
  private final List<CompletableFuture<Socket>> joined =
      List.of(new CompletableFuture<>(), new CompletableFuture<>());

  private void trackSockets() {
    io.onConnection(
        socket -> {
          for (CompletableFuture<Socket> f : joined) {
            if (f.complete(socket)) {
              return;
            }
          }
        });
  }

  @Test
  void serverNamespaceAndSocketBroadcasts() throws Exception {
    start();
    trackSockets();
    io.of("/other").onConnection(socket -> {});
    listen();
    TestClient c1 = client();
    c1.connect("/");
    TestClient c2 = client();
    c2.connect("/");
    TestClient other = client();
    other.connect("/other");
    io.emit("all", "x");
    assertThat(c1.nextText()).isEqualTo("42[\"all\",\"x\"]");
    assertThat(c2.nextText()).isEqualTo("42[\"all\",\"x\"]");
    Socket first = joined.get(0).get(5, TimeUnit.SECONDS);
    first.broadcast().emit("others", "y");
    assertThat(c2.nextText()).isEqualTo("42[\"others\",\"y\"]");
    // a volatile packet is dropped for a session still busy writing (as in Node): wait for idle
    Idle.awaitWritable(first.conn());
    Idle.awaitWritable(joined.get(1).get(5, TimeUnit.SECONDS).conn());
    io.local().asVolatile().compress(false).emit("flags", 1);
    assertThat(c1.nextText()).isEqualTo("42[\"flags\",1]");
    assertThat(c2.nextText()).isEqualTo("42[\"flags\",1]");
    io.of("/other").emit("nsp", 2);
    assertThat(other.nextText()).isEqualTo("42/other,[\"nsp\",2]");
  }

  @Test
  void operatorsAreImmutable() throws Exception {
    start();
    listen();
    BroadcastOperator base = io.to("a");
    BroadcastOperator more = base.to("b").except("c").timeout(Duration.ofSeconds(1));
    assertThat(base.options().rooms()).containsExactly("a");
    assertThat(base.options().except()).isEmpty();
    assertThat(base.options().flags().timeout()).isNull();
    assertThat(more.options().rooms()).containsExactlyInAnyOrder("a", "b");
    assertThat(more.options().except()).containsExactly("c");
    assertThat(more.options().flags().timeout()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void emitWithAckCollectsEveryClientsAnswer() throws Exception {
    start();
    trackSockets();
    listen();
    TestClient c1 = client();
    c1.connect("/");
    TestClient c2 = client();
    c2.connect("/");
    CompletableFuture<List<JsonNode>> answers =
        io.timeout(Duration.ofSeconds(5)).emitWithAck("poll", "lunch?");
    String sent1 = c1.nextText();
    String sent2 = c2.nextText();
    assertThat(sent1).isEqualTo(sent2).matches("42\\d+\\[\"poll\",\"lunch\\?\"]");
    String id = sent1.substring(2, sent1.indexOf('['));
    c1.sendRaw("43" + id + "[\"pizza\"]");
    c2.sendRaw("43" + id + "[\"sushi\",\"ignored\"]");
    assertThat(answers.get(5, TimeUnit.SECONDS))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("pizza", "sushi");
  }

  @Test
  void emitWithAckTimesOutWithThePartialAnswers() throws Exception {
    start();
    trackSockets();
    listen();
    TestClient c1 = client();
    c1.connect("/");
    TestClient c2 = client();
    c2.connect("/");
    CompletableFuture<List<String>> answers =
        io.timeout(Duration.ofMillis(200)).emitWithAck("poll", String.class);
    String sent = c1.nextText();
    c2.nextText();
    c1.sendRaw("43" + sent.substring(2, sent.indexOf('[')) + "[\"only me\"]");
    ExecutionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> answers.get(5, TimeUnit.SECONDS));
    assertThat(failure.getCause())
        .isInstanceOf(AckTimeoutException.class)
        .hasMessage("operation has timed out");
    assertThat(((AckTimeoutException) failure.getCause()).responses())
        .extracting(JsonNode::asText)
        .containsExactly("only me");
  }

  @Test
  void emitWithAckToNobodyCompletesEmpty() throws Exception {
    start();
    listen();
    assertThat(io.to("nobody").emitWithAck("poll").get(5, TimeUnit.SECONDS)).isEmpty();
  }
}
