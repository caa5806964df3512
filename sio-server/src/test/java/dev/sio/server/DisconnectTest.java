package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DisconnectTest extends ServerHarness {
  private final CompletableFuture<Socket> joined = new CompletableFuture<>();

  private void report() {
    io.onConnection(
        socket -> {
          socket.join("room");
          socket.onDisconnecting(reason -> seen.add("disconnecting " + socket.rooms().size()));
          socket.onDisconnect(
              reason -> seen.add("disconnect " + reason + " " + socket.connected()));
          joined.complete(socket);
        });
  }

  @Test
  void clientNamespaceDisconnectKeepsTheSession() throws Exception {
    start(b -> b.pingInterval(Duration.ofMillis(100)));
    report();
    listen();
    TestClient c = client();
    c.answerPings = false; // read the pings ourselves
    c.connect("/");
    c.sendRaw("41");
    assertThat(nextSeen()).isEqualTo("disconnecting 2");
    assertThat(nextSeen()).isEqualTo("disconnect client namespace disconnect false");
    assertThat(c.nextText()).isEqualTo("2");
    c.sendRaw("3");
    assertThat(c.closed).isNotDone();
  }

  @Test
  void serverNamespaceDisconnect() throws Exception {
    start();
    report();
    listen();
    TestClient c = client();
    c.connect("/");
    joined.get(5, TimeUnit.SECONDS).disconnect();
    assertThat(c.nextText()).isEqualTo("41");
    assertThat(nextSeen()).isEqualTo("disconnecting 2");
    assertThat(nextSeen()).isEqualTo("disconnect server namespace disconnect false");
    assertThat(io.sockets().adapter().rooms()).isEmpty();
    assertThat(c.closed).isNotDone();
  }

  @Test
  void disconnectWithCloseClosesTheConnection() throws Exception {
    start();
    report();
    listen();
    TestClient c = client();
    c.connect("/");
    joined.get(5, TimeUnit.SECONDS).disconnect(true);
    assertThat(c.nextText()).isEqualTo("41");
    assertThat(nextSeen()).isEqualTo("disconnecting 2");
    assertThat(nextSeen()).isEqualTo("disconnect server namespace disconnect false");
    c.awaitClosed();
  }

  @Test
  void transportClose() throws Exception {
    start();
    report();
    listen();
    TestClient c = client();
    c.connect("/");
    c.abort();
    assertThat(nextSeen()).isEqualTo("disconnecting 2");
    assertThat(nextSeen()).isEqualTo("disconnect transport close false");
  }

  @Test
  void pingTimeout() throws Exception {
    start(b -> b.pingInterval(Duration.ofMillis(100)).pingTimeout(Duration.ofMillis(100)));
    report();
    listen();
    TestClient c = client();
    c.answerPings = false;
    c.sendRaw("40");
    // the first ping (100 ms after the handshake) may come before the CONNECT answer on a busy
    // machine: both must come, in either order
    List<String> firstTwo = List.of(c.nextText(), c.nextText());
    assertThat(firstTwo).contains("2").anyMatch(m -> m.startsWith("40{"));
    assertThat(nextSeen()).isEqualTo("disconnecting 2");
    assertThat(nextSeen()).isEqualTo("disconnect ping timeout false");
  }

  @Test
  void serverShuttingDown() throws Exception {
    start();
    report();
    listen();
    TestClient c = client();
    c.connect("/");
    joined.get(5, TimeUnit.SECONDS);
    io.close();
    assertThat(nextSeen()).isEqualTo("disconnecting 2");
    assertThat(nextSeen()).isEqualTo("disconnect server shutting down false");
    c.awaitClosed();
    io = null;
  }

  @Test
  void disconnectMayBeListenedToLikeAnEvent() throws Exception {
    start();
    io.onConnection(
        socket -> {
          socket.on("disconnecting", (args, ack) -> seen.add("on disconnecting " + args));
          socket.on("disconnect", (args, ack) -> seen.add("on disconnect " + args));
        });
    listen();
    TestClient c = client();
    c.connect("/");
    c.sendRaw("41");
    assertThat(nextSeen()).isEqualTo("on disconnecting [\"client namespace disconnect\"]");
    assertThat(nextSeen()).isEqualTo("on disconnect [\"client namespace disconnect\"]");
  }

  @Test
  void overPollingToo() throws Exception {
    start();
    report();
    listen();
    TestClient c = pollingClient();
    c.connect("/");
    joined.get(5, TimeUnit.SECONDS).disconnect(true);
    assertThat(c.nextText()).isEqualTo("41");
    assertThat(nextSeen()).isEqualTo("disconnecting 2");
    assertThat(nextSeen()).isEqualTo("disconnect server namespace disconnect false");
    c.awaitClosed();
  }
}
