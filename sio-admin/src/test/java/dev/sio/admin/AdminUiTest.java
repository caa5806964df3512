package dev.sio.admin;

import static dev.sio.admin.Recorder.arg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The admin namespace against a real server on 127.0.0.1, seen by Sio clients. */
@Timeout(60)
class AdminUiTest {
  /** "changeit", hashed by bcryptjs (npm) with cost 4: the hashes Node users already have. */
  static final String BCRYPTJS_HASH =
      "$2a$04$FTpnrduwK/yJ0PlAqYTDBunbQQngGO8hAWTan7Eg9uuByR2bYeJuG";

  static final Map<String, String> LOGIN = Map.of("username", "admin", "password", "changeit");

  private SocketIoServer io;
  private AdminUi admin;
  private final List<Recorder> clients = new ArrayList<>();

  private void start(AdminOptions.Builder options) {
    start(ServerOptions.builder(), options);
  }

  private void start(ServerOptions.Builder server, AdminOptions.Builder options) {
    io = SocketIoServer.create(server.host("127.0.0.1").port(0).serveClient(false).build());
    io.onConnection(
        socket -> {
          socket.on("join", (args, ack) -> socket.join(args.get(0).asText()));
          socket.on("hello", (args, ack) -> ack.send("hi " + args.get(0).asText()));
          socket.on("put", (args, ack) -> socket.data().put(args.get(0).asText(), args.get(1)));
          socket.on("remove", (args, ack) -> socket.data().remove(args.get(0).asText()));
          socket.on("replace", (args, ack) -> socket.setData(args.get(0)));
        });
    admin = AdminUi.instrument(io, options.statsInterval(Duration.ofMillis(300)).build());
    io.start();
  }

  private void start() {
    start(AdminOptions.builder().auth(AdminAuth.basic("admin", BCRYPTJS_HASH)));
  }

  private Recorder connect(String nsp, Object auth) {
    Recorder r = new Recorder(io.port(), nsp, auth);
    clients.add(r);
    return r;
  }

  private Recorder adminClient() throws Exception {
    return connect("/admin", LOGIN).awaitConnected();
  }

  @AfterEach
  void stop() {
    clients.forEach(Recorder::close);
    if (admin != null) {
      admin.close();
    }
    if (io != null) {
      io.close();
    }
  }

