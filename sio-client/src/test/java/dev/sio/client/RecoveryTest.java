package dev.sio.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.server.SocketIoServer;
import dev.sio.testkit.EventRecorder;
import dev.sio.testkit.SioServerExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection state recovery: pid and offset sent back, missed events replayed. */
@Timeout(60)
class RecoveryTest {
  @RegisterExtension
  final SioServerExtension sio =
      SioServerExtension.create(b -> b.connectionStateRecovery(Duration.ofMinutes(1)))
          .timeout(Duration.ofSeconds(10))
          .beforeStart(
              io ->
                  io.onConnection(
                      s ->
                          s.on(
                              "join",
                              String.class,
                              (room, ack) -> {
                                s.join(room);
                                ack.send();
                              })));

  @Test
  void missedEventsAreReplayedAndTheSessionKept() throws Exception {
    EventRecorder seq = sio.recorder();
    CompletableFuture<String> disconnected = new CompletableFuture<>();
    Socket socket =
        sio.connect(
            "/",
            ClientOptions.builder()
                .transports("websocket")
                .reconnectionDelay(Duration.ofMillis(600))
                .reconnectionDelayMax(Duration.ofMillis(1000))
                .build(),
            s -> {
              seq.attach(s, "seq");
              s.onDisconnect(disconnected::complete);
            });
    assertThat(socket.recovered()).isFalse();
    sio.await(socket.emitWithAck("join", "room"));
    String id = socket.id();
    SocketIoServer io = sio.server();
    for (int i = 0; i < 3; i++) {
      io.to("room").emit("seq", i);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(seq.next("seq").arg(0).asInt()).isEqualTo(i);
    }

    io.sockets().sockets().get(id).conn().close();
    assertThat(sio.await(disconnected)).isEqualTo("transport close");
    for (int i = 3; i < 6; i++) {
      io.to("room").emit("seq", i); // while the client is away
    }
    ClientFixtures.awaitConnect(socket);
    assertThat(socket.recovered()).isTrue();
    assertThat(socket.id()).isEqualTo(id);
    for (int i = 3; i < 6; i++) {
      assertThat(seq.next("seq").arg(0).asInt()).isEqualTo(i);
    }
    io.to("room").emit("seq", 6); // still in the room
    assertThat(seq.next("seq").arg(0).asInt()).isEqualTo(6);
    seq.assertEmpty();
    socket.disconnect();
  }
}
