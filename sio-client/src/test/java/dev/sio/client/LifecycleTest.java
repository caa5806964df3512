package dev.sio.client;

import static dev.sio.client.ClientFixtures.connected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connecting again after leaving, manager events, and reconnection giving up. */
@Timeout(60)
class LifecycleTest {
  private SioServer server;
  private final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server = SioServer.start();
    server.io.onConnection(s -> s.on("echo", (args, ack) -> ack.send(args.toArray())));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aSocketConnectsAgainAfterDisconnectOnAFreshThread() throws Exception {
    Socket socket = connected(server.uri("/"), ClientOptions.DEFAULTS);
    List<String> threads = new CopyOnWriteArrayList<>();
    socket.onConnect(() -> threads.add(Thread.currentThread().getName()));
    String firstId = socket.id();
    socket.disconnect();
    assertThat(socket.io().awaitReleased(Duration.ofSeconds(5))).isTrue();
    socket.connect();
    ClientFixtures.await(socket::connected);
    assertThat(socket.id()).isNotEqualTo(firstId);
    assertThat(socket.emitWithAck("echo", "again").get(10, TimeUnit.SECONDS))
        .hasToString("[\"again\"]");
    assertThat(threads).hasSize(1).allMatch(name -> name.startsWith("sio-client"));
    socket.disconnect();
  }

  @Test
  void managerEventsAroundAnOpenAndAClose() throws Exception {
    Manager manager =
        SocketIoClient.manager(server.uri("/"), ClientOptions.builder().autoConnect(false).build());
    manager.onOpen(() -> events.add("open"));
    manager.onClose(reason -> events.add("close:" + reason));
    Socket socket = manager.socket("/");
    assertThat(socket.active()).isFalse(); // autoConnect off: nothing happens yet
    Thread.sleep(200);
    assertThat(events).isEmpty();
    socket.connect();
    ClientFixtures.await(socket::connected);
    manager.close();
    ClientFixtures.await(() -> events.size() == 2);
    assertThat(events).containsExactly("open", "close:forced close");
  }

  @Test
  void reconnectionGivesUpAfterTheAttempts() throws Exception {
    Socket socket =
        connected(
            server.uri("/"),
            ClientOptions.builder()
                .reconnectionAttempts(2)
                .reconnectionDelay(Duration.ofMillis(50))
                .reconnectionDelayMax(Duration.ofMillis(100))
                .build());
    CompletableFuture<Void> failed = new CompletableFuture<>();
    socket.io().onReconnectAttempt(n -> events.add("attempt:" + n));
    socket.io().onReconnectError(e -> events.add("error:" + e.getMessage()));
    socket.io().onReconnectFailed(() -> failed.complete(null));
    socket.onDisconnect(reason -> events.add("disconnect:" + reason));
    server.close();
    failed.get(20, TimeUnit.SECONDS);
    Thread.sleep(300); // nothing may follow reconnect_failed
    List<String> events = List.copyOf(this.events);
    // polling sees its request aborted (transport error), WebSocket its close (transport close)
    assertThat(events.get(0)).isIn("disconnect:transport close", "disconnect:transport error");
    assertThat(events.subList(1, events.size()))
        .containsExactly("attempt:1", "error:xhr poll error", "attempt:2", "error:xhr poll error");
    assertThat(socket.io().awaitReleased(Duration.ofSeconds(5))).isTrue();
    socket.disconnect();
  }

  @Test
  void anEmitOnAClosedManagerLeavesNoThreadBehind() throws Exception {
    Socket socket = connected(server.uri("/"), ClientOptions.DEFAULTS);
    socket.disconnect();
    assertThat(socket.io().awaitReleased(Duration.ofSeconds(5))).isTrue();
    socket.emit("echo", "buffered"); // runs on a new thread, which then stops again
    assertThat(socket.io().awaitReleased(Duration.ofSeconds(5))).isTrue();
    CompletableFuture<java.util.List<com.fasterxml.jackson.databind.JsonNode>> timed =
        socket.timeout(Duration.ofMillis(200)).emitWithAck("echo", "late");
    assertThat(timed)
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(socket.io().awaitReleased(Duration.ofSeconds(5))).isTrue();
    // the buffered emits go out at the next connection
    socket.connect();
    ClientFixtures.await(socket::connected);
    assertThat(socket.emitWithAck("echo", "now").get(10, TimeUnit.SECONDS))
        .hasToString("[\"now\"]");
    socket.disconnect();
  }
}
