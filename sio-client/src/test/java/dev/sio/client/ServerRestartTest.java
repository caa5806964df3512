package dev.sio.client;

import static dev.sio.client.ClientFixtures.connected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reconnection under loss: the server is killed mid-stream and started again on the same port; with
 * retries, no acknowledged emit is lost and none is delivered out of order.
 */
@Timeout(90)
class ServerRestartTest {
  @Test
  void noAcknowledgedEmitIsLostNorReordered() throws Exception {
    List<List<Integer>> perServer = new ArrayList<>();
    SioServer first = startRecording(0, perServer);
    int port = first.port();
    Socket socket =
        connected(
            first.uri("/"),
            ClientOptions.builder()
                .retries(50)
                .ackTimeout(Duration.ofMillis(400))
                .reconnectionDelay(Duration.ofMillis(100))
                .reconnectionDelayMax(Duration.ofMillis(300))
                .build());
    List<String> events = new CopyOnWriteArrayList<>();
    socket.onDisconnect(reason -> events.add("disconnect:" + reason));
    socket.io().onReconnect(n -> events.add("reconnect"));
    int total = 200;
    List<CompletableFuture<Integer>> acks = new ArrayList<>();
    SioServer second = null;
    try {
      for (int i = 0; i < total; i++) {
        acks.add(socket.emitWithAck("n", Integer.class, i));
        if (i == 80) {
          acks.get(40).get(10, TimeUnit.SECONDS); // the stream is flowing: kill the server
          first.close();
          second = startRecording(port, perServer);
        }
      }
      for (int i = 0; i < total; i++) {
        assertThat(acks.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
      }
      assertThat(events).contains("disconnect:transport close", "reconnect");
      assertThat(perServer).hasSize(2);
      for (List<Integer> seen : perServer) {
        assertThat(seen).isNotEmpty().isSorted(); // in order on each server (repeats allowed)
      }
      List<Integer> all = new ArrayList<>(perServer.get(0));
      all.addAll(perServer.get(1));
      assertThat(all.stream().distinct().toList())
          .containsExactlyElementsOf(IntStream.range(0, total).boxed().toList());
      socket.disconnect();
    } finally {
      if (second != null) {
        second.close();
      }
    }
  }

  private static SioServer startRecording(int port, List<List<Integer>> perServer) {
    SioServer server = SioServer.start(port, b -> b, e -> e);
    List<Integer> seen = new CopyOnWriteArrayList<>();
    perServer.add(seen);
    server.io.onConnection(
        s ->
            s.on(
                "n",
                Integer.class,
                (n, ack) -> {
                  seen.add(n);
                  ack.send(n);
                }));
    return server;
  }
}
