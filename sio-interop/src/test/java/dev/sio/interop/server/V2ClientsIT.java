package dev.sio.interop.server;

import static dev.sio.interop.server.ClientDriver.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Socket.IO v2 clients (npm socket.io-client 2.5.0: Engine.IO v3, Socket.IO protocol v4) against a
 * server with {@code allowEIO3}, beside v4 clients (socket.io-client 4.8.4): connection to the main
 * namespace without a CONNECT, namespaces with their query as auth, middleware errors, events and
 * acknowledgements both ways, binary, rooms and one broadcast reaching both kinds, reconnection,
 * the transports alone and the upgrade. Node's socket.io 4.8.4 with {@code allowEIO3} runs the same
 * scenarios (the golden run).
 */
@Timeout(120)
class V2ClientsIT {
  private static ObjectNode v2(ClientDriver clients, String client, String... transports) {
    ObjectNode c = clients.connectCommand(client).put("v2", true);
    if (transports.length > 0) {
      c.set("transports", Json.array((Object[]) transports));
    }
    return c;
  }

  private static JsonNode connectV2(ClientDriver clients, String client, String... transports) {
    clients.send(v2(clients, client, transports));
    return clients.await(client, "connect");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void eventsAcksAndBinaryBothWays(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      JsonNode connect = connectV2(clients, "a");
      String id = connect.path("id").asText();
      // v2: the socket id of the main namespace is the Engine.IO sid
      assertThat(id).isEqualTo(connect.path("engine").asText());
      JsonNode connection = server.await("connection", WAIT);
      assertThat(connection.path("id").asText()).isEqualTo(id);
      assertThat(connection.path("ns").asText()).isEqualTo("/");
      assertThat(connection.path("auth")).isEqualTo(Json.object());

      // client -> server with an ack, binary inside
      ObjectNode payload = Json.object().put("text", "héllo");
      payload.set("bytes", Json.bin(1, 2, 3, 255));
      assertThat(clients.ask("a", "echo", payload, 42)).isEqualTo(Json.array(payload, 42));
      assertThat(clients.awaitMessage("a", "echo").path("args")).isEqualTo(Json.array(payload, 42));
      JsonNode received = server.await("received", WAIT);
      assertThat(received.path("name").asText()).isEqualTo("echo");
      assertThat(received.path("args")).isEqualTo(Json.array(payload, 42));

      // server -> client with an ack answered with binary
      server.call(ServerCommands.emitWithAck(7, id, 5000, "question", "why?", Json.bin(9)));
      JsonNode question = clients.awaitMessage("a", "question");
      assertThat(question.path("args")).isEqualTo(Json.array("why?", Json.bin(9)));
      clients.ack(question.path("ack").asInt(), "because", Json.bin(8, 7));
      JsonNode answer = server.await("ack", l -> l.path("id").asInt() == 7, WAIT);
      assertThat(answer.path("args")).isEqualTo(Json.array("because", Json.bin(8, 7)));
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void namespacesAndMiddlewareErrors(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(v2(clients, "m").put("ns", "/chat").set("auth", Json.object().put("k", "v")));
      JsonNode connect = clients.await("m", "connect");
      String engine = connect.path("engine").asText();
      assertThat(connect.path("id").asText()).isEqualTo("/chat#" + engine);
      // the implicit main-namespace socket comes first, then /chat with the query as auth
      JsonNode main = server.await("connection", l -> l.path("ns").asText().equals("/"), WAIT);
      assertThat(main.path("id").asText()).isEqualTo(engine);
      JsonNode chat = server.await("connection", l -> l.path("ns").asText().equals("/chat"), WAIT);
      assertThat(chat.path("auth")).isEqualTo(Json.object().put("k", "v"));
      assertThat(chat.path("id").asText()).isEqualTo("/chat#" + engine);
      assertThat(clients.ask("m", "join", "x"))
          .isEqualTo(Json.array((Object) Json.array("/chat#" + engine, "x")));

      // a middleware error: the v2 CONNECT_ERROR carries err.data
      clients.send(v2(clients, "g").put("ns", "/guarded"));
      JsonNode error = clients.await("g", "connect_error");
      assertThat(error.path("data"))
          .isEqualTo(Json.object().put("reason", "no token").put("retry", false));
      clients.send(
          v2(clients, "ok")
              .put("ns", "/guarded")
              .set("auth", Json.object().put("token", "secret")));
      clients.await("ok", "connect");
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void oneBroadcastReachesV2AndV4ClientsInARoom(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      connectV2(clients, "old-polling", "polling");
      connectV2(clients, "old-ws", "websocket");
      clients.connect("new", "websocket");
      clients.connect("new-polling", "polling");
      for (String c : new String[] {"old-polling", "old-ws", "new", "new-polling"}) {
        clients.ask(c, "join", "room");
      }
      clients.ask("old-ws", "toRoom", "room", "news", "from v2", Json.bin(1, 2));
      for (String c : new String[] {"old-polling", "new", "new-polling"}) {
        assertThat(clients.awaitMessage(c, "news").path("args"))
            .as(c)
            .isEqualTo(Json.array("from v2", Json.bin(1, 2)));
      }
      server.call(ServerCommands.to(new String[] {"room"}, "news", "to all", Json.bin(3)));
      for (String c : new String[] {"old-polling", "old-ws", "new", "new-polling"}) {
        assertThat(clients.awaitMessage(c, "news").path("args"))
            .as(c)
            .isEqualTo(Json.array("to all", Json.bin(3)));
      }
      clients.sync();
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void transportsAloneAndTheUpgrade(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      assertThat(connectV2(clients, "p", "polling").path("transport").asText())
          .isEqualTo("polling");
      assertThat(clients.ask("p", "transport")).isEqualTo(Json.array("polling"));
      assertThat(connectV2(clients, "w", "websocket").path("transport").asText())
          .isEqualTo("websocket");
      assertThat(clients.ask("w", "transport")).isEqualTo(Json.array("websocket"));

      connectV2(clients, "u");
      assertThat(clients.await("u", "upgrade").path("transport").asText()).isEqualTo("websocket");
      assertThat(clients.ask("u", "transport")).isEqualTo(Json.array("websocket"));
      assertThat(clients.ask("u", "echo", "after the upgrade"))
          .isEqualTo(Json.array("after the upgrade"));
      clients.awaitMessage("u", "echo");
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void reconnectsAfterTheServerClosesTheConnection(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(v2(clients, "a").put("reconnection", true));
      String first = clients.await("a", "connect").path("id").asText();
      server.await("connection", WAIT);
      server.call(ServerCommands.closeConn("/", first));
      assertThat(clients.await("a", "disconnect").path("reason").asText())
          .isEqualTo("transport close");
      String second = clients.await("a", "connect").path("id").asText();
      assertThat(second).isNotEqualTo(first);
      assertThat(clients.ask("a", "echo", "back")).isEqualTo(Json.array("back"));
      clients.awaitMessage("a", "echo");

      // the client leaves: the server sees "client namespace disconnect"
      clients.command("disconnect", "a");
      JsonNode gone = server.await("disconnect", l -> l.path("id").asText().equals(second), WAIT);
      assertThat(gone.path("reason").asText()).isEqualTo("client namespace disconnect");
      clients.assertNoUnreadMessages();
    }
  }
}
