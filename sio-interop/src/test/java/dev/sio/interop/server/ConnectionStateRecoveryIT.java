package dev.sio.interop.server;

import static dev.sio.interop.server.ClientDriver.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Connection state recovery: the npm client drops its transport ({@code socket.io.engine.close()}),
 * the server emits while it is away, the client reconnects and gets its id, its rooms and the
 * missed events back, in order, each with its offset as the last argument.
 */
@Timeout(90)
class ConnectionStateRecoveryIT {

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void missedEventsArriveInOrderOverWebsocket(ServerKind kind) {
    missedEventsArriveInOrder(kind, "websocket");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void missedEventsArriveInOrderOverPolling(ServerKind kind) {
    missedEventsArriveInOrder(kind, "polling");
  }

  private static void missedEventsArriveInOrder(ServerKind kind, String transport) {
    try (ScenarioServer server = kind.start(ScenarioOptions.withRecovery());
        ClientDriver clients = ClientDriver.start(server)) {
      JsonNode first = clients.connect("a", transport);
      String id = first.path("id").asText();
      assertThat(first.path("recovered").asBoolean()).isFalse();
      assertThat(server.await("connection", WAIT).path("recovered").asBoolean()).isFalse();
      clients.ask("a", "join", "r");
      clients.connect("other", "websocket"); // idle, so writable for the volatile event

      server.call(ServerCommands.emitTo(id, "e", 1));
      List<String> offsets = new ArrayList<>();
      offsets.add(offset(clients.nextMessage("a"), "e", 1));

      clients.command("dropTransport", "a");
      assertThat(clients.await("a", "disconnect").path("reason").asText())
          .isEqualTo("forced close");
      assertThat(
              server
                  .await("disconnect", l -> l.path("id").asText().equals(id), WAIT)
                  .path("reason")
                  .asText())
          .isEqualTo("transport close");

      server.call(ServerCommands.to(new String[] {id}, "m", 2)); // the room of its id
      server.call(ServerCommands.to(new String[] {"r"}, "m", 3)); // a room it was in
      server.call(ServerCommands.broadcast("v", 4).put("volatile", true)); // never stored
      server.call(ServerCommands.to(new String[] {"elsewhere"}, "x", 5)); // not for it
      server.call(ServerCommands.broadcast("m", 6).set("except", Json.array("elsewhere")));
      // a volatile event carries no offset
      assertThat(clients.nextMessage("other").path("args")).isEqualTo(Json.array(4));
      offset(clients.nextMessage("other"), "m", 6);

      clients.command("reconnect", "a");
      JsonNode again = clients.await("a", "connect");
      assertThat(again.path("recovered").asBoolean()).isTrue();
      assertThat(again.path("id").asText()).isEqualTo(id);
      JsonNode connection = server.await("connection", l -> l.path("id").asText().equals(id), WAIT);
      assertThat(connection.path("recovered").asBoolean()).isTrue();
      assertThat(connection.path("rooms")).isEqualTo(Json.array(sorted(id, "r")));
      assertThat(connection.path("data")).isEqualTo(Json.object().put("since", id));
      // the CONNECT payload the server sees: the client's session id and last offset (Node keeps
      // them in handshake.auth)
      assertThat(connection.path("auth").path("pid").isTextual()).isTrue();
      assertThat(connection.path("auth").path("offset").asText()).isEqualTo(offsets.get(0));

      offsets.add(offset(clients.nextMessage("a"), "m", 2));
      offsets.add(offset(clients.nextMessage("a"), "m", 3));
      offsets.add(offset(clients.nextMessage("a"), "m", 6));
      assertThat(offsets).doesNotHaveDuplicates();

      // and life goes on: the next events come after the missed ones
      server.call(ServerCommands.broadcast("after", 7));
      offset(clients.nextMessage("a"), "after", 7);
      offset(clients.nextMessage("other"), "after", 7);
      assertThat(clients.ask("a", "echo", "hi")).isEqualTo(Json.array("hi"));
      assertThat(clients.nextMessage("a").path("args").get(0).asText()).isEqualTo("hi");
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void theManagerReconnectsByItselfAndRecovers(ServerKind kind) {
    try (ScenarioServer server = kind.start(ScenarioOptions.withRecovery());
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(clients.connectCommand("a").put("reconnection", true));
      String id = clients.await("a", "connect").path("id").asText();
      server.call(ServerCommands.emitTo(id, "e", 1));
      offset(clients.nextMessage("a"), "e", 1);

      clients.command("dropTransport", "a");
      assertThat(clients.await("a", "disconnect").path("reason").asText())
          .isEqualTo("forced close");
      clients.await("a", "reconnect");
      JsonNode again = clients.await("a", "connect");
      assertThat(again.path("recovered").asBoolean()).isTrue();
      assertThat(again.path("id").asText()).isEqualTo(id);
      clients.assertNoUnreadMessages();
    }
  }

  /**
   * A client that received no event before it dropped has a session id but no offset: Node does not
   * recover it (a new socket; the missed events are lost); Sio recovers it from the start of the
   * session — a documented extension.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void aClientThatNeverReceivedAnEvent(ServerKind kind) {
    try (ScenarioServer server = kind.start(ScenarioOptions.withRecovery());
        ClientDriver clients = ClientDriver.start(server)) {
      String id = clients.connect("a", "websocket").path("id").asText();
      server.await("connection", WAIT);
      clients.command("dropTransport", "a");
      server.await("disconnect", WAIT);
      server.call(ServerCommands.broadcast("m", 1));
      server.call(ServerCommands.to(new String[] {id}, "m", 2));

      clients.command("reconnect", "a");
      JsonNode again = clients.await("a", "connect");
      JsonNode connection = server.await("connection", WAIT);
      if (kind == ServerKind.NODE) {
        assertThat(again.path("recovered").asBoolean()).isFalse();
        assertThat(again.path("id").asText()).isNotEqualTo(id);
        assertThat(connection.path("recovered").asBoolean()).isFalse();
      } else {
        assertThat(again.path("recovered").asBoolean()).isTrue();
        assertThat(again.path("id").asText()).isEqualTo(id);
        assertThat(connection.path("recovered").asBoolean()).isTrue();
        offset(clients.nextMessage("a"), "m", 1);
        offset(clients.nextMessage("a"), "m", 2);
      }
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void noRecoveryAfterADeliberateDisconnect(ServerKind kind) {
    try (ScenarioServer server = kind.start(ScenarioOptions.withRecovery());
        ClientDriver clients = ClientDriver.start(server)) {
      String id = clients.connect("a").path("id").asText();
      server.call(ServerCommands.emitTo(id, "e", 1));
      offset(clients.nextMessage("a"), "e", 1);

      clients.command("disconnect", "a"); // io client disconnect: the session is gone
      assertThat(clients.await("a", "disconnect").path("reason").asText())
          .isEqualTo("io client disconnect");
      server.await("disconnect", WAIT);
      clients.command("reconnect", "a");
      JsonNode again = clients.await("a", "connect");
      assertThat(again.path("recovered").asBoolean()).isFalse();
      assertThat(again.path("id").asText()).isNotEqualTo(id);
      String second = again.path("id").asText();
      JsonNode connection =
          server.await("connection", l -> l.path("id").asText().equals(second), WAIT);
      assertThat(connection.path("recovered").asBoolean()).isFalse();
      assertThat(connection.path("auth").path("pid").isTextual()).isTrue(); // sent, not honoured
      server.call(ServerCommands.emitTo(second, "e", 2));
      offset(clients.nextMessage("a"), "e", 2);

      server.call(ServerCommands.disconnect("/", second, false)); // io server disconnect
      assertThat(clients.await("a", "disconnect").path("reason").asText())
          .isEqualTo("io server disconnect");
      clients.command("reconnect", "a");
      JsonNode third = clients.await("a", "connect");
      assertThat(third.path("recovered").asBoolean()).isFalse();
      assertThat(third.path("id").asText()).isNotIn(id, second);
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void aConnectionClosedByTheServerIsRecovered(ServerKind kind) {
    try (ScenarioServer server = kind.start(ScenarioOptions.withRecovery());
        ClientDriver clients = ClientDriver.start(server)) {
      String id = clients.connect("a", "websocket").path("id").asText();
      server.call(ServerCommands.emitTo(id, "e", 1));
      offset(clients.nextMessage("a"), "e", 1);
      server.call(ServerCommands.closeConn("/", id)); // socket.conn.close(): "forced close"
      assertThat(clients.await("a", "disconnect").path("reason").asText())
          .isEqualTo("transport close");
      assertThat(server.await("disconnect", WAIT).path("reason").asText())
          .isEqualTo("forced close");
      server.call(ServerCommands.broadcast("m", 2));
      clients.command("reconnect", "a");
      JsonNode again = clients.await("a", "connect");
      assertThat(again.path("recovered").asBoolean()).isTrue();
      assertThat(again.path("id").asText()).isEqualTo(id);
      offset(clients.nextMessage("a"), "m", 2);
      clients.assertNoUnreadMessages();
    }
  }

  /** Two namespaces on one Manager recover each its own socket and events. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void multiplexedNamespacesRecoverTogether(ServerKind kind) {
    try (ScenarioServer server = kind.start(ScenarioOptions.withRecovery());
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(clients.managerCommand("m"));
      clients.send(NamespacesIT.socket("main", "m", "/"));
      clients.send(NamespacesIT.socket("chat", "m", "/chat"));
      String main = clients.await("main", "connect").path("id").asText();
      String chat = clients.await("chat", "connect").path("id").asText();
      clients.await("m", "upgrade");
      server.call(ServerCommands.broadcast("e", 1));
      server.call(ServerCommands.broadcast("e", 2).put("ns", "/chat"));
      offset(clients.nextMessage("main"), "e", 1);
      offset(clients.nextMessage("chat"), "e", 2);

      clients.command("dropTransport", "main");
      assertThat(clients.await("main", "disconnect").path("reason").asText())
          .isEqualTo("forced close");
      assertThat(clients.await("chat", "disconnect").path("reason").asText())
          .isEqualTo("forced close");
      server.await("disconnect", l -> l.path("id").asText().equals(main), WAIT);
      server.await("disconnect", l -> l.path("id").asText().equals(chat), WAIT);
      server.call(ServerCommands.broadcast("m", 3));
      server.call(ServerCommands.broadcast("m", 4).put("ns", "/chat"));
      server.call(ServerCommands.broadcast("m", 5));

      clients.command("reconnect", "main");
      clients.command("reconnect", "chat");
      JsonNode main2 = clients.await("main", "connect");
      JsonNode chat2 = clients.await("chat", "connect");
      assertThat(main2.path("recovered").asBoolean()).isTrue();
      assertThat(chat2.path("recovered").asBoolean()).isTrue();
      assertThat(main2.path("id").asText()).isEqualTo(main);
      assertThat(chat2.path("id").asText()).isEqualTo(chat);
      assertThat(main2.path("engine").asText()).isEqualTo(chat2.path("engine").asText());
      offset(clients.nextMessage("main"), "m", 3);
      offset(clients.nextMessage("main"), "m", 5);
      offset(clients.nextMessage("chat"), "m", 4);
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void recoveryOverMsgpack(ServerKind kind) {
    try (ScenarioServer server = kind.start(ScenarioOptions.withRecoveryAndMsgpack());
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(clients.connectCommand("a").put("parser", "msgpack"));
      String id = clients.await("a", "connect").path("id").asText();
      server.call(ServerCommands.emitTo(id, "e", 1));
      offset(clients.nextMessage("a"), "e", 1);
      clients.command("dropTransport", "a");
      server.await("disconnect", WAIT);
      server.call(ServerCommands.broadcast("m", 2));
      server.call(ServerCommands.broadcast("b", Json.bin(1, 2)));
      clients.command("reconnect", "a");
      JsonNode again = clients.await("a", "connect");
      assertThat(again.path("recovered").asBoolean()).isTrue();
      assertThat(again.path("id").asText()).isEqualTo(id);
      offset(clients.nextMessage("a"), "m", 2);
      JsonNode binary = clients.nextMessage("a");
      assertThat(binary.path("name").asText()).isEqualTo("b");
      assertThat(binary.path("args").get(0)).isEqualTo(Json.bin(1, 2));
      assertThat(binary.path("args").get(1).isTextual()).isTrue();
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void recoversTwiceInARow(ServerKind kind) {
    try (ScenarioServer server = kind.start(ScenarioOptions.withRecovery());
        ClientDriver clients = ClientDriver.start(server)) {
      String id = clients.connect("a", "polling").path("id").asText();
      assertThat(server.await("connection", WAIT).path("recovered").asBoolean()).isFalse();
      server.call(ServerCommands.emitTo(id, "e", 1));
      offset(clients.nextMessage("a"), "e", 1);
      for (int round = 2; round <= 3; round++) {
        clients.command("dropTransport", "a");
        clients.await("a", "disconnect");
        server.await("disconnect", WAIT);
        server.call(ServerCommands.broadcast("m", round));
        server.call(ServerCommands.broadcast("b", Json.object().set("bin", Json.bin(round))));
        clients.command("reconnect", "a");
        JsonNode again = clients.await("a", "connect");
        assertThat(again.path("recovered").asBoolean()).as("round %s", round).isTrue();
        assertThat(again.path("id").asText()).isEqualTo(id);
        assertThat(server.await("connection", WAIT).path("recovered").asBoolean()).isTrue();
        offset(clients.nextMessage("a"), "m", round);
        JsonNode binary = clients.nextMessage("a");
        assertThat(binary.path("args").get(0)).isEqualTo(Json.object().set("bin", Json.bin(round)));
        assertThat(binary.path("args").get(1).isTextual()).isTrue();
      }
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void aSessionExpiresAfterMaxDisconnectionDuration(ServerKind kind) throws Exception {
    try (ScenarioServer server = kind.start(ScenarioOptions.withShortRecovery(500));
        ClientDriver clients = ClientDriver.start(server)) {
      String id = clients.connect("a", "websocket").path("id").asText();
      server.call(ServerCommands.emitTo(id, "e", 1));
      offset(clients.nextMessage("a"), "e", 1);
      clients.command("dropTransport", "a");
      server.await("disconnect", WAIT);
      server.call(ServerCommands.broadcast("m", 2));
      Thread.sleep(1500); // longer than maxDisconnectionDuration (500 ms)
      clients.command("reconnect", "a");
      JsonNode again = clients.await("a", "connect");
      assertThat(again.path("recovered").asBoolean()).isFalse();
      assertThat(again.path("id").asText()).isNotEqualTo(id);
      clients.assertNoUnreadMessages();
    }
  }

  /** Checks an event and its arguments, the offset last; returns the offset. */
  static String offset(JsonNode message, String name, int value) {
    assertThat(message.path("name").asText()).as("event of %s", message).isEqualTo(name);
    JsonNode args = message.path("args");
    assertThat(args.size()).as("arguments of %s", message).isEqualTo(2);
    assertThat(args.get(0).asInt()).as("argument of %s", message).isEqualTo(value);
    assertThat(args.get(1).isTextual()).as("offset of %s", message).isTrue();
    return args.get(1).asText();
  }

  private static Object[] sorted(String... rooms) {
    return java.util.Arrays.stream(rooms).sorted().toArray();
  }
}
