package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Socket.IO layer over fake Engine.IO sessions (no network). */
@Timeout(10)
class ServerCoreTest {
  SocketIoServer io;
  FakeEngine engine;

  void start(ServerOptions options) {
    io = SocketIoServer.detached(options);
    engine = new FakeEngine(io.engineHandler());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void connectsEchoesAndAcks() throws Exception {
    start(ServerOptions.defaults());
    io.onConnection(
        socket -> {
          socket.emit("auth", socket.handshake().auth());
          socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
          socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
        });
    FakeEngine.Session s = engine.open();
    s.receive("40");
    assertThat(s.nextText()).matches("40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}");
    assertThat(s.nextText()).isEqualTo("42[\"auth\",{}]");
    s.receive("42[\"message\",1,\"2\",{\"3\":[true]}]");
    assertThat(s.nextText()).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
    s.receive("42456[\"message-with-ack\",1,\"2\",{\"3\":[true]}]");
    assertThat(s.nextText()).isEqualTo("43456[1,\"2\",{\"3\":[true]}]");
    s.receive(
        "452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
    s.receive(new byte[] {1, 2, 3});
    s.receive(new byte[] {4, 5, 6});
    assertThat(s.nextText())
        .isEqualTo(
            "452-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
    assertThat((byte[]) s.next()).containsExactly(1, 2, 3);
    assertThat((byte[]) s.next()).containsExactly(4, 5, 6);
    s.expectNothing(50);
  }

  @Test
  void unknownNamespaceAndParseErrors() throws Exception {
    start(ServerOptions.defaults());
    FakeEngine.Session s = engine.open();
    s.receive("40/random,");
    assertThat(s.nextText()).isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
    s.receive("4abc");
    Thread.sleep(100);
    assertThat(s.open).isFalse();
  }

  @Test
  void connectTimeoutClosesIdleSession() throws Exception {
    start(ServerOptions.builder().connectTimeout(Duration.ofMillis(100)).build());
    FakeEngine.Session s = engine.open();
    Thread.sleep(300);
    assertThat(s.open).isFalse();
  }

  @Test
  void emitWithAckTimesOutAndCompletes() throws Exception {
    start(ServerOptions.defaults());
    CompletableFuture<Socket> connected = new CompletableFuture<>();
    io.onConnection(connected::complete);
    FakeEngine.Session s = engine.open();
    s.receive("40");
    s.nextText();
    Socket socket = connected.get(1, TimeUnit.SECONDS);
    CompletableFuture<List<com.fasterxml.jackson.databind.JsonNode>> answered =
        socket.emitWithAck("ping", 1);
    assertThat(s.nextText()).isEqualTo("420[\"ping\",1]");
    s.receive("430[\"pong\"]");
    assertThat(answered.get(1, TimeUnit.SECONDS).get(0).asText()).isEqualTo("pong");
    CompletableFuture<String> late =
        socket.timeout(Duration.ofMillis(50)).emitWithAck("ping", String.class);
    assertThat(s.nextText()).isEqualTo("421[\"ping\"]");
    assertThat(late)
        .failsWithin(1, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(AckTimeoutException.class)
        .withMessageContaining("operation has timed out");
    s.receive("431[\"too late\"]"); // ignored
    s.receive("4399[\"unknown\"]"); // ignored
    s.expectNothing(50);
    assertThat(s.open).isTrue();
  }

  @Test
  void aBroadcastIsEncodedOnceAndTheSameMessagesGoToEveryRecipient() throws Exception {
    start(ServerOptions.defaults());
    List<FakeEngine.Session> sessions = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      FakeEngine.Session s = engine.open();
      s.receive("40");
      s.nextText();
      sessions.add(s);
    }
    io.emit("news", "text", new byte[] {1, 2});
    for (FakeEngine.Session s : sessions) {
      assertThat(s.nextText())
          .isEqualTo("451-[\"news\",\"text\",{\"_placeholder\":true,\"num\":0}]");
      assertThat((byte[]) s.next()).containsExactly(1, 2);
      assertThat(s.prepared).hasSize(2);
    }
    for (int part = 0; part < 2; part++) {
      assertThat(sessions.get(1).prepared.get(part)).isSameAs(sessions.get(0).prepared.get(part));
      assertThat(sessions.get(2).prepared.get(part)).isSameAs(sessions.get(0).prepared.get(part));
    }
  }
}