  @Test
  void loginGetsSessionConfigAllSocketsAndStats() throws Exception {
    start();
    Recorder user = connect("/", Map.of("token", "t")).awaitConnected();
    user.socket.emit("join", "lobby");
    awaitRooms("/", user.socket.id(), 2);

    Recorder ui = adminClient();
    String session = arg(ui.next("session"), 0).asText();
    assertThat(session).matches("[0-9a-f]{16}");
    assertThat(arg(ui.next("config"), 0).get("supportedFeatures").toString())
        .isEqualTo(
            "[\"EMIT\",\"JOIN\",\"LEAVE\",\"DISCONNECT\",\"MJOIN\",\"MLEAVE\",\"MDISCONNECT\","
                + "\"AGGREGATED_EVENTS\",\"ALL_EVENTS\"]");

    JsonNode all = arg(ui.next("all_sockets"), 0);
    JsonNode mine = find(all, user.socket.id());
    assertThat(mine.get("nsp").asText()).isEqualTo("/");
    assertThat(mine.get("clientId").asText()).hasSize(12);
    assertThat(mine.get("transport").asText()).isEqualTo("websocket");
    assertThat(mine.get("data").toString()).isEqualTo("{}"); // _admin is not shown
    assertThat(rooms(mine)).containsExactlyInAnyOrder(user.socket.id(), "lobby");
    JsonNode handshake = mine.get("handshake");
    assertThat(handshake.get("address").asText()).isEqualTo("127.0.0.1");
    assertThat(handshake.get("query").get("EIO").asText()).isEqualTo("4");
    assertThat(handshake.get("url").asText()).startsWith("/socket.io/");
    assertThat(handshake.has("auth")).as("auth is never shown").isFalse();
    for (String field : List.of("headers", "issued", "secure", "time", "xdomain")) {
      assertThat(handshake.has(field)).as(field).isTrue();
    }
    // The admin socket itself is listed too, as in Node.
    assertThat(all.findValuesAsText("nsp")).contains("/admin");

    JsonNode stats = arg(ui.next("server_stats"), 0);
    assertThat(fieldNames(stats))
        .containsExactly(
            "serverId",
            "hostname",
            "pid",
            "uptime",
            "clientsCount",
            "pollingClientsCount",
            "aggregatedEvents",
            "namespaces");
    assertThat(stats.get("clientsCount").asInt()).isEqualTo(2);
    assertThat(stats.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(stats.get("namespaces").toString())
        .contains("{\"name\":\"/\",\"socketsCount\":1}")
        .contains("{\"name\":\"/admin\",\"socketsCount\":1}");
  }

  @Test
  void aggregatedEventsCountConnectionsPacketsAndBytes() throws Exception {
    start();
    Recorder ui = adminClient();
    ui.next("server_stats"); // whatever was before
    Recorder user = connect("/", null).awaitConnected();
    user.socket.emitWithAck("hello", "bob").get(5, TimeUnit.SECONDS);
    user.close();
    Map<String, Long> counts = new java.util.HashMap<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!counts.containsKey("rawDisconnection/transport close")
        && System.nanoTime() < deadline) {
      for (JsonNode e : arg(ui.next("server_stats"), 0).get("aggregatedEvents")) {
        assertThat(e.get("timestamp").asLong() % 1000).isZero();
        String key =
            e.get("type").asText() + (e.has("subType") ? "/" + e.get("subType").asText() : "");
        counts.merge(key, e.get("count").asLong(), Long::sum);
      }
    }
    assertThat(counts.get("rawConnection")).isEqualTo(1);
    assertThat(counts.get("rawDisconnection/transport close")).isEqualTo(1);
    assertThat(counts.get("packetsIn")).isGreaterThanOrEqualTo(2); // CONNECT, the event
    assertThat(counts.get("bytesIn")).isGreaterThanOrEqualTo("42[\"hello\",\"bob\"]".length());
    assertThat(counts.get("packetsOut")).isGreaterThanOrEqualTo(2); // CONNECT, the ack
    assertThat(counts.get("bytesOut")).isPositive();
  }

  @Test
  void liveEventsFollowASocketFromConnectionToDisconnection() throws Exception {
    start();
    Recorder ui = adminClient();
    ui.next("all_sockets");
    Recorder user = connect("/", null).awaitConnected();
    String id = user.socket.id();

    ArrayNode joinedOwn = ui.next("room_joined", e -> arg(e, 2).asText().equals(id));
    assertThat(arg(joinedOwn, 0).asText()).isEqualTo("/");
    assertThat(arg(joinedOwn, 1).asText()).isEqualTo(id);
    assertThat(arg(joinedOwn, 3).asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    ArrayNode connected = ui.next("socket_connected", e -> arg(e, 0).get("id").asText().equals(id));
    assertThat(arg(connected, 0).get("nsp").asText()).isEqualTo("/");
    assertThat(arg(connected, 1).asText()).endsWith("Z");

    user.socket.emit("join", "room-1");
    ArrayNode joined = ui.next("room_joined", e -> arg(e, 1).asText().equals("room-1"));
    assertThat(arg(joined, 2).asText()).isEqualTo(id);

    assertThat(user.socket.emitWithAck("hello", "bob").get(5, TimeUnit.SECONDS).toString())
        .isEqualTo("[\"hi bob\"]");
    ArrayNode received = ui.next("event_received", e -> arg(e, 1).asText().equals(id));
    assertThat(arg(received, 0).asText()).isEqualTo("/");
    assertThat(arg(received, 2).toString()).isEqualTo("[\"hello\",\"bob\"]");

    io.to(id).emit("news", Map.of("n", 1));
    ArrayNode sent = ui.next("event_sent", e -> arg(e, 1).asText().equals(id));
    assertThat(arg(sent, 2).toString()).isEqualTo("[\"news\",{\"n\":1}]");

    user.socket.disconnect();
    ArrayNode gone = ui.next("socket_disconnected", e -> arg(e, 1).asText().equals(id));
    assertThat(arg(gone, 0).asText()).isEqualTo("/");
    assertThat(arg(gone, 2).asText()).isEqualTo("client namespace disconnect");
  }

  @Test
  void dataChangesAreReportedAsSocketUpdatedWithoutTheAdminsFields() throws Exception {
    start();
    Recorder ui = adminClient();
    ui.next("all_sockets");
    Recorder user = connect("/", null).awaitConnected();
    String id = user.socket.id();
    ui.next("socket_connected", e -> arg(e, 0).get("id").asText().equals(id));
    String prefix = "{\"id\":\"" + id + "\",\"nsp\":\"/\",\"data\":";

    user.socket.emit("put", "name", "bob");
    // The first update is this one: the admin's own _admin field was not reported.
    assertThat(arg(ui.next("socket_updated"), 0).toString())
        .isEqualTo(prefix + "{\"name\":\"bob\"}}");
    user.socket.emit("put", "score", 3);
    JsonNode both = arg(ui.next("socket_updated"), 0);
    assertThat(fieldNames(both)).containsExactly("id", "nsp", "data");
    assertThat(both.get("data"))
        .isEqualTo(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"name\":\"bob\",\"score\":3}"));
    user.socket.emit("remove", "name");
    assertThat(arg(ui.next("socket_updated"), 0).toString()).isEqualTo(prefix + "{\"score\":3}}");
    user.socket.emit("replace", Map.of("level", 2));
    assertThat(arg(ui.next("socket_updated"), 0).toString()).isEqualTo(prefix + "{\"level\":2}}");
    user.socket.emit("replace", "plain");
    assertThat(arg(ui.next("socket_updated"), 0).toString()).isEqualTo(prefix + "\"plain\"}");

    // A non-object data is listed as it is.
    Recorder other = adminClient();
    JsonNode all = arg(other.next("all_sockets"), 0);
    assertThat(find(all, id).get("data").toString()).isEqualTo("\"plain\"");
  }

