package dev.sio.client;

import static dev.sio.client.ClientFixtures.connected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code retries} + {@code ackTimeout}: at-least-once, in order, one packet in flight. */
@Timeout(60)
class RetriesTest {
  private SioServer server;
  private final List<Integer> deliveries = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server = SioServer.start();
    Set<Integer> seenOnce = new HashSet<>(); // the connection's event loop only
    server.io.onConnection(
        s ->
            s.on(
                "msg",
                Integer.class,
                (n, ack) -> {
                  deliveries.add(n);
                  if (seenOnce.add(n)) {
                    return; // the first delivery of each value is "lost": no acknowledgement
                  }
                  ack.send(n * 10);
                }));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void exactlyTheUnacknowledgedEmitsAreSentAgainInOrder() throws Exception {
    Socket socket =
        connected(
            server.uri("/"),
            ClientOptions.builder().retries(3).ackTimeout(Duration.ofMillis(150)).build());
    List<CompletableFuture<Integer>> acks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      acks.add(socket.emitWithAck("msg", Integer.class, i));
    }
    socket.emit("msg", 10); // a plain emit goes through the queue too
    for (int i = 0; i < 10; i++) {
      assertThat(acks.get(i).get(20, TimeUnit.SECONDS)).isEqualTo(i * 10);
    }
    ClientFixtures.await(() -> deliveries.size() >= 22);
    Thread.sleep(300);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i <= 10; i++) {
      expected.add(i);
      expected.add(i);
    }
    assertThat(deliveries).containsExactlyElementsOf(expected);
    socket.disconnect();
  }

  @Test
  void anEmitIsGivenUpAfterRetriesPlusOneTries() throws Exception {
    server.io.onConnection(s -> s.on("never", (args, ack) -> deliveries.add(-1)));
    Socket socket =
        connected(
            server.uri("/"),
            ClientOptions.builder().retries(2).ackTimeout(Duration.ofMillis(100)).build());
    CompletableFuture<List<JsonNode>> never = socket.emitWithAck("never");
    CompletableFuture<Integer> next = socket.emitWithAck("msg", Integer.class, 5);
    assertThat(never)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(TimeoutException.class);
    assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(50);
    assertThat(deliveries).startsWith(-1, -1, -1); // three tries, then the next packet
    socket.disconnect();
  }
}
