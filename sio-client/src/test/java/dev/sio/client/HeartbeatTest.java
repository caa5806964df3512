package dev.sio.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pings and the ping timeout, against a scripted polling server. */
@Timeout(30)
class HeartbeatTest {
  @Test
  void aServerThatStopsPingingIsLeftWithPingTimeout() throws Exception {
    try (FakeEngineServer server = new FakeEngineServer(200, 100)) {
      CompletableFuture<Void> connected = new CompletableFuture<>();
      CompletableFuture<String> disconnected = new CompletableFuture<>();
      CompletableFuture<String> managerClosed = new CompletableFuture<>();
      Socket socket =
          SocketIoClient.connect(
              server.uri(),
              ClientOptions.builder().reconnection(false).build(),
              s -> {
                s.onConnect(() -> connected.complete(null));
                s.onDisconnect(disconnected::complete);
                s.io().onClose(managerClosed::complete);
              });
      connected.get(10, TimeUnit.SECONDS);
      assertThat(socket.id()).isEqualTo("fake-socket-id");
      assertThat(disconnected.get(10, TimeUnit.SECONDS)).isEqualTo("ping timeout");
      assertThat(managerClosed.get(10, TimeUnit.SECONDS)).isEqualTo("ping timeout");
      assertThat(socket.connected()).isFalse();
    }
  }

  @Test
  void pingsAreAnsweredAndKeepTheConnection() throws Exception {
    try (FakeEngineServer server = new FakeEngineServer(300, 300)) {
      CompletableFuture<Void> connected = new CompletableFuture<>();
      CompletableFuture<String> disconnected = new CompletableFuture<>();
      int[] pings = {0};
      Socket socket =
          SocketIoClient.connect(
              server.uri(),
              ClientOptions.DEFAULTS,
              s -> {
                s.onConnect(() -> connected.complete(null));
                s.onDisconnect(disconnected::complete);
                s.io().onPing(() -> pings[0]++);
              });
      connected.get(10, TimeUnit.SECONDS);
      for (int i = 0; i < 6; i++) {
        server.push("2");
        Thread.sleep(200);
      }
      assertThat(disconnected).isNotDone(); // 1.2 s, twice pingInterval + pingTimeout
      assertThat(server.bodies().stream().filter("3"::equals).count()).isEqualTo(6);
      assertThat(socket.connected()).isTrue();
      socket.disconnect();
      assertThat(disconnected.get(10, TimeUnit.SECONDS)).isEqualTo("io client disconnect");
      assertThat(pings[0]).isEqualTo(6);
    }
  }

  @Test
  void aConnectAttemptTimesOut() throws Exception {
    try (FakeEngineServer server = new FakeEngineServer(25000, 20000)) {
      // the namespace "/slow" is answered, but only after the timeout: the fake answers every
      // CONNECT, so use a timeout shorter than one polling round trip instead
      CompletableFuture<Throwable> error = new CompletableFuture<>();
      // the manager opens at once: listen in its setup
      Manager manager =
          SocketIoClient.manager(
              server.uri(),
              ClientOptions.builder().timeout(Duration.ofMillis(1)).reconnection(false).build(),
              m -> m.onError(error::complete));
      CompletableFuture<ConnectError> connectError = new CompletableFuture<>();
      // a 1 ms timeout can expire before the next statement: listen in the socket's setup
      Socket socket = manager.socket("/", s -> s.onConnectError(connectError::complete));
      assertThat(connectError.get(10, TimeUnit.SECONDS)).hasMessage("timeout");
      assertThat(error.get(10, TimeUnit.SECONDS)).hasMessage("timeout");
      socket.disconnect();
    }
  }

  @Test
  void anUndecodablePacketClosesWithParseError() throws Exception {
    try (FakeEngineServer server = new FakeEngineServer(25000, 20000)) {
      CompletableFuture<Void> connected = new CompletableFuture<>();
      CompletableFuture<String> disconnected = new CompletableFuture<>();
      Socket socket =
          SocketIoClient.connect(
              server.uri(),
              ClientOptions.builder().reconnection(false).build(),
              s -> {
                s.onConnect(() -> connected.complete(null));
                s.onDisconnect(disconnected::complete);
              });
      connected.get(10, TimeUnit.SECONDS);
      server.push("49{not socket.io");
      assertThat(disconnected.get(10, TimeUnit.SECONDS)).isEqualTo("parse error");
    }
  }
}