  @Test
  void roomLeftFollowsSocketDisconnectedAsInNode() throws Exception {
    start();
    Recorder ui = adminClient();
    ui.next("all_sockets");
    Recorder user = connect("/", null).awaitConnected();
    String id = user.socket.id();
    user.socket.emit("join", "room-1");
    ui.next("room_joined", e -> arg(e, 1).asText().equals("room-1"));

    user.socket.disconnect();
    List<String> seen = new ArrayList<>();
    while (seen.size() < 3) {
      ArrayNode e = ui.nextAny();
      String name = e.get(0).asText();
      if (name.equals("socket_disconnected") && arg(e, 1).asText().equals(id)) {
        seen.add(name);
      } else if (name.equals("room_left") && arg(e, 2).asText().equals(id)) {
        seen.add(name + " " + (arg(e, 1).asText().equals(id) ? "<id>" : arg(e, 1).asText()));
      }
    }
    assertThat(seen.get(0)).isEqualTo("socket_disconnected");
    assertThat(seen.subList(1, 3)).containsExactlyInAnyOrder("room_left <id>", "room_left room-1");
  }

  @Test
  void aSessionReachesTheUiWithConnectionStateRecoveryToo() throws Exception {
    start(
        ServerOptions.builder().connectionStateRecovery(Duration.ofMinutes(1)),
        AdminOptions.builder().auth(AdminAuth.basic("admin", BCRYPTJS_HASH)));
    Recorder ui = adminClient();
    assertThat(arg(ui.next("session"), 0).asText()).matches("[0-9a-f]{16}");
    ui.next("config");
  }

