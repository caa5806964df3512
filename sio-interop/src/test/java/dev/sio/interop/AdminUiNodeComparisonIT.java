package dev.sio.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.admin.AdminAuth;
import dev.sio.admin.AdminOptions;
import dev.sio.admin.AdminUi;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One scripted admin-UI session ({@code admin/admin-ui-client.js}, the official socket.io-client on
 * the admin namespace) against a Node server instrumented with {@code @socket.io/admin-ui} 0.5.1
 * and against Sio with {@link AdminUi}: the same events arrive, with the same payload shapes (field
 * names and JSON types, recursively) and the same values where they do not depend on the server
 * (features, reasons, rooms, event arguments, the login error).
 */
@Timeout(180)
class AdminUiNodeComparisonIT {
  /** "changeit", hashed by bcryptjs with cost 4. */
  private static final String HASH = "$2a$04$FTpnrduwK/yJ0PlAqYTDBunbQQngGO8hAWTan7Eg9uuByR2bYeJuG";

  private static final Duration RUN = Duration.ofSeconds(60);

  @Test
  void sioSendsWhatNodeSends() throws Exception {
    JsonNode node;
    try (NodeScript server = NodeScript.start("admin/admin-reference-server.js", "--hash", HASH)) {
      int port = server.await("listening", Duration.ofSeconds(30)).get("port").asInt();
      node = record(port);
    }
    JsonNode sio;
    SocketIoServer io =
        SocketIoServer.create(ServerOptions.builder().host("127.0.0.1").port(0).build());
    io.onConnection(
        socket -> {
          socket.on("join", (args, ack) -> socket.join(args.get(0).asText()));
          socket.on(
              "hello",
              (args, ack) -> {
                socket.emit("news", Map.of("n", 1));
                ack.send("hi " + args.get(0).asText());
              });
          socket.on(
              "profile",
              (args, ack) -> {
                socket.data().put("name", args.get(0).asText());
                socket.data().put("visits", 1);
              });
        });
    AdminUi admin =
        AdminUi.instrument(
            io,
            AdminOptions.builder()
                .auth(AdminAuth.basic("admin", HASH))
                .serverId("reference")
                .build());
    io.start();
    try {
      sio = record(io.port());
    } finally {
      admin.close();
      io.close();
    }

    // What the user client saw is the same.
    for (String field : List.of("refused", "ack", "announce", "userReason")) {
      assertThat(sio.get(field)).as(field).isEqualTo(node.get(field));
    }
    assertThat(sio.get("refused").asText()).isEqualTo("invalid credentials");

    // The same kinds of events, with the same shapes.
    Map<String, Set<String>> nodeShapes = shapes(node.get("events"));
    Map<String, Set<String>> sioShapes = shapes(sio.get("events"));
    assertThat(sioShapes.keySet()).isEqualTo(nodeShapes.keySet());
    assertThat(nodeShapes.keySet())
        .contains(
            "session",
            "config",
            "all_sockets",
            "server_stats",
            "socket_connected",
            "socket_updated",
            "socket_disconnected",
            "room_joined",
            "room_left",
            "event_received",
            "event_sent");
    for (String event : nodeShapes.keySet()) {
      assertThat(sioShapes.get(event)).as(event).isEqualTo(nodeShapes.get(event));
    }

    // The same values where they do not depend on the server.
    assertThat(first(sio, "config")).isEqualTo(first(node, "config"));
    assertThat(values(sio, "socket_disconnected", sio.get("userId").asText(), 2))
        .isEqualTo(values(node, "socket_disconnected", node.get("userId").asText(), 2))
        .containsExactly("server namespace disconnect");
    assertThat(roomsJoined(sio, sio.get("userId").asText()))
        .isEqualTo(roomsJoined(node, node.get("userId").asText()))
        .containsExactly("<id>", "blue", "room-1");
    assertThat(dataUpdates(sio, sio.get("userId").asText()))
        .isEqualTo(dataUpdates(node, node.get("userId").asText()))
        .containsExactly("{\"name\":\"bob\"}", "{\"name\":\"bob\",\"visits\":1}");
    assertThat(roomsLeftAfterDisconnection(sio, sio.get("userId").asText()))
        .isEqualTo(roomsLeftAfterDisconnection(node, node.get("userId").asText()))
        .containsExactly("<id>", "blue", "room-1");

    // The same order: session before the admin socket's CONNECT answer.
    assertThat(sessionThenConnect(sio)).isEqualTo(sessionThenConnect(node)).isTrue();
    assertThat(aggregatedEventShapes(sio)).isEqualTo(aggregatedEventShapes(node));
    assertThat(aggregatedEventTypes(sio)).isEqualTo(aggregatedEventTypes(node));
    assertThat(eventArgs(sio, "event_received", sio.get("userId").asText()))
        .isEqualTo(eventArgs(node, "event_received", node.get("userId").asText()));
    assertThat(eventArgs(sio, "event_sent", sio.get("userId").asText()))
        .isEqualTo(eventArgs(node, "event_sent", node.get("userId").asText()));
  }

