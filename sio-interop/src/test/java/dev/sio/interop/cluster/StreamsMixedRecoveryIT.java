package dev.sio.interop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;
import dev.sio.redis.InJvmClient;
import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.redis.TestClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connection state recovery across languages with the streams adapter: a session dropped on the Sio
 * server is restored by the Node.js server, and one dropped on the Node.js server is restored by
 * Sio, each with the broadcasts it missed from both servers, in order.
 */
class StreamsMixedRecoveryIT extends MixedClusterBase {
  private RedisClient redis;
  private StatefulRedisConnection<String, String> conn;

  @Override
  String kind() {
    return "streams";
  }

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }

  @Override
  boolean recovery() {
    return true;
  }

  @BeforeEach
  void connectRedis() {
    redis = RedisClient.create("redis://127.0.0.1:6379");
    conn = redis.connect();
  }

  @AfterEach
  void cleanRedis() {
    conn.sync().del(prefix + "-stream");
    conn.close();
    redis.shutdown();
  }

  private void awaitStream(int entries) throws InterruptedException {
    await(() -> conn.sync().xlen(prefix + "-stream") >= entries, entries + " stream entries");
  }

  private void nodeEmit(String room, int n) {
    ObjectNode emit = nodeCommand("emit", room).put("name", "m");
    emit.putArray("args").add(n);
    node.send(emit);
  }

  @Test
  void aSessionDroppedOnSioIsRestoredByNode() throws Exception {
    TestClient java = sioClient("room-csr");
    assertThat(java.pid).isNotNull();
    sio.to("room-csr").emit("m", 1);
    TestClient.Event first = java.next();
    String offset = first.arg(1).asText();
    assertThat(offset).matches("\\d+-\\d+");

    java.drop();
    String key = prefix + ":session:" + java.pid;
    await(() -> conn.sync().exists(key) == 1, "Sio stored the session in Redis");

    nodeEmit("room-csr", 2);
    awaitStream(2);
    sio.emit("m", 3);
    awaitStream(3);
    nodeEmit("elsewhere", 4);
    awaitStream(4);

    ObjectNode auth = JsonNodeFactory.instance.objectNode();
    auth.put("pid", java.pid);
    auth.put("offset", offset);
    NodeScript npm =
        NodeScript.start(
            "cluster/node-client.js",
            "http://127.0.0.1:" + nodePort,
            "--tag",
            "N",
            "--auth",
            auth.toString());
    closeables.add(npm);
    JsonNode connected = node.await("connection", WAIT);
    assertThat(connected.path("id").asText()).isEqualTo(java.sid);
    assertThat(connected.path("recovered").asBoolean()).as("recovered by Node").isTrue();
    assertThat(connected.path("rooms").toString()).contains("room-csr");
    JsonNode m2 = message(npm, "m");
    JsonNode m3 = message(npm, "m");
    assertThat(m2.path("args").get(0).asInt()).isEqualTo(2);
    assertThat(m3.path("args").get(0).asInt()).isEqualTo(3);
    assertThat(npm.pending()).noneMatch(l -> l.path("args").path(0).asInt() == 4);
  }

  @Test
  void aSessionDroppedOnNodeIsRestoredBySio() throws Exception {
    NodeScript npm = npmClient("N", "room-csr");
    nodeEmit("room-csr", 1);
    JsonNode first = message(npm, "m");
    String offset = first.path("args").get(1).asText();
    assertThat(offset).matches("\\d+-\\d+");

    npm.send(NodeScript.command("drop").put("stay", true));
    JsonNode session = npm.await("session", WAIT);
    String pid = session.path("pid").asText();
    assertThat(session.path("offset").asText()).isEqualTo(offset);
    String key = prefix + ":session:" + pid;
    await(() -> conn.sync().exists(key) == 1, "Node stored the session in Redis");

    sio.to("room-csr").emit("m", 2);
    awaitStream(2);
    nodeEmit("room-csr", 3);
    awaitStream(3);
    sio.to("elsewhere").emit("m", 4);
    awaitStream(4);

    ObjectNode auth = JsonNodeFactory.instance.objectNode();
    auth.put("pid", pid);
    auth.put("offset", offset);
    TestClient java = InJvmClient.connect(sio.engineHandler(), "/", auth);
    closeables.add(java);
    assertThat(java.sid).as("the Node socket id, restored").isEqualTo(idOf(npm));
    assertThat(socketOf(java).recovered()).isTrue();
    assertThat(socketOf(java).rooms()).contains("room-csr");
    assertThat(socketOf(java).data()).containsEntry("server", "N");
    TestClient.Event m2 = java.next();
    TestClient.Event m3 = java.next();
    assertThat(m2.arg(0).asInt()).isEqualTo(2);
    assertThat(m3.arg(0).asInt()).isEqualTo(3);
    assertThat(java.poll(200)).isNull();
  }

  @Test
  void aRealClientDroppedFromNodeReconnectsToSioAndRecovers() throws Exception {
    NodeScript npm = npmClient("N", "room-csr");
    String id = idOf(npm);
    nodeEmit("room-csr", 1);
    assertThat(message(npm, "m").path("args").get(1).asText()).matches("\\d+-\\d+");

    // the transport closes; the client reconnects to the Sio server with its pid and offset
    npm.send(
        NodeScript.command("drop").put("url", "http://127.0.0.1:" + sioPort).put("stay", true));
    npm.await("session", WAIT);
    npm.await("disconnect", WAIT);
    String key =
        prefix
            + ":session:"
            + npm.received().stream()
                .filter(l -> "session".equals(l.path("event").asText()))
                .findFirst()
                .orElseThrow()
                .path("pid")
                .asText();
    await(() -> conn.sync().exists(key) == 1, "Node stored the session");
    sio.to("room-csr").emit("m", 2);
    awaitStream(2);
    nodeEmit("room-csr", 3);
    awaitStream(3);

    npm.send(NodeScript.command("reconnect"));
    JsonNode connect = npm.await("connect", WAIT);
    assertThat(connect.path("id").asText()).isEqualTo(id);
    assertThat(connect.path("recovered").asBoolean()).as("recovered by Sio").isTrue();
    assertThat(message(npm, "m").path("args").get(0).asInt()).isEqualTo(2);
    assertThat(message(npm, "m").path("args").get(0).asInt()).isEqualTo(3);
  }
}