  @Test
  void anUpgradeIsReportedAsSocketUpdated() throws Exception {
    start();
    Recorder ui = adminClient();
    ui.next("all_sockets");
    java.util.concurrent.CompletableFuture<Void> up =
        new java.util.concurrent.CompletableFuture<>();
    dev.sio.client.Socket user =
        dev.sio.client.SocketIoClient.connect(
            java.net.URI.create("http://127.0.0.1:" + io.port()),
            dev.sio.client.ClientOptions.builder()
                .transports("polling", "websocket")
                .reconnection(false)
                .build(),
            s -> s.onConnect(() -> up.complete(null)));
    try {
      up.get(5, TimeUnit.SECONDS);
      String id = user.id();
      ArrayNode connected =
          ui.next("socket_connected", e -> arg(e, 0).get("id").asText().equals(id));
      if (arg(connected, 0).get("transport").asText().equals("polling")) {
        ArrayNode updated = ui.next("socket_updated", e -> arg(e, 0).get("id").asText().equals(id));
        assertThat(arg(updated, 0).toString())
            .isEqualTo("{\"id\":\"" + id + "\",\"nsp\":\"/\",\"transport\":\"websocket\"}");
      }
      // Either way, the socket is now listed as on WebSocket.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!"websocket".equals(adminTransport(id))) {
        assertThat(System.nanoTime()).as("transport of " + id).isLessThan(deadline);
        Thread.sleep(10);
      }
    } finally {
      user.close();
    }
  }

  @SuppressWarnings("unchecked")
  private String adminTransport(String id) {
    Object fields = io.sockets().sockets().get(id).data().get("_admin");
    return fields == null ? null : (String) ((Map<String, Object>) fields).get("transport");
  }

  @Test
  void commandsJoinLeaveEmitAndDisconnect() throws Exception {
    start();
    Recorder ui = adminClient();
    ui.next("config");
    Recorder a = connect("/", null).awaitConnected();
    Recorder b = connect("/", null).awaitConnected();
    a.socket.emit("join", "red");
    awaitRooms("/", a.socket.id(), 2);

    ui.socket.emit("join", "/", "blue", "red"); // the sockets of room red join blue
    awaitRooms("/", a.socket.id(), 3);
    assertThat(roomsOf("/", b.socket.id())).containsExactly(b.socket.id());

    ui.socket.emit("emit", "/", "blue", "announce", "hello", 2);
    assertThat(a.next("announce").toString()).isEqualTo("[\"announce\",\"hello\",2]");

    ui.socket.emit("leave", "/", "blue", null); // everyone leaves blue
    awaitRooms("/", a.socket.id(), 2);

    ui.socket.emit("_disconnect", "/", false, a.socket.id());
    assertThat(a.disconnected.get(5, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
    assertThat(b.socket.connected()).isTrue();
    assertThat(b.events).isEmpty();
  }

  @Test
  void malformedCommandsAreRefusedAndChangeNothing() throws Exception {
    start();
    Recorder ui = adminClient();
    ui.next("config");
    Recorder user = connect("/", null).awaitConnected();
    String id = user.socket.id();
    Set<String> namespaces = io.namespaceNames();

    List<Object[]> bad =
        List.of(
            new Object[] {"join"},
            new Object[] {"join", 42, "room", null},
            new Object[] {"join", "/", "", null},
            new Object[] {"join", "/nope", "room", null},
            new Object[] {"leave", "/", Map.of("a", 1), null},
            new Object[] {"emit", "/", null, "connect"},
            new Object[] {"emit", "/", 7, "event"},
            new Object[] {"emit", "/"},
            new Object[] {"_disconnect", "/", "yes", null},
            new Object[] {"_disconnect", "/", false, List.of(id)});
    for (Object[] command : bad) {
      Object[] args = java.util.Arrays.copyOfRange(command, 1, command.length);
      JsonNode answer =
          ui.socket
              .timeout(Duration.ofSeconds(5))
              .emitWithAck((String) command[0], args)
              .get(5, TimeUnit.SECONDS)
              .get(0);
      assertThat(answer.has("error")).as(java.util.Arrays.toString(command)).isTrue();
    }
    assertThat(io.namespaceNames()).isEqualTo(namespaces); // no namespace was created
    assertThat(roomsOf("/", id)).containsExactly(id);
    assertThat(user.socket.connected()).isTrue();
    assertThat(user.within(200, "connect")).isEmpty();
    assertThat(user.events).isEmpty();
    assertThat(ui.socket.connected()).isTrue();
  }

  @Test
  void readonlyModeRefusesEveryCommand() throws Exception {
    start(AdminOptions.builder().auth(AdminAuth.basic("admin", BCRYPTJS_HASH)).readonly(true));
    Recorder ui = adminClient();
    assertThat(arg(ui.next("config"), 0).get("supportedFeatures").toString())
        .isEqualTo("[\"AGGREGATED_EVENTS\",\"ALL_EVENTS\"]");
    Recorder user = connect("/", null).awaitConnected();
    String id = user.socket.id();
    ui.socket.emit("join", "/", "blue", null);
    ui.socket.emit("emit", "/", null, "announce", 1);
    ui.socket.emit("_disconnect", "/", true, null);
    JsonNode answer = ui.socket.emitWithAck("leave", "/", id, null).get(5, TimeUnit.SECONDS).get(0);
    assertThat(answer.toString()).isEqualTo("{\"error\":\"read-only\"}");
    assertThat(roomsOf("/", id)).containsExactly(id);
    assertThat(user.socket.connected()).isTrue();
    assertThat(user.events).isEmpty();
  }

  @Test
  void wrongOrMissingCredentialsAreRefusedWithAdminUisError() throws Exception {
    start();
    List<Object> attempts =
        List.of(
            Map.of("username", "admin", "password", "wrong"),
            Map.of("username", "root", "password", "changeit"),
            Map.of("username", "admin"),
            Map.of("username", "admin", "password", 12),
            Map.of("sessionId", "0123456789abcdef"));
    for (Object auth : attempts) {
      Recorder r = connect("/admin", auth);
      assertThat(r.connectError.get(5, TimeUnit.SECONDS))
          .as(auth.toString())
          .isEqualTo("invalid credentials");
    }
    Recorder none = connect("/admin", null);
    assertThat(none.connectError.get(5, TimeUnit.SECONDS)).isEqualTo("invalid credentials");
    assertThat(admin.namespace().sockets()).isEmpty();
  }

  @Test
  void aSessionIdLogsInAgainWithoutThePassword() throws Exception {
    start();
    Recorder first = adminClient();
    String session = arg(first.next("session"), 0).asText();
    first.close();
    Recorder again = connect("/admin", Map.of("sessionId", session)).awaitConnected();
    assertThat(again.next("config")).isNotNull();
    assertThat(again.within(300, "session")).as("no new session for a known one").isEmpty();
  }

  @Test
  void productionModeSendsOnlyStats() throws Exception {
    start(
        AdminOptions.builder()
            .auth(AdminAuth.none())
            .mode(AdminMode.PRODUCTION)
            .serverId("node-7"));
    Recorder ui = connect("/admin", null).awaitConnected();
    assertThat(arg(ui.next("config"), 0).get("supportedFeatures").toString())
        .doesNotContain("ALL_EVENTS");
    Recorder user = connect("/", null).awaitConnected();
    user.socket.emitWithAck("hello", "x").get(5, TimeUnit.SECONDS);
    assertThat(arg(ui.next("server_stats"), 0).get("serverId").asText()).isEqualTo("node-7");
    List<ArrayNode> rest = new ArrayList<>();
    Thread.sleep(400);
    ui.events.drainTo(rest);
    assertThat(rest).allSatisfy(e -> assertThat(e.get(0).asText()).isEqualTo("server_stats"));
  }

  @Test
  void optionsSayWhatIsWrong() {
    assertThatThrownBy(() -> AdminOptions.builder().build())
        .hasMessageStartingWith("the `auth` option must be specified or explicitly set to `false`");
    assertThatThrownBy(() -> AdminAuth.basic("admin", "changeit"))
        .hasMessage("the `password` field must be a valid bcrypt hash");
    assertThatThrownBy(() -> AdminOptions.builder().auth(AdminAuth.none()).uiPath("/admin").build())
        .hasMessageContaining("uiPath");
    String hash = AdminAuth.hash("pw");
    assertThat(hash).startsWith("$2a$10$");
    assertThat(AdminAuth.basic("u", hash).matches("u", "pw")).isTrue();
    assertThat(AdminAuth.basic("u", hash).matches("u", "pW")).isFalse();
    assertThat(AdminAuth.basic("admin", BCRYPTJS_HASH).matches("admin", "changeit")).isTrue();
  }

  // ---- helpers ----------------------------------------------------------------------------

  private Set<String> roomsOf(String nsp, String id) {
    return io.of(nsp).sockets().get(id).rooms();
  }

  private void awaitRooms(String nsp, String id, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (roomsOf(nsp, id).size() != count) {
      assertThat(System.nanoTime()).as("rooms of " + id).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static JsonNode find(JsonNode all, String id) {
    for (JsonNode s : all) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError(id + " not in " + all);
  }

  private static List<String> rooms(JsonNode socket) {
    List<String> out = new ArrayList<>();
    socket.get("rooms").forEach(r -> out.add(r.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
