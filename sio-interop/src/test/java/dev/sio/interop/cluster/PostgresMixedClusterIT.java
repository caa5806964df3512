package dev.sio.interop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;
import dev.sio.postgres.PostgresAdapterFactory;
import dev.sio.postgres.PostgresAdapterOptions;
import dev.sio.postgres.PostgresEmitter;
import dev.sio.redis.TestClient;
import dev.sio.server.AdapterFactory;
import dev.sio.server.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Node.js server with {@code @socket.io/postgres-adapter} 0.5 and a Sio server with the Postgres
 * adapter on the real PostgreSQL at 127.0.0.1:5432 (database {@code test}), a channel prefix and a
 * table per test: every cluster operation both ways (the contract), large messages through the
 * attachments table both ways, both emitters, and connections terminated under traffic.
 */
class PostgresMixedClusterIT extends MixedClusterContract {
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  final String table = prefix.replace('-', '_');

  @Override
  String kind() {
    return "postgres";
  }

  @Override
  List<String> nodeArgs() {
    return List.of("--table", table, "--heartbeat", "1000", "--app", prefix + "-N");
  }

  PostgresAdapterOptions.Builder pgOptions(String app) {
    return PostgresAdapterOptions.builder()
        .url(URL)
        .channelPrefix(prefix)
        .tableName(table)
        .applicationName(prefix + "-" + app)
        .requestsTimeout(Duration.ofSeconds(2))
        .heartbeatInterval(Duration.ofSeconds(1))
        .heartbeatTimeout(Duration.ofSeconds(2))
        .reconnectDelay(Duration.ofMillis(300));
  }

  @Override
  AdapterFactory newFactory() {
    return PostgresAdapterFactory.create(pgOptions("J").build());
  }

  @AfterEach
  void dropTable() throws SQLException {
    try (var c = DriverManager.getConnection(URL, "postgres", null);
        var s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  void largeMessagesCrossBothWaysThroughTheAttachmentsTable() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    TestClient java = sioClient("room1");
    String big = "p".repeat(12_000);

    sio.to("room1").emit("big", big);
    assertThat(message(npm, "big").path("args").get(0).asText()).isEqualTo(big);
    assertThat(java.next().arg(0).asText()).isEqualTo(big);

    ObjectNode emit = nodeCommand("emit", "room1").put("name", "big2");
    emit.putArray("args").add(big + "!");
    node.send(emit);
    assertThat(java.next().arg(0).asText()).isEqualTo(big + "!");
    assertThat(rows()).isEqualTo(2); // one attachment each way
  }

  @Test
  void theOfficialNpmEmitterWithoutNspReachesSio() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    TestClient java = sioClient("room1");
    NodeScript emitter =
        NodeScript.start("cluster/node-pg-emitter.js", "--prefix", prefix, "--table", table);
    closeables.add(emitter);
    emitter.await("ready", WAIT);

    ObjectNode emit = nodeCommand("emit", "room1").put("name", "from-emitter");
    emit.putArray("args").add("hi").add(7).addObject().put("$bin", "AQID"); // an attachment
    emitter.send(emit);
    TestClient.Event e = java.next();
    assertThat(e.name()).isEqualTo("from-emitter");
    assertThat(e.arg(1).asInt()).isEqualTo(7);
    assertThat(e.arg(2).binaryValue()).containsExactly(1, 2, 3);
    ObjectNode plain = nodeCommand("emit", "room1").put("name", "plain");
    plain.putArray("args").add("no-attachment");
    emitter.send(plain);
    assertThat(java.next().arg(0).asText()).isEqualTo("no-attachment");

    Socket onSio = socketOf(java);
    emitter.send(nodeCommand("socketsJoin", java.sid).put("join", "em-room"));
    await(() -> onSio.rooms().contains("em-room"), "joined by the emitter");
    emitter.send(nodeCommand("socketsLeave", java.sid).put("leave", "em-room"));
    await(() -> !onSio.rooms().contains("em-room"), "left by the emitter");

    ObjectNode sse = NodeScript.command("serverSideEmit").put("name", "ping");
    sse.putArray("args").add("from-emitter");
    emitter.send(sse);
    List<JsonNode> got = sioServerSideEmits.poll(5, TimeUnit.SECONDS);
    assertThat(got).isNotNull();
    assertThat(got.get(0).asText()).isEqualTo("from-emitter");

    emitter.send(nodeCommand("disconnectSockets", java.sid));
    assertThat(java.awaitDisconnect(10_000)).isTrue();
    // the Node adapter 0.5 drops these messages (no top-level nsp): its client saw none of them
    assertThat(npm.received()).noneMatch(l -> "message".equals(l.path("event").asText()));
  }

