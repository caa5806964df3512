package dev.sio.client;

import static dev.sio.client.ClientFixtures.await;
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

/** Connection state recovery: pid and offset sent back, missed events replayed. */
@Timeout(60)
class RecoveryTest {
  private SioServer server;

  @BeforeEach
  void start() {
    server = SioServer.start(0, b -> b.connectionStateRecovery(Duration.ofMinutes(1)), e -> e);
    server.io.onConnection(
        s ->
            s.on(
                "join",
                String.class,
                (room, ack) -> {
                  s.join(room);
                  ack.send();
                }));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void missedEventsAreReplayedAndTheSessionKept() throws Exception {
    Socket socket =
        connected(
            server.uri("/"),
            ClientOptions.builder()
                .transports("websocket")
                .reconnectionDelay(Duration.ofMillis(600))
                .reconnectionDelayMax(Duration.ofMillis(1000))
                .build());
    assertThat(socket.recovered()).isFalse();
    List<Integer> seq = new CopyOnWriteArrayList<>();
    socket.on("seq", (args, ack) -> seq.add(args.get(0).asInt()));
    socket.emitWithAck("join", "room").get(10, TimeUnit.SECONDS);
    String id = socket.id();
    for (int i = 0; i < 3; i++) {
      server.io.to("room").emit("seq", i);
    }
    await(() -> seq.size() == 3);

    CompletableFuture<String> disconnected = new CompletableFuture<>();
    socket.onDisconnect(disconnected::complete);
    server.io.sockets().sockets().get(id).conn().close();
    assertThat(disconnected.get(10, TimeUnit.SECONDS)).isEqualTo("transport close");
    for (int i = 3; i < 6; i++) {
      server.io.to("room").emit("seq", i); // while the client is away
    }
    ClientFixtures.awaitConnect(socket);
    assertThat(socket.recovered()).isTrue();
    assertThat(socket.id()).isEqualTo(id);
    await(() -> seq.size() == 6);
    assertThat(seq).containsExactly(0, 1, 2, 3, 4, 5);
    server.io.to("room").emit("seq", 6); // still in the room
    await(() -> seq.size() == 7);
    socket.disconnect();
  }
}
