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
}
