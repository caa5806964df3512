package dev.sio.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.redis.TestClient;
import dev.sio.server.AckTimeoutException;
import dev.sio.server.RemoteSocket;
import dev.sio.server.Socket;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every cluster operation between two Sio servers over PostgreSQL: broadcasts (rooms, except,
 * binary and large ones through the attachments table), broadcasts with acks, fetchSockets and the
 * remote socket's operations, socketsJoin/Leave, disconnectSockets, serverSideEmit with and without
 * acks, serverCount from heartbeats, namespaces apart.
 */
@Timeout(60)
class PostgresClusterTest extends PgTestBase {

  @Test
  void serverCountSeesBothServersAndDropsOneThatCloses() throws Exception {
    assertThat(serverA.sockets().adapter().serverCount().get(5, TimeUnit.SECONDS)).isEqualTo(2);
    serverB.close();
    serverB = null;
    // the closing adapter says goodbye (ADAPTER_CLOSE): no need to wait for the heartbeat timeout
    await(() -> serverA.sockets().adapter().serverCount().join() == 1, "A counts itself only");
  }

  @Test
  void roomBroadcastReachesTheRoomOnBothServers() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    TestClient b1 = clientIn(serverB, "room1");
    TestClient b2 = clientIn(serverB, "other");

    serverB.to("room1").emit("chat", "hello B->A", 42);
    for (TestClient c : List.of(a1, b1)) {
      TestClient.Event e = c.next();
      assertThat(e.name()).isEqualTo("chat");
      assertThat(e.arg(0).asText()).isEqualTo("hello B->A");
      assertThat(e.arg(1).asInt()).isEqualTo(42);
    }
    serverA.emit("global", "all");
    for (TestClient c : List.of(a1, b1, b2)) {
      assertThat(c.next().name()).isEqualTo("global");
    }
    assertNoMoreEvents();
  }

  @Test
  void binaryAndLargeBroadcastsGoThroughTheAttachmentsTable() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    serverB.to("room1").emit("bin", "blob", new byte[] {0, 1, 2, (byte) 0xfa, (byte) 0xff});
    TestClient.Event e = a1.next();
    assertThat(e.name()).isEqualTo("bin");
    assertThat(e.arg(1).binaryValue()).containsExactly(0, 1, 2, 0xfa, 0xff);

    String big = "x".repeat(20_000); // over NOTIFY's 8000 bytes
    serverB.to("room1").emit("big", big);
    e = a1.next();
    assertThat(e.name()).isEqualTo("big");
    assertThat(e.arg(0).asText()).isEqualTo(big);
    assertThat(rows()).isEqualTo(2);
    assertNoMoreEvents();
  }

  @Test
  void exceptLeavesOutTheExcludedRoomsOnEveryServer() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    TestClient a2 = clientIn(serverA, "room1", "muted");
    TestClient b1 = clientIn(serverB, "room1", "muted");
    TestClient b2 = clientIn(serverB, "room1");

    serverB.to("room1").except("muted").emit("news", 1);
    assertThat(a1.next().name()).isEqualTo("news");
    assertThat(b2.next().name()).isEqualTo("news");

    serverA.except(b2.sid).emit("not-b2", 2);
    for (TestClient c : List.of(a1, a2, b1)) {
      assertThat(c.next().name()).isEqualTo("not-b2");
    }
    assertNoMoreEvents();
  }

  @Test
  void broadcastWithAckCollectsTheAnswersOfEveryServer() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    TestClient b1 = clientIn(serverB, "room1");
    a1.ackWith(prefixed("A"));
    b1.ackWith(prefixed("B"));

    List<JsonNode> answers =
        serverA
            .to("room1")
            .timeout(Duration.ofSeconds(3))
            .emitWithAck("question", "q1")
            .get(5, TimeUnit.SECONDS);
    assertThat(answers).extracting(JsonNode::asText).containsExactlyInAnyOrder("A:q1", "B:q1");
    assertThat(a1.next().name()).isEqualTo("question");
    assertThat(b1.next().name()).isEqualTo("question");
    assertNoMoreEvents();
  }

  @Test
  void fetchSocketsReturnsRemoteSocketsThatCanBeDrivenRemotely() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    TestClient b1 = clientIn(serverB, "room1");

    List<RemoteSocket> sockets = serverA.in("room1").fetchSockets().get(5, TimeUnit.SECONDS);
    assertThat(sockets).extracting(RemoteSocket::id).containsExactlyInAnyOrder(a1.sid, b1.sid);
    RemoteSocket remote =
        sockets.stream().filter(s -> s.id().equals(b1.sid)).findFirst().orElseThrow();
    assertThat(remote).isNotInstanceOf(Socket.class);
    assertThat(remote.rooms()).containsExactlyInAnyOrder(b1.sid, "room1");
    assertThat(remote.data()).containsEntry("server", "B");
    assertThat(remote.handshake().query()).containsEntry("EIO", "4");

    remote.emit("direct", "to-b1");
    TestClient.Event e = b1.next();
    assertThat(e.name()).isEqualTo("direct");
    assertThat(e.arg(0).asText()).isEqualTo("to-b1");

    Socket onB = socketOf(serverB, b1);
    remote.join("r9");
    await(() -> onB.rooms().contains("r9"), "remote join");
    remote.leave("r9");
    await(() -> !onB.rooms().contains("r9"), "remote leave");

    remote.disconnect(false);
    assertThat(b1.awaitDisconnect(5000)).as("b1 disconnected").isTrue();
    assertThat(a1.disconnected).isFalse();
    assertNoMoreEvents();
  }

  @Test
  void socketsJoinAndLeaveApplyOnEveryServer() throws Exception {
    TestClient a1 = clientIn(serverA);
    TestClient b1 = clientIn(serverB);
    Socket onA = socketOf(serverA, a1);
    Socket onB = socketOf(serverB, b1);

    serverA.socketsJoin("all-in");
    await(() -> onA.rooms().contains("all-in") && onB.rooms().contains("all-in"), "joined");
    serverB.in(a1.sid).socketsLeave("all-in");
    await(() -> !onA.rooms().contains("all-in"), "a1 left");
    assertThat(onB.rooms()).contains("all-in");
    serverB.to("all-in").emit("still-in", 1);
    assertThat(b1.next().name()).isEqualTo("still-in");
    assertNoMoreEvents();
  }

  @Test
  void disconnectSocketsDisconnectsOnEveryServer() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    TestClient b1 = clientIn(serverB, "room1");
    TestClient b2 = clientIn(serverB, "other");

    serverA.in("room1").disconnectSockets(false);
    assertThat(a1.awaitDisconnect(5000)).isTrue();
    assertThat(b1.awaitDisconnect(5000)).isTrue();
    Thread.sleep(100);
    assertThat(b2.disconnected).isFalse();
  }

  @Test
  void serverSideEmitReachesTheOtherServersOnly() throws Exception {
    serverA.serverSideEmit("ping", "plain", 42, new byte[] {7});
    Received r = serverSideEmits.poll(5, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    assertThat(r.server()).isEqualTo("B");
    assertThat(r.args().get(0).asText()).isEqualTo("plain");
    assertThat(r.args().get(1).asInt()).isEqualTo(42);
    assertThat(r.args().get(2).binaryValue()).containsExactly(7);
    assertThat(serverSideEmits.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void serverSideEmitWithAckCollectsTheOtherServersAnswers() throws Exception {
    List<JsonNode> answers = serverB.serverSideEmitWithAck("ping", "q-B").get(5, TimeUnit.SECONDS);
    assertThat(answers).extracting(JsonNode::asText).containsExactly("pong-A");
    assertThat(serverSideEmits.poll(5, TimeUnit.SECONDS).server()).isEqualTo("A");
  }

  @Test
  void serverSideEmitWithAckTimesOutWhenAServerDoesNotAnswer() throws Exception {
    assertThatThrownBy(
            () -> serverA.serverSideEmitWithAck("ping", "silent").get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(AckTimeoutException.class)
        .hasMessage("timeout reached: missing 1 responses");
  }

  @Test
  void otherNamespacesAreSeparateClusters() throws Exception {
    setUp("A", serverA.of("/admin"));
    setUp("B", serverB.of("/admin"));
    awaitServerCount("/admin", 2);
    TestClient admin = client(serverA, "/admin");
    TestClient main = clientIn(serverA);
    serverB.of("/admin").emit("admin-only", 1);
    assertThat(admin.next().name()).isEqualTo("admin-only");
    assertThat(main.poll(200)).isNull();
    assertNoMoreEvents();
  }

  private int rows() throws Exception {
    try (var c = DriverManager.getConnection(URL, "postgres", null);
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
