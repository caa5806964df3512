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
  void synchronousAnswersGoOutInOrderWhateverTheEventNames() throws Exception {
    start();
    java.util.concurrent.BlockingQueue<String> seen =
        new java.util.concurrent.LinkedBlockingQueue<>();
    io.onConnection(
        socket -> {
          for (String name : new String[] {"echo", "echoo", "ech", "é"}) {
            socket.on(
                name,
                (args, ack) -> {
                  seen.add(name + " " + args);
                  socket.emit("before", name); // a send, the answer, a send: in this order
                  ack.send(args.toArray());
                  socket.emit("after", args.size());
                });
          }
          socket.on(
              "readonly",
              (args, ack) -> {
                try {
                  args.add(null);
                  ack.send("modifiable");
                } catch (UnsupportedOperationException e) {
                  ack.send(
                      "unmodifiable", args.size(), args.get(0), args.equals(List.copyOf(args)));
                }
              });
        });
    listen();
    TestClient c = client();
    c.connect("/");
    String[][] exchanges = {
      {"421[\"echo\",\"a\"]", "echo", "431[\"a\"]", "[\"a\"]", "1"},
      {"422[\"echo\",\"é€\"]", "echo", "432[\"é€\"]", "[\"é€\"]", "1"},
      {
        "423[\"echoo\",1,{\"k\":[true]}]",
        "echoo",
        "433[1,{\"k\":[true]}]",
        "[1, {\"k\":[true]}]",
        "2"
      },
      {"424[\"ech\"]", "ech", "434[]", "[]", "0"},
      {"4210[\"é\",null]", "é", "4310[null]", "[null]", "1"},
      {"4211[\"echo\",\"b\"]", "echo", "4311[\"b\"]", "[\"b\"]", "1"},
    };
    for (String[] x : exchanges) {
      c.sendRaw(x[0]);
      assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(x[1] + " " + x[3]);
      assertThat(c.nextText()).isEqualTo("42[\"before\",\"" + x[1] + "\"]");
      assertThat(c.nextText()).isEqualTo(x[2]);
      assertThat(c.nextText()).isEqualTo("42[\"after\"," + x[4] + "]");
    }
    c.sendRaw("4212[\"readonly\",\"x\"]");
    assertThat(c.nextText()).isEqualTo("4312[\"unmodifiable\",1,\"x\",true]");
    assertThat(seen).isEmpty();
  }

  @Test
  void answersInANamespaceAndWithBinaryTakeTheirOwnPaths() throws Exception {
    start();
    io.of("/admin")
        .onConnection(
            socket -> {
              socket.on("echo", (args, ack) -> ack.send(args.toArray()));
              socket.on("bytes", (args, ack) -> ack.send("file", new byte[] {1, 2, 3}));
            });
    listen();
    TestClient c = client();
    c.connect("/admin");
    c.sendRaw("42/admin,5[\"echo\",\"hi\"]");
    assertThat(c.nextText()).isEqualTo("43/admin,5[\"hi\"]");
    c.sendRaw("42/admin,6[\"bytes\"]");
    assertThat(c.nextText()).isEqualTo("461-/admin,6[\"file\",{\"_placeholder\":true,\"num\":0}]");
    assertThat(c.nextBinary()).containsExactly(1, 2, 3);
    c.sendRaw("42/admin,7[\"echo\",\"again\"]");
    assertThat(c.nextText()).isEqualTo("43/admin,7[\"again\"]");
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