  @Test
  void theSioEmitterReachesNodeAndSio() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    TestClient java = sioClient("room1");
    try (PostgresEmitter emitter = PostgresEmitter.create(pgOptions("E").build())) {
      emitter.to("room1").emit("from-java-emitter", "hi", new byte[] {9}).get(5, TimeUnit.SECONDS);
      assertThat(message(npm, "from-java-emitter").path("args").toString())
          .isEqualTo("[\"hi\",{\"$bin\":\"CQ==\"}]");
      assertThat(java.next().arg(1).binaryValue()).containsExactly(9);
      emitter.to("room1").emit("small", 1).get(5, TimeUnit.SECONDS);
      assertThat(message(npm, "small").path("args").get(0).asInt()).isEqualTo(1);
      assertThat(java.next().name()).isEqualTo("small");

      String npmId = idOf(npm);
      emitter.in(npmId).socketsJoin("j-room").get(5, TimeUnit.SECONDS);
      await(() -> nodeRooms(npmId).contains("j-room"), "joined by the Java emitter");
      emitter.serverSideEmit("ping", "from-java-emitter").get(5, TimeUnit.SECONDS);
      assertThat(node.await("sse", WAIT).path("args").get(0).asText())
          .isEqualTo("from-java-emitter");
      assertThat(sioServerSideEmits.poll(5, TimeUnit.SECONDS).get(0).asText())
          .isEqualTo("from-java-emitter");
      emitter.in(npmId).disconnectSockets(true).get(5, TimeUnit.SECONDS);
      assertThat(npm.await("disconnect", WAIT).path("reason").asText())
          .isIn("io server disconnect", "transport close");
    }
  }

  @Test
  void sioConnectionsTerminatedUnderTrafficLoseNothingPublished() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    int n = 150;
    for (int i = 0; i < n; i++) {
      sio.to("room1").emit("seq", i);
      if (i == n / 3) {
        assertThat(terminate(prefix + "-J-")).isEqualTo(2); // Sio's listen and publish
      }
      Thread.sleep(5);
    }
    npm.await("message", l -> l.path("args").path(0).asInt() == n - 1, Duration.ofSeconds(20));
    List<Integer> got =
        npm.received().stream()
            .filter(l -> "seq".equals(l.path("name").asText()))
            .map(l -> l.path("args").path(0).asInt())
            .distinct()
            .toList();
    assertThat(got).hasSize(n).isSorted();
    await(() -> sio.sockets().adapter().serverCount().join() == 2, "Sio counts 2 again");
    await(() -> nodeServerCount() == 2, "Node counts 2 again");
  }

  @Test
  void nodeConnectionsTerminatedComeBackBothWays() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    TestClient java = sioClient("room1");
    assertThat(terminate(prefix + "-N")).isPositive();
    // Node reconnects its listener after 1 to 3 s and drops the dead pool clients
    long end = System.currentTimeMillis() + 15_000;
    boolean heard = false;
    for (int i = 0; !heard && System.currentTimeMillis() < end; i++) {
      sio.to("room1").emit("probe", i);
      heard = npm.received().stream().anyMatch(l -> "probe".equals(l.path("name").asText()));
      Thread.sleep(300);
    }
    assertThat(heard).as("the Node server hears Sio again").isTrue();
    ObjectNode emit = nodeCommand("emit", "room1").put("name", "back");
    emit.putArray("args").add("from-node");
    long until = System.currentTimeMillis() + 10_000;
    TestClient.Event e = null;
    while (System.currentTimeMillis() < until) {
      node.send(emit);
      e = java.poll(500);
      while (e != null && !"back".equals(e.name())) {
        e = java.poll(200); // the local copies of the probes
      }
      if (e != null) {
        break;
      }
    }
    assertThat(e).as("Sio hears the Node server again").isNotNull();
    await(() -> sio.sockets().adapter().serverCount().join() == 2, "Sio counts 2 again");
    await(() -> nodeServerCount() == 2, "Node counts 2 again");
  }

  @Test
  void theWireIsTheNodeAdaptersByteForByte() throws Exception {
    try (var listen = DriverManager.getConnection(URL, "postgres", null)) {
      try (var st = listen.createStatement()) {
        st.execute("LISTEN \"" + prefix + "#/\"");
      }
      // a room broadcast
      ObjectNode emit = nodeCommand("emit", "room1").put("name", "chat");
      emit.putArray("args").add("hi").add(1).addObject().put("k", "v");
      node.send(emit);
      String fromNode = next(listen, 3);
      sio.to("room1").emit("chat", "hi", 1, java.util.Map.of("k", "v"));
      String fromSio = next(listen, 3);
      assertThat(anonymous(fromSio)).isEqualTo(anonymous(fromNode));
      assertThat(fromNode)
          .startsWith(
              "{\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"chat\",\"hi\",1,"
                  + "{\"k\":\"v\"}]},\"opts\":{\"rooms\":[\"room1\"],\"except\":[],\"flags\":{}}},"
                  + "\"uid\":\"");

      // binary: a header in the notification, the message as msgpack in the table
      ObjectNode bin = nodeCommand("emit", "room1").put("name", "bin");
      bin.putArray("args").add("x").addObject().put("$bin", "AQID");
      node.send(bin);
      String nodeHeader = next(listen, 3);
      sio.to("room1").emit("bin", "x", new byte[] {1, 2, 3});
      String sioHeader = next(listen, 3);
      String headerForm = "\\{\"uid\":\"[0-9a-f]{16}\",\"type\":3,\"attachmentId\":\"[0-9]+\"}";
      assertThat(nodeHeader).matches(headerForm);
      assertThat(sioHeader).matches(headerForm);
      byte[] nodeRow = attachment(nodeHeader);
      byte[] sioRow = attachment(sioHeader);
      assertThat(replace(sioRow, uidOf(sioHeader), uidOf(nodeHeader))).isEqualTo(nodeRow);

      // socketsJoin, disconnectSockets, serverSideEmit
      node.send(nodeCommand("socketsJoin", "room1").put("join", "r2"));
      String joinNode = next(listen, 4);
      sio.in("room1").socketsJoin("r2");
      assertThat(anonymous(next(listen, 4))).isEqualTo(anonymous(joinNode));
      node.send(nodeCommand("disconnectSockets", "nobody").put("close", true));
      String discNode = next(listen, 6);
      sio.in("nobody").disconnectSockets(true);
      assertThat(anonymous(next(listen, 6))).isEqualTo(anonymous(discNode));
      ObjectNode sse = NodeScript.command("serverSideEmit").put("name", "ping");
      sse.putArray("args").add("w").add(2.5);
      node.send(sse);
      String sseNode = next(listen, 9);
      sio.serverSideEmit("ping", "w", 2.5);
      assertThat(anonymous(next(listen, 9))).isEqualTo(anonymous(sseNode));
    }
  }

  /** The next notification of {@code type} (heartbeats and the other types are skipped). */
  private static String next(java.sql.Connection listen, int type) throws Exception {
    var pg = listen.unwrap(org.postgresql.PGConnection.class);
    long end = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < end) {
      var notes = pg.getNotifications(200);
      if (notes != null) {
        for (var n : notes) {
          if (n.getParameter().contains("\"type\":" + type + ",")) {
            return n.getParameter();
          }
        }
      }
    }
    throw new AssertionError("no notification of type " + type);
  }

  private static String anonymous(String json) {
    return json.replaceAll("\"uid\":\"[0-9a-f]{16}\"", "\"uid\":\"U\"");
  }

  private static String uidOf(String header) {
    return parse(header).path("uid").asText();
  }

  private static JsonNode parse(String json) {
    try {
      return NodeScript.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private byte[] attachment(String header) throws SQLException {
    long id = Long.parseLong(parse(header).path("attachmentId").asText());
    try (var c = DriverManager.getConnection(URL, "postgres", null);
        var s = c.prepareStatement("SELECT payload FROM " + table + " WHERE id = ?")) {
      s.setLong(1, id);
      try (var rs = s.executeQuery()) {
        assertThat(rs.next()).as("attachment " + id).isTrue();
        return rs.getBytes(1);
      }
    }
  }

  /** {@code bytes} with the one occurrence of {@code from} (UTF-8) replaced by {@code to}. */
  private static byte[] replace(byte[] bytes, String from, String to) {
    byte[] f = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] t = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(t).hasSameSizeAs(f);
    byte[] out = bytes.clone();
    int found = 0;
    for (int i = 0; i + f.length <= out.length; i++) {
      if (java.util.Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
        System.arraycopy(t, 0, out, i, t.length);
        found++;
      }
    }
    assertThat(found).as("the uid in the attachment").isEqualTo(1);
    return out;
  }

  private static int terminate(String appPrefix) throws SQLException {
    try (var c = DriverManager.getConnection(URL, "postgres", null);
        var s =
            c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name LIKE ? AND pid <> pg_backend_pid()")) {
      s.setString(1, appPrefix + "%");
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private int rows() throws SQLException {
    try (var c = DriverManager.getConnection(URL, "postgres", null);
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