  private static JsonNode record(int port) {
    try (NodeScript client =
        NodeScript.start("admin/admin-ui-client.js", "--url", "http://127.0.0.1:" + port)) {
      return client.await("recorded", RUN);
    }
  }

  /** Event name -> the shapes of its argument lists (a set: the same shape counts once). */
  private static Map<String, Set<String>> shapes(JsonNode events) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (JsonNode e : events) {
      out.computeIfAbsent(e.get("event").asText(), k -> new TreeSet<>())
          .add(shape(e.get("args"), ""));
    }
    // server_stats: its aggregatedEvents differ from one tick to the next; merge all ticks.
    return out;
  }

  /**
   * The JSON types of a value, recursively, field names sorted. Objects whose keys are data
   * (headers, query, the socket's data) count as "map"; arrays as the set of their elements'
   * shapes.
   */
  private static String shape(JsonNode v, String field) {
    if (v.isObject()) {
      if (Set.of("headers", "query", "data").contains(field)) {
        return "map";
      }
      StringBuilder s = new StringBuilder("{");
      List<String> names = new ArrayList<>();
      v.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      for (String name : names) {
        s.append(name).append(':').append(shape(v.get(name), name)).append(',');
      }
      return s.append('}').toString();
    }
    if (v.isArray()) {
      if (field.equals("aggregatedEvents") || field.equals("rooms")) {
        return "array"; // contents vary with timing; their elements are checked below
      }
      Set<String> elements = new TreeSet<>();
      Iterator<JsonNode> it = v.elements();
      List<String> ordered = new ArrayList<>();
      while (it.hasNext()) {
        String sh = shape(it.next(), field);
        ordered.add(sh);
        elements.add(sh);
      }
      // Argument lists are positional: keep the order at the top level.
      return field.isEmpty() ? ordered.toString() : "array" + elements;
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    return "null";
  }

  /** The shapes of the elements of every server_stats' aggregatedEvents. */
  private static Set<String> aggregatedEventShapes(JsonNode run) {
    Set<String> out = new TreeSet<>();
    for (JsonNode e : run.get("events")) {
      if (e.get("event").asText().equals("server_stats")) {
        e.get("args").get(0).get("aggregatedEvents").forEach(a -> out.add(shape(a, "event")));
      }
    }
    return out;
  }

  /** The type/subType pairs of every server_stats' aggregatedEvents. */
  private static Set<String> aggregatedEventTypes(JsonNode run) {
    Set<String> out = new TreeSet<>();
    for (JsonNode e : run.get("events")) {
      if (e.get("event").asText().equals("server_stats")) {
        e.get("args")
            .get(0)
            .get("aggregatedEvents")
            .forEach(a -> out.add(a.get("type").asText() + "/" + a.path("subType").asText("-")));
      }
    }
    return out;
  }

  private static JsonNode first(JsonNode run, String event) {
    for (JsonNode e : run.get("events")) {
      if (e.get("event").asText().equals(event)) {
        return e.get("args");
      }
    }
    throw new AssertionError("no " + event);
  }

  /** Argument {@code index} of the events about socket {@code id} (argument 1). */
  private static List<String> values(JsonNode run, String event, String id, int index) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : run.get("events")) {
      if (e.get("event").asText().equals(event) && e.get("args").get(1).asText().equals(id)) {
        out.add(e.get("args").get(index).asText());
      }
    }
    return out;
  }

  /** The rooms {@code id} joined, its own id written {@code <id>}, sorted. */
  private static List<String> roomsJoined(JsonNode run, String id) {
    Set<String> rooms = new TreeSet<>();
    for (JsonNode e : run.get("events")) {
      JsonNode a = e.get("args");
      if (e.get("event").asText().equals("room_joined") && a.get(2).asText().equals(id)) {
        rooms.add(a.get(1).asText().equals(id) ? "<id>" : a.get(1).asText());
      }
    }
    return new ArrayList<>(rooms);
  }

  /** The data of each socket_updated about {@code id} that carries data, keys sorted. */
  private static List<String> dataUpdates(JsonNode run, String id) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : run.get("events")) {
      JsonNode update = e.get("args").get(0);
      if (e.get("event").asText().equals("socket_updated")
          && update.get("id").asText().equals(id)
          && update.has("data")) {
        ObjectNode sorted = JsonNodeFactory.instance.objectNode();
        List<String> names = new ArrayList<>();
        update.get("data").fieldNames().forEachRemaining(names::add);
        names.sort(null);
        names.forEach(n -> sorted.set(n, update.get("data").get(n)));
        out.add(sorted.toString());
      }
    }
    return out;
  }

  /**
   * The rooms {@code id} left (its own written {@code <id>}), sorted, after checking that each
   * room_left came after its socket_disconnected, as Node's {@code nextTick} orders them.
   */
  private static List<String> roomsLeftAfterDisconnection(JsonNode run, String id) {
    Set<String> rooms = new TreeSet<>();
    boolean disconnected = false;
    for (JsonNode e : run.get("events")) {
      String event = e.get("event").asText();
      JsonNode a = e.get("args");
      if (event.equals("socket_disconnected") && a.get(1).asText().equals(id)) {
        disconnected = true;
      } else if (event.equals("room_left") && a.get(2).asText().equals(id)) {
        assertThat(disconnected)
            .as("room_left " + a.get(1) + " after socket_disconnected")
            .isTrue();
        rooms.add(a.get(1).asText().equals(id) ? "<id>" : a.get(1).asText());
      }
    }
    return new ArrayList<>(rooms);
  }

  /** True when the admin socket's session event came off the wire before its CONNECT answer. */
  private static boolean sessionThenConnect(JsonNode run) {
    List<String> wire = new ArrayList<>();
    run.get("wire").forEach(p -> wire.add(p.asText()));
    int session = -1;
    int connect = -1;
    for (int i = 0; i < wire.size(); i++) {
      if (session < 0 && wire.get(i).startsWith("2/admin,[\"session\"")) {
        session = i;
      }
      if (connect < 0 && wire.get(i).startsWith("0/admin,")) {
        connect = i;
      }
    }
    assertThat(session).as("session in " + wire).isNotNegative();
    assertThat(connect).as("CONNECT in " + wire).isNotNegative();
    return session < connect;
  }

  /** The {@code [event, ...args]} of each event_received/event_sent about {@code id}. */
  private static List<String> eventArgs(JsonNode run, String event, String id) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : run.get("events")) {
      if (e.get("event").asText().equals(event) && e.get("args").get(1).asText().equals(id)) {
        out.add(e.get("args").get(2).toString());
      }
    }
    return out;
  }
}
