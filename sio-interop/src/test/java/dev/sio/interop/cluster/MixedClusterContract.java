package dev.sio.interop.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;
import dev.sio.redis.TestClient;
import dev.sio.server.RemoteSocket;
import dev.sio.server.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every cluster operation in both directions between a Node.js and a Sio server. */
abstract class MixedClusterContract extends MixedClusterBase {
  // ---- tests ----------------------------------------------------------------------------------

  @Test
  void roomBroadcastsWithBinaryCrossBothWays() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    TestClient java = sioClient("room1");

    sio.to("room1").emit("chat", "from-sio", new byte[] {1, 2, 3});
    JsonNode got = message(npm, "chat");
    assertThat(got.path("args").toString()).isEqualTo("[\"from-sio\",{\"$bin\":\"AQID\"}]");
    TestClient.Event local = java.next();
    assertThat(local.name()).isEqualTo("chat");

    ObjectNode emit = nodeCommand("emit", "room1").put("name", "chat");
    emit.putArray("args").add("from-node").addObject().put("$bin", "AAEC+v8=");
    node.send(emit);
    TestClient.Event e = java.next();
    assertThat(e.name()).isEqualTo("chat");
    assertThat(e.arg(0).asText()).isEqualTo("from-node");
    assertThat(e.arg(1).binaryValue()).containsExactly(0, 1, 2, 0xfa, 0xff);
    assertThat(message(npm, "chat").path("args").get(0).asText()).isEqualTo("from-node");
    assertThat(java.poll(200)).isNull();
  }

  @Test
  void exceptIsHonouredBothWays() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    TestClient java = sioClient("room1");

    ObjectNode emit = nodeCommand("emit", "room1").put("name", "n1");
    emit.putArray("except").add(java.sid);
    emit.putArray("args").add(1);
    node.send(emit);
    message(npm, "n1");

    sio.to("room1").except(idOf(npm)).emit("s1", 2);
    assertThat(java.next().name()).isEqualTo("s1");

    sio.emit("marker", 3);
    assertThat(message(npm, "marker").path("args").get(0).asInt()).isEqualTo(3);
    assertThat(java.next().name()).isEqualTo("marker");
    assertThat(npm.pending()).noneMatch(l -> "s1".equals(l.path("name").asText()));
    assertThat(java.poll(200)).as("n1 excluded").isNull();
  }

  @Test
  void broadcastAcksAreCollectedAcrossBothServers() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    TestClient java = sioClient("room1");
    java.ackWith(e -> "J:" + e.arg(0).asText());

    List<JsonNode> answers =
        sio.to("room1")
            .timeout(Duration.ofSeconds(3))
            .emitWithAck("question", "q1")
            .get(10, TimeUnit.SECONDS);
    assertThat(answers).extracting(JsonNode::asText).containsExactlyInAnyOrder("N:q1", "J:q1");

    ObjectNode ask = nodeCommand("emitWithAck", "room1").put("name", "question");
    ask.putArray("args").add("q2");
    JsonNode fromNode = ask(node, ask, "ack");
    assertThat(fromNode.path("error").isMissingNode()).as(fromNode.toString()).isTrue();
    List<String> texts = new ArrayList<>();
    fromNode.path("args").forEach(a -> texts.add(a.asText()));
    assertThat(texts).containsExactlyInAnyOrder("N:q2", "J:q2");
  }

  @Test
  void fetchSocketsSeesFullSocketsOfTheOtherLanguage() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    TestClient java = sioClient("room1");
    String npmId = idOf(npm);

    List<RemoteSocket> sockets = sio.in("room1").fetchSockets().get(10, TimeUnit.SECONDS);
    assertThat(sockets).extracting(RemoteSocket::id).containsExactlyInAnyOrder(npmId, java.sid);
    RemoteSocket remote =
        sockets.stream().filter(s -> s.id().equals(npmId)).findFirst().orElseThrow();
    assertThat(remote.rooms()).containsExactlyInAnyOrder(npmId, "room1");
    assertThat(remote.data()).containsEntry("server", "N");
    assertThat(remote.handshake().address()).isEqualTo("127.0.0.1");
    assertThat(remote.handshake().url()).startsWith("/socket.io/?EIO=4&transport=websocket");
    assertThat(remote.handshake().query()).containsEntry("EIO", "4");
    assertThat(remote.handshake().time()).contains("GMT");

    JsonNode fromNode = ask(node, nodeCommand("fetchSockets", "room1"), "sockets");
    JsonNode javaSocket = null;
    for (JsonNode s : fromNode.path("sockets")) {
      if (s.path("id").asText().equals(java.sid)) {
        javaSocket = s;
      }
    }
    assertThat(javaSocket).as("the Sio socket in Node's fetchSockets").isNotNull();
    assertThat(javaSocket.path("data").path("server").asText()).isEqualTo("J");
    assertThat(javaSocket.path("rooms").toString()).contains("room1");
    JsonNode h = javaSocket.path("handshake");
    assertThat(h.path("issued").asLong()).isPositive();
    assertThat(h.path("url").asText()).startsWith("/socket.io/");
    assertThat(h.path("headers").isObject()).isTrue();
    assertThat(h.path("auth").isObject()).isTrue();
  }

  @Test
  void remoteSocketOperationsWorkBothWays() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    TestClient java = sioClient("room1");
    String npmId = idOf(npm);

    RemoteSocket remote =
        sio.in(npmId).fetchSockets().get(10, TimeUnit.SECONDS).stream()
            .filter(s -> s.id().equals(npmId))
            .findFirst()
            .orElseThrow();
    remote.emit("direct", "to-npm");
    assertThat(message(npm, "direct").path("args").get(0).asText()).isEqualTo("to-npm");
    remote.join("r9");
    await(() -> nodeRooms(npmId).contains("r9"), "npm socket joined r9");
    remote.leave("r9");
    await(() -> !nodeRooms(npmId).contains("r9"), "npm socket left r9");

    ObjectNode emit = NodeScript.command("remote").put("sid", java.sid).put("op", "emit");
    emit.put("name", "direct");
    emit.putArray("args").add("to-java");
    assertThat(ask(node, emit, "remote").path("done").asBoolean()).isTrue();
    TestClient.Event e = java.next();
    assertThat(e.name()).isEqualTo("direct");
    assertThat(e.arg(0).asText()).isEqualTo("to-java");

    ObjectNode join = NodeScript.command("remote").put("sid", java.sid).put("op", "join");
    join.put("room", "r8");
    ask(node, join, "remote");
    Socket onSio = socketOf(java);
    await(() -> onSio.rooms().contains("r8"), "Sio socket joined r8");

    ObjectNode disconnect =
        NodeScript.command("remote").put("sid", java.sid).put("op", "disconnect");
    ask(node, disconnect, "remote");
    assertThat(java.awaitDisconnect(10_000)).isTrue();

    remote.disconnect(false);
    assertThat(npm.await("disconnect", WAIT).path("reason").asText())
        .isEqualTo("io server disconnect");
  }

  @Test
  void socketsJoinLeaveAndDisconnectCrossBothWays() throws Exception {
    NodeScript npm = npmClient("N");
    TestClient java = sioClient();
    String npmId = idOf(npm);
    Socket onSio = socketOf(java);

    ObjectNode join = nodeCommand("socketsJoin").put("join", "from-node");
    node.send(join);
    await(() -> onSio.rooms().contains("from-node"), "Sio socket joined from Node");
    ObjectNode leave = nodeCommand("socketsLeave", java.sid).put("leave", "from-node");
    node.send(leave);
    await(() -> !onSio.rooms().contains("from-node"), "Sio socket left from Node");

    sio.in(npmId).socketsJoin("from-sio");
    await(() -> nodeRooms(npmId).contains("from-sio"), "npm socket joined from Sio");
    sio.socketsLeave("from-sio");
    await(() -> !nodeRooms(npmId).contains("from-sio"), "npm socket left from Sio");

    sio.in(npmId).disconnectSockets(false);
    assertThat(npm.await("disconnect", WAIT).path("reason").asText())
        .isEqualTo("io server disconnect");
    node.send(nodeCommand("disconnectSockets", java.sid));
    assertThat(java.awaitDisconnect(10_000)).isTrue();
  }

  @Test
  void serverSideEmitsAndTheirAcksCrossBothWays() throws Exception {
    List<JsonNode> answers =
        sio.serverSideEmitWithAck("ping", "from-sio").get(10, TimeUnit.SECONDS);
    assertThat(answers).extracting(JsonNode::asText).containsExactly("pong-N");
    assertThat(node.await("sse", WAIT).path("args").get(0).asText()).isEqualTo("from-sio");

    ObjectNode ask = NodeScript.command("serverSideEmitWithAck").put("name", "ping");
    ask.putArray("args").add("from-node");
    JsonNode fromNode = ask(node, ask, "sseAck");
    assertThat(fromNode.path("args").toString()).as(fromNode.toString()).isEqualTo("[\"pong-J\"]");
    List<JsonNode> received = sioServerSideEmits.poll(5, TimeUnit.SECONDS);
    assertThat(received).isNotNull();
    assertThat(received.get(0).asText()).isEqualTo("from-node");

    ObjectNode plain = NodeScript.command("serverSideEmit").put("name", "ping");
    plain.putArray("args").add("plain").add(42);
    node.send(plain);
    List<JsonNode> p = sioServerSideEmits.poll(5, TimeUnit.SECONDS);
    assertThat(p).extracting(JsonNode::asText).containsExactly("plain", "42");
  }

  @Test
  void npmClientsOnBothServersShareRoomsBroadcastsAndAcks() throws Exception {
    NodeScript onNode = npmClient("N", "room1");
    NodeScript onSio = npmClientOnSio("J", "room1");

    sio.to("room1").emit("chat", "from-sio", new byte[] {7});
    for (NodeScript c : List.of(onNode, onSio)) {
      assertThat(message(c, "chat").path("args").toString())
          .isEqualTo("[\"from-sio\",{\"$bin\":\"Bw==\"}]");
    }
    ObjectNode emit = nodeCommand("emit", "room1").put("name", "chat");
    emit.putArray("args").add("from-node").addObject().put("$bin", "CA==");
    node.send(emit);
    for (NodeScript c : List.of(onNode, onSio)) {
      assertThat(message(c, "chat").path("args").toString())
          .isEqualTo("[\"from-node\",{\"$bin\":\"CA==\"}]");
    }

    List<JsonNode> answers =
        sio.to("room1")
            .timeout(Duration.ofSeconds(3))
            .emitWithAck("question", "q")
            .get(10, TimeUnit.SECONDS);
    assertThat(answers).extracting(JsonNode::asText).containsExactlyInAnyOrder("N:q", "J:q");
    ObjectNode ask = nodeCommand("emitWithAck", "room1").put("name", "question");
    ask.putArray("args").add("r");
    List<String> fromNode = new ArrayList<>();
    ask(node, ask, "ack").path("args").forEach(a -> fromNode.add(a.asText()));
    assertThat(fromNode).containsExactlyInAnyOrder("N:r", "J:r");

    String sioId = idOf(onSio);
    JsonNode sockets = ask(node, nodeCommand("fetchSockets", "room1"), "sockets").path("sockets");
    JsonNode seen = null;
    for (JsonNode s : sockets) {
      if (s.path("id").asText().equals(sioId)) {
        seen = s;
      }
    }
    assertThat(seen).as("the Sio socket of a real client, seen by Node").isNotNull();
    assertThat(seen.path("handshake").path("address").asText()).isEqualTo("127.0.0.1");
    assertThat(seen.path("handshake").path("headers").path("host").asText())
        .isEqualTo("127.0.0.1:" + sioPort);
    assertThat(seen.path("handshake").path("query").path("transport").asText())
        .isEqualTo("websocket");
  }

  @Test
  void socketDataThatIsNoObjectCrossesBothWaysUnchanged() throws Exception {
    NodeScript npm = npmClient("N", "shapes");
    TestClient java = sioClient("shapes");
    String npmId = idOf(npm);
    Socket onSio = socketOf(java);

    List<Object[]> shapes =
        List.of(
            new Object[] {NodeScript.JSON.valueToTree("just a string"), "just a string"},
            new Object[] {NodeScript.JSON.valueToTree(42), 42},
            new Object[] {
              NodeScript.JSON.readTree("[1,\"two\",{\"three\":3}]"),
              List.of(1, "two", Map.of("three", 3))
            },
            new Object[] {NullNode.getInstance(), null});
    for (Object[] shape : shapes) {
      ObjectNode set = NodeScript.command("setData").put("sid", npmId);
      set.set("data", (JsonNode) shape[0]);
      assertThat(ask(node, set, "setData").path("done").asBoolean()).isTrue();
      RemoteSocket remote =
          sio.in("shapes").fetchSockets().get(10, TimeUnit.SECONDS).stream()
              .filter(s -> s.id().equals(npmId))
              .findFirst()
              .orElseThrow();
      assertThat(remote.dataValue()).as("Node's data %s on Sio", shape[0]).isEqualTo(shape[1]);
      assertThatThrownBy(remote::data)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not an object");

      onSio.setData(shape[1]);
      JsonNode javaSocket = null;
      for (JsonNode s :
          ask(node, nodeCommand("fetchSockets", "shapes"), "sockets").path("sockets")) {
        if (s.path("id").asText().equals(java.sid)) {
          javaSocket = s;
        }
      }
      assertThat(javaSocket).as("the Sio socket in Node's fetchSockets").isNotNull();
      assertThat(javaSocket.path("data")).as("Sio's data %s on Node", shape[1]).isEqualTo(shape[0]);
    }
    // a Java date goes out as JavaScript writes a Date
    onSio.setData(Instant.ofEpochMilli(1796173323456L));
    JsonNode sockets = ask(node, nodeCommand("fetchSockets", "shapes"), "sockets").path("sockets");
    assertThat(sockets.toString()).contains("\"data\":\"2026-12-02T01:02:03.456Z\"");
  }
}
