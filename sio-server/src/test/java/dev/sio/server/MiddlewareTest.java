package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MiddlewareTest extends ServerHarness {

  @Test
  void middlewaresRunInOrderAndSeeTheHandshake() throws Exception {
    start();
    io.use(
        (socket, next) -> {
          seen.add("first " + socket.handshake().auth().path("token").asText());
          next.accept();
        });
    io.use(
        (socket, next) -> {
          seen.add("second " + socket.handshake().query().get("EIO"));
          next.accept();
        });
    io.onConnection(socket -> seen.add("connected"));
    listen();
    TestClient c = client();
    c.connect("/", "{\"token\":\"abc\"}");
    assertThat(nextSeen()).isEqualTo("first abc");
    assertThat(nextSeen()).isEqualTo("second 4");
    assertThat(nextSeen()).isEqualTo("connected");
  }

  @Test
  void aRejectionReachesTheClientWithMessageAndData() throws Exception {
    start();
    io.use((socket, next) -> next.reject(new ConnectError("unauthorized", Map.of("retry", false))));
    io.of("/plain").use((socket, next) -> next.reject(new IllegalStateException("boom")));
    io.of("/thrown")
        .use(
            (socket, next) -> {
              throw new IllegalArgumentException("thrown");
            });
    io.onConnection(socket -> seen.add("never"));
    listen();
    TestClient c = client();
    c.sendRaw("40");
    assertThat(c.nextText())
        .isEqualTo("44{\"message\":\"unauthorized\",\"data\":{\"retry\":false}}");
    c.sendRaw("40/plain,");
    assertThat(c.nextText()).isEqualTo("44/plain,{\"message\":\"boom\"}");
    c.sendRaw("40/thrown,");
    assertThat(c.nextText()).isEqualTo("44/thrown,{\"message\":\"thrown\"}");
    assertThat(io.sockets().sockets()).isEmpty();
  }

  @Test
  void nextMayBeCalledLaterFromAnotherThread() throws Exception {
    start();
    io.use(
        (socket, next) ->
            CompletableFuture.runAsync(
                () -> {
                  socket.data().put("user", "alice");
                  next.accept();
                }));
    io.onConnection(socket -> seen.add(socket.data().get("user")));
    listen();
    TestClient c = client();
    c.connect("/");
    assertThat(nextSeen()).isEqualTo("alice");
  }

  @Test
  void packetMiddlewareErrorsGoToTheErrorListenersAndDropTheEvent() throws Exception {
    start();
    io.onConnection(
        socket -> {
          socket.use(
              (event, next) -> {
                if (event.name().equals("forbidden")) {
                  next.reject(new IllegalStateException("not allowed"));
                } else {
                  next.accept();
                }
              });
          socket.onError(error -> seen.add("error " + error.getMessage()));
          socket.on("forbidden", (args, ack) -> seen.add("forbidden handler"));
          socket.on("allowed", (args, ack) -> seen.add("allowed " + args.get(0).asInt()));
        });
    listen();
    TestClient c = client();
    c.connect("/");
    c.sendRaw("42[\"forbidden\"]");
    assertThat(nextSeen()).isEqualTo("error not allowed");
    c.sendRaw("42[\"allowed\",7]");
    assertThat(nextSeen()).isEqualTo("allowed 7");
  }

  @Test
  void aRepeatedQueryKeyKeepsItsLastValueAsInNode() throws Exception {
    start();
    CompletableFuture<Handshake> handshake = new CompletableFuture<>();
    io.use(
        (socket, next) -> {
          handshake.complete(socket.handshake());
          next.accept();
        });
    listen();
    TestClient c = TestClient.websocket(io.port(), "/socket.io/", "&a=1&a=2&b=&a=3");
    try {
      c.connect("/");
      Handshake h = handshake.get(5, java.util.concurrent.TimeUnit.SECONDS);
      // Node: Object.fromEntries(new URL(req.url, base).searchParams)
      assertThat(h.query())
          .containsEntry("a", "3")
          .containsEntry("b", "")
          .containsEntry("EIO", "4");
    } finally {
      c.close();
    }
  }

  @Test
  void theHandshakeHasNodesFields() throws Exception {
    start();
    CompletableFuture<Handshake> handshake = new CompletableFuture<>();
    io.use(
        (socket, next) -> {
          handshake.complete(socket.handshake());
          next.accept();
        });
    listen();
    TestClient c = TestClient.websocket(io.port(), "/socket.io/", "&room=lobby");
    try {
      c.connect("/", "{\"token\":\"t\"}");
      Handshake h = handshake.get(5, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(h.address()).isEqualTo("127.0.0.1");
      assertThat(h.secure()).isFalse();
      assertThat(h.xdomain()).isFalse();
      assertThat(h.url()).startsWith("/socket.io/?EIO=4&transport=websocket&room=lobby");
      assertThat(h.query()).containsEntry("room", "lobby").containsEntry("EIO", "4");
      assertThat(h.header("Host")).isEqualTo("127.0.0.1:" + io.port());
      assertThat(h.auth().get("token").asText()).isEqualTo("t");
      assertThat(h.issued())
          .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(10_000L));
      assertThat(h.time())
          .matches(
              "[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT[+-]\\d{4} \\(.+\\)");
    } finally {
      c.close();
    }
  }

  @Test
  void aNamespaceConnectedTwiceWhileAMiddlewareWaitsLeavesNoSocketBehind() throws Exception {
    start();
    io.use(
        (socket, next) ->
            CompletableFuture.runAsync(
                next::accept,
                CompletableFuture.delayedExecutor(
                    100, java.util.concurrent.TimeUnit.MILLISECONDS)));
    listen();
    TestClient c = client();
    c.sendRaw("40");
    c.sendRaw("40");
    assertThat(c.nextText()).startsWith("40{\"sid\"");
    assertThat(c.nextText()).startsWith("40{\"sid\"");
    assertThat(io.sockets().sockets()).hasSize(2);
    c.abort();
    long deadline = System.currentTimeMillis() + 5000;
    while (!io.sockets().sockets().isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(io.sockets().sockets()).isEmpty();
    assertThat(io.sockets().adapter().rooms()).isEmpty();
  }
}
