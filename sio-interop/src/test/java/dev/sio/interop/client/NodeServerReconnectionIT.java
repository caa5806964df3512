package dev.sio.interop.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.interop.NodeScript;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reconnection, retries and connection state recovery against Node's server. */
@Timeout(90)
class NodeServerReconnectionIT {
  static final Duration WAIT = Duration.ofSeconds(15);

  private final List<NodeScript> servers = new ArrayList<>();
  private final Recorder recorder = new Recorder();

  @AfterEach
  void stop() {
    servers.forEach(NodeScript::close);
    assertThat(recorder.rest()).as("unexpected client events").isEmpty();
  }

  private URI start(String options) {
    NodeScript server = NodeScript.start("client/server.js", options);
    servers.add(server);
    return URI.create("http://127.0.0.1:" + server.await("listening", WAIT).path("port").asInt());
  }

  private NodeScript server() {
    return servers.get(servers.size() - 1);
  }

  private static ClientOptions.Builder fast() {
    return ClientOptions.builder()
        .reconnectionDelay(Duration.ofMillis(100))
        .reconnectionDelayMax(Duration.ofMillis(300));
  }

  @Test
  void reconnectsAfterTheServerDropsTheConnection() throws Exception {
    URI uri = start("{}");
    Socket socket =
        SocketIoClient.connect(
            uri,
            fast().build(),
            s -> {
              s.onConnect(() -> recorder.add("connect"));
              s.onDisconnect(reason -> recorder.add("disconnect:" + reason));
              s.io().onReconnectAttempt(n -> recorder.add("reconnect_attempt:" + n));
              s.io().onReconnect(n -> recorder.add("reconnect:" + n));
            });
    assertThat(recorder.next(WAIT)).isEqualTo("connect");
    String firstId = socket.id();
    server().await("upgrade", WAIT);
    socket.emit("drop-transport");
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:transport close");
    assertThat(recorder.next(WAIT)).isEqualTo("reconnect_attempt:1");
    assertThat(recorder.next(WAIT)).isEqualTo("reconnect:1");
    assertThat(recorder.next(WAIT)).isEqualTo("connect");
    assertThat(socket.id()).isNotEqualTo(firstId);
    assertThat(socket.recovered()).isFalse();
    socket.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:io client disconnect");
  }

  @Test
  void connectionStateRecoveryReplaysMissedEvents() throws Exception {
    URI uri = start("{\"recovery\":true}");
    List<Integer> seq = new CopyOnWriteArrayList<>();
    Socket socket =
        SocketIoClient.connect(
            uri,
            fast().transports("websocket").build(),
            s -> {
              s.on("seq", (args, ack) -> seq.add(args.get(0).asInt()));
              s.onConnect(() -> recorder.add("connect:" + s.recovered()));
              s.onDisconnect(reason -> recorder.add("disconnect:" + reason));
            });
    assertThat(recorder.next(WAIT)).isEqualTo("connect:false");
    String id = socket.id();
    socket.emitWithAck("join", "room").get(10, TimeUnit.SECONDS);
    socket.emitWithAck("emit-to-room", "room", 3).get(10, TimeUnit.SECONDS); // 0, 1, 2
    // the server drops the transport and, while the client is away, emits 0..4 to the room
    server().send(NodeScript.command("close-transports"));
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:transport close");
    ObjectEmit.toRoom(server(), "room", 5);
    assertThat(recorder.next(WAIT)).isEqualTo("connect:true");
    assertThat(socket.id()).isEqualTo(id);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (seq.size() < 8 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(seq).containsExactly(0, 1, 2, 0, 1, 2, 3, 4);
    socket.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:io client disconnect");
  }

  @Test
  void retriesDeliverEveryEmitInOrderAcrossServerRestarts() throws Exception {
    URI uri = start("{}");
    int port = uri.getPort();
    NodeScript first = server();
    Socket socket =
        SocketIoClient.connect(
            uri,
            fast().retries(20).ackTimeout(Duration.ofMillis(500)).build(),
            s -> {
              s.onConnect(() -> recorder.add("connect"));
              s.onDisconnect(reason -> recorder.add("disconnect"));
            });
    assertThat(recorder.next(WAIT)).isEqualTo("connect");
    int total = 60;
    List<CompletableFuture<List<JsonNode>>> acks = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      acks.add(socket.emitWithAck("echo", i));
      if (i == 20) {
        acks.get(10).get(10, TimeUnit.SECONDS); // some are through: kill mid-stream
        servers.remove(0).close();
        assertThat(recorder.next(WAIT)).isEqualTo("disconnect");
        start("{\"port\":" + port + "}");
      }
    }
    for (int i = 0; i < total; i++) {
      assertThat(acks.get(i).get(30, TimeUnit.SECONDS).get(0).asInt()).isEqualTo(i);
    }
    assertThat(recorder.next(WAIT)).isEqualTo("connect");
    // each server saw the emits in order; together, every one at least once (an ack can reach
    // the client before this test's reader thread has parsed the server's "received" line, so
    // wait a bounded time for the lines to cover every emit, then check them)
    long end = System.nanoTime() + WAIT.toNanos();
    List<Integer> firstSaw = echoes(first);
    List<Integer> secondSaw = echoes(server());
    while (distinctCount(firstSaw, secondSaw) < total && System.nanoTime() < end) {
      Thread.sleep(20);
      firstSaw = echoes(first);
      secondSaw = echoes(server());
    }
    assertThat(firstSaw).isSorted().isNotEmpty();
    assertThat(secondSaw).isSorted().isNotEmpty();
    List<Integer> all = new ArrayList<>(firstSaw);
    all.addAll(secondSaw);
    assertThat(all.stream().distinct().toList())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, total).boxed().toList());
    socket.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect");
  }

  private static long distinctCount(List<Integer> a, List<Integer> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().count();
  }

  private static List<Integer> echoes(NodeScript server) {
    return server.received().stream()
        .filter(l -> "received".equals(l.path("event").asText()))
        .filter(l -> "echo".equals(l.path("name").asText()))
        .map(l -> l.path("args").get(0).asInt())
        .toList();
  }

  /** Sends the command that makes the server emit {@code 0..n-1} as "seq" to a room. */
  private static final class ObjectEmit {
    static void toRoom(NodeScript server, String room, int n) {
      for (int i = 0; i < n; i++) {
        var command = NodeScript.command("emit").put("room", room).put("event", "seq");
        command.putArray("args").add(i);
        server.send(command);
        server.await("emitted", WAIT);
      }
    }
  }
}
