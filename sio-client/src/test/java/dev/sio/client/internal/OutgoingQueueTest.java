package dev.sio.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.sio.client.ClientOptions;
import dev.sio.client.DisconnectedException;
import dev.sio.protocol.socketio.SocketPacket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The retry queue and acknowledgement bookkeeping, driven by hand on a real event thread. */
@Timeout(20)
class OutgoingQueueTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ClientLoop loop = new ClientLoop("queue-test");
  private final List<SocketPacket> sent = new CopyOnWriteArrayList<>();
  private volatile boolean connected = true;
  private volatile boolean writable = true;

  @AfterEach
  void release() throws InterruptedException {
    loop.execute(loop::release);
    assertThat(loop.awaitReleased(5000)).isTrue();
  }

  private OutgoingQueue queue(ClientOptions options) {
    return on(
        () ->
            new OutgoingQueue(
                "/",
                (packet, compress, outgoing) -> sent.add(packet),
                loop,
                options,
                () -> connected,
                () -> writable));
  }

  private <T> T on(Supplier<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.execute(() -> result.complete(task.get()));
    return result.join();
  }

  private void run(Runnable task) {
    on(
        () -> {
          task.run();
          return null;
        });
  }

  private static ArrayNode event(String name, int arg) {
    return MAPPER.createArrayNode().add(name).add(arg);
  }

  private void awaitSent(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (sent.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(sent).hasSizeGreaterThanOrEqualTo(count);
  }

  @Test
  void retriesSendOnePacketAtATimeUntilAcknowledged() throws Exception {
    OutgoingQueue q =
        queue(ClientOptions.builder().retries(3).ackTimeout(Duration.ofMillis(150)).build());
    CompletableFuture<List<JsonNode>> a = new CompletableFuture<>();
    CompletableFuture<List<JsonNode>> b = new CompletableFuture<>();
    run(() -> q.emit(event("a", 1), null, false, true, a));
    run(() -> q.emit(event("b", 2), null, false, true, b));
    assertThat(sent).hasSize(1); // b waits for a
    awaitSent(2); // a again after its ack timed out
    SocketPacket retry = sent.get(1);
    assertThat(retry.data()).isEqualTo(event("a", 1));
    assertThat(retry.id()).isNotEqualTo(sent.get(0).id());
    run(() -> q.onAck(sent.get(0).id(), List.of(IntNode.valueOf(0)))); // a late ack: ignored
    assertThat(a).isNotDone();
    run(() -> q.onAck(retry.id(), List.of(IntNode.valueOf(10))));
    assertThat(a.get(1, TimeUnit.SECONDS)).containsExactly(IntNode.valueOf(10));
    awaitSent(3);
    assertThat(sent.get(2).data()).isEqualTo(event("b", 2));
    run(() -> q.onAck(sent.get(2).id(), List.of()));
    assertThat(b.get(1, TimeUnit.SECONDS)).isEmpty();
    Thread.sleep(300);
    assertThat(sent).hasSize(3);
  }

  @Test
  void aPacketIsDroppedAfterRetriesPlusOneTries() throws Exception {
    OutgoingQueue q =
        queue(ClientOptions.builder().retries(1).ackTimeout(Duration.ofMillis(100)).build());
    CompletableFuture<List<JsonNode>> a = new CompletableFuture<>();
    CompletableFuture<List<JsonNode>> b = new CompletableFuture<>();
    run(() -> q.emit(event("a", 1), null, false, true, a));
    run(() -> q.emit(event("b", 2), null, false, true, b));
    assertThatThrownBy(() -> a.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class)
        .hasRootCauseMessage("operation has timed out");
    awaitSent(3);
    assertThat(sent.subList(0, 3).stream().map(p -> p.data().get(0).asText()))
        .containsExactly("a", "a", "b");
  }

  @Test
  void emitsWhileDisconnectedAreBufferedAndVolatileOnesDropped() throws Exception {
    connected = false;
    writable = false;
    OutgoingQueue q = queue(ClientOptions.DEFAULTS);
    CompletableFuture<List<JsonNode>> ack = new CompletableFuture<>();
    run(() -> q.emit(event("kept", 1), null, false, true, null));
    run(() -> q.emit(event("asked", 2), null, false, true, ack));
    run(() -> q.emit(event("dropped", 3), null, true, true, null));
    assertThat(sent).isEmpty();
    connected = true;
    writable = true;
    run(q::onConnect);
    assertThat(sent.stream().map(p -> p.data().get(0).asText())).containsExactly("kept", "asked");
    assertThat(sent.get(0).hasId()).isFalse();
    run(() -> q.onAck(sent.get(1).id(), List.of(IntNode.valueOf(7))));
    assertThat(ack.get(1, TimeUnit.SECONDS)).containsExactly(IntNode.valueOf(7));
  }

  @Test
  void aDisconnectionFailsTheAcknowledgementsOfSentPacketsOnly() throws Exception {
    OutgoingQueue q = queue(ClientOptions.DEFAULTS);
    CompletableFuture<List<JsonNode>> sentOne = new CompletableFuture<>();
    run(() -> q.emit(event("sent", 1), null, false, true, sentOne));
    connected = false;
    CompletableFuture<List<JsonNode>> buffered = new CompletableFuture<>();
    run(() -> q.emit(event("buffered", 2), null, false, true, buffered));
    run(q::onDisconnect);
    assertThatThrownBy(() -> sentOne.get(1, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DisconnectedException.class)
        .hasRootCauseMessage("socket has been disconnected");
    assertThat(buffered).isNotDone();
    connected = true;
    run(q::onConnect);
    run(() -> q.onAck(sent.get(1).id(), List.of()));
    assertThat(buffered.get(1, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void aQueuedPacketIsSentAgainAfterAReconnection() throws Exception {
    OutgoingQueue q = queue(ClientOptions.builder().retries(2).build());
    CompletableFuture<List<JsonNode>> a = new CompletableFuture<>();
    run(() -> q.emit(event("a", 1), null, false, true, a));
    assertThat(sent).hasSize(1);
    connected = false;
    run(q::onDisconnect);
    assertThat(a).isNotDone(); // kept for the next connection, not failed
    connected = true;
    run(q::onConnect);
    assertThat(sent).hasSize(2);
    run(() -> q.onAck(sent.get(1).id(), List.of(IntNode.valueOf(1))));
    assertThat(a.get(1, TimeUnit.SECONDS)).containsExactly(IntNode.valueOf(1));
  }
}
