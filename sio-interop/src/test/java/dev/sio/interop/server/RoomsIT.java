package dev.sio.interop.server;

import static dev.sio.interop.server.ClientDriver.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rooms and broadcasts seen by three npm clients: {@code to(room)}, several rooms (each socket
 * once), {@code except}, {@code socket.broadcast}, {@code socket.to(room)}, leaving a room, the
 * room of a socket id. After each broadcast the server emits {@code "fence"} to everyone: events of
 * one socket arrive in order, so a client whose next event is the fence did not get the broadcast.
 */
@Timeout(90)
class RoomsIT {
  private static final List<String> ALL = List.of("a", "b", "c");

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void roomsAndBroadcasts(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      String a = clients.connect("a", "websocket").path("id").asText();
      String b = clients.connect("b", "polling").path("id").asText();
      String c = clients.connect("c").path("id").asText();

      // a: r1 r2, b: r1, c: r2; the answer is the socket's rooms, sorted (its id included)
      clients.ask("a", "join", "r1");
      assertThat(clients.ask("a", "join", "r2"))
          .isEqualTo(Json.array((Object) Json.array(sorted(a, "r1", "r2"))));
      assertThat(clients.ask("b", "join", "r1"))
          .isEqualTo(Json.array((Object) Json.array(sorted(b, "r1"))));
      assertThat(clients.ask("c", "join", "r2"))
          .isEqualTo(Json.array((Object) Json.array(sorted(c, "r2"))));

      server.call(ServerCommands.to(new String[] {"r1"}, "news", 1));
      fence(server, clients, ALL, "news", "a", "b");

      server.call(
          ServerCommands.to(new String[] {"r1"}, "news", 2).set("except", Json.array("r2")));
      fence(server, clients, ALL, "news", "b");

      server.call(ServerCommands.to(new String[] {"r1", "r2"}, "news", 3));
      fence(server, clients, ALL, "news", "a", "b", "c"); // a is in both rooms and gets it once

      server.call(ServerCommands.broadcast("news", 4).set("except", Json.array("r1")));
      fence(server, clients, ALL, "news", "c");

      server.call(ServerCommands.to(new String[] {b}, "news", 5)); // the room of a socket id
      fence(server, clients, ALL, "news", "b");

      // socket.broadcast: every other socket of the namespace
      assertThat(clients.ask("a", "broadcast", "hello", 6)).isEqualTo(Json.array());
      fence(server, clients, ALL, "hello", "b", "c");

      // socket.to(room) leaves the sender out
      assertThat(clients.ask("a", "toRoom", "r1", "hello", 7)).isEqualTo(Json.array());
      fence(server, clients, ALL, "hello", "b");
      clients.ask("b", "toRoom", "r2", "hello", 8);
      fence(server, clients, ALL, "hello", "a", "c");

      // socket.except(room): everyone but the sender and the room
      assertThat(clients.ask("c", "exceptRoom", "r1", "hello", 9)).isEqualTo(Json.array());
      fence(server, clients, ALL, "hello");
      assertThat(clients.ask("b", "exceptRoom", "r1", "hello", 10)).isEqualTo(Json.array());
      fence(server, clients, ALL, "hello", "c");

      assertThat(clients.ask("a", "leave", "r1"))
          .isEqualTo(Json.array((Object) Json.array(sorted(a, "r2"))));
      server.call(ServerCommands.to(new String[] {"r1"}, "news", 9));
      fence(server, clients, ALL, "news", "b");

      // a disconnected socket leaves its rooms
      clients.command("disconnect", "b");
      assertThat(clients.await("b", "disconnect").path("reason").asText())
          .isEqualTo("io client disconnect");
      server.await("disconnect", l -> l.path("id").asText().equals(b), WAIT);
      server.call(ServerCommands.rooms("/", b));
      assertThat(server.await("rooms", WAIT).path("rooms").isNull()).isTrue();
      server.call(ServerCommands.to(new String[] {"r1", "r2"}, "news", 10));
      fence(server, clients, List.of("a", "c"), "news", "a", "c");
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void broadcastWithAcknowledgements(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      clients.connect("a");
      clients.connect("b", "websocket");
      clients.ask("a", "join", "r");
      clients.ask("b", "join", "r");

      server.call(
          ServerCommands.emitWithAck(1, null, 5000, "vote", "lunch?").set("to", Json.array("r")));
      JsonNode qa = clients.awaitMessage("a", "vote");
      JsonNode qb = clients.awaitMessage("b", "vote");
      assertThat(qa.path("args")).isEqualTo(Json.array("lunch?"));
      clients.ack(qa.path("ack").asInt(), "yes", "ignored");
      clients.ack(qb.path("ack").asInt(), Json.object().set("no", Json.bin(0)));
      JsonNode answers = server.await("ack", l -> l.path("id").asInt() == 1, WAIT);
      // the first argument of each answer, sorted by their JSON
      assertThat(answers.path("responses"))
          .isEqualTo(Json.array("yes", Json.object().set("no", Json.bin(0))));

      // nobody to ask: answered at once, with no answers
      server.call(
          ServerCommands.emitWithAck(3, null, 5000, "vote", "anyone?")
              .set("to", Json.array("nobody")));
      assertThat(server.await("ack", l -> l.path("id").asInt() == 3, WAIT).path("responses"))
          .isEqualTo(Json.array());

      // one answer missing: the broadcast times out
      server.call(
          ServerCommands.emitWithAck(2, null, 500, "vote", "dinner?").set("to", Json.array("r")));
      JsonNode da = clients.awaitMessage("a", "vote");
      clients.awaitMessage("b", "vote");
      clients.ack(da.path("ack").asInt(), "yes");
      JsonNode timedOut = server.await("ack_error", l -> l.path("id").asInt() == 2, WAIT);
      assertThat(timedOut.path("timeout").asBoolean()).isTrue();
      assertThat(timedOut.path("message").asText()).isEqualTo("operation has timed out");
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void roomOperationsOfTheServer(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      String a = clients.connect("a").path("id").asText();
      String b = clients.connect("b", "websocket").path("id").asText();
      String c = clients.connect("c", "polling").path("id").asText();
      String[] none = {};

      server.call(ServerCommands.socketsJoin(none, "all"));
      server.call(ServerCommands.socketsJoin(new String[] {a, c}, "x"));
      server.call(ServerCommands.fetchSockets());
      JsonNode sockets = server.await("sockets", WAIT).path("sockets");
      assertThat(sockets).hasSize(3);
      for (JsonNode socket : sockets) {
        String id = socket.path("id").asText();
        assertThat(socket.path("rooms"))
            .as(id)
            .isEqualTo(Json.array(id.equals(b) ? sorted(id, "all") : sorted(id, "all", "x")));
      }
      server.call(ServerCommands.to(new String[] {"x"}, "news", 1));
      fence(server, clients, ALL, "news", "a", "c");

      server.call(ServerCommands.socketsLeave(new String[] {c}, "x"));
      server.call(ServerCommands.fetchSockets("x"));
      assertThat(server.await("sockets", WAIT).path("sockets"))
          .isEqualTo(
              Json.array(
                  Json.object().put("id", a).set("rooms", Json.array(sorted(a, "all", "x")))));

      server.call(ServerCommands.disconnectSockets(new String[] {"x"}, false));
      assertThat(clients.await("a", "disconnect").path("reason").asText())
          .isEqualTo("io server disconnect");
      assertThat(server.await("disconnect", WAIT).path("reason").asText())
          .isEqualTo("server namespace disconnect");
      server.call(ServerCommands.to(new String[] {"all"}, "news", 2));
      fence(server, clients, List.of("b", "c"), "news", "b", "c");

      server.call(ServerCommands.disconnectSockets(none, true));
      assertThat(clients.await("b", "disconnect").path("reason").asText())
          .isEqualTo("io server disconnect");
      assertThat(clients.await("c", "disconnect").path("reason").asText())
          .isEqualTo("io server disconnect");
      clients.assertNoUnreadMessages();
    }
  }

  /** Twenty clients broadcast at the same time: each gets every other one's event exactly once. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void manyClientsBroadcastAtOnce(ServerKind kind) {
    int n = 20;
    String[] transports = {"polling", "websocket", null};
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      for (int i = 0; i < n; i++) {
        var connect = clients.connectCommand("c" + i);
        if (transports[i % 3] != null) {
          connect.set("transports", Json.array(transports[i % 3]));
        }
        clients.send(connect);
      }
      for (int i = 0; i < n; i++) {
        clients.await("c" + i, "connect");
      }
      for (int i = 0; i < n; i++) {
        clients.emit("c" + i, "broadcast", "hello", i);
      }
      for (int i = 0; i < n; i++) {
        java.util.Set<Integer> senders = new java.util.TreeSet<>();
        for (int k = 0; k < n - 1; k++) {
          JsonNode hello = clients.awaitMessage("c" + i, "hello");
          senders.add(hello.path("args").get(0).asInt());
        }
        java.util.Set<Integer> expected = new java.util.TreeSet<>();
        for (int k = 0; k < n; k++) {
          if (k != i) {
            expected.add(k);
          }
        }
        assertThat(senders).as("senders seen by c%s", i).isEqualTo(expected);
      }
      server.call(ServerCommands.broadcast("fence"));
      for (int i = 0; i < n; i++) {
        assertThat(clients.nextMessage("c" + i).path("name").asText()).isEqualTo("fence");
      }
      clients.assertNoUnreadMessages();
    }
  }

  private static Object[] sorted(String... rooms) {
    return java.util.Arrays.stream(rooms).sorted().toArray();
  }

  /**
   * The clients {@code got} received {@code event} next; then the next event of each client in
   * {@code connected} is the fence.
   */
  static void fence(
      ScenarioServer server,
      ClientDriver clients,
      List<String> connected,
      String event,
      String... got) {
    server.call(ServerCommands.broadcast("fence"));
    for (String client : connected) {
      if (List.of(got).contains(client)) {
        assertThat(clients.nextMessage(client).path("name").asText())
            .as("%s's next event", client)
            .isEqualTo(event);
      }
      assertThat(clients.nextMessage(client).path("name").asText())
          .as("%s's next event", client)
          .isEqualTo("fence");
    }
  }
}
