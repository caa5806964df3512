package dev.sio.interop.server;

import static dev.sio.interop.server.ClientDriver.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Namespaces multiplexed on one Manager, the auth payload, and an invalid namespace. */
@Timeout(60)
class NamespacesIT {

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void twoNamespacesShareOneConnection(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(clients.managerCommand("m"));
      clients.send(socket("main", "m", "/"));
      clients.send(socket("chat", "m", "/chat"));
      JsonNode main = clients.await("main", "connect");
      JsonNode chat = clients.await("chat", "connect");
      assertThat(main.path("engine").asText()).isEqualTo(chat.path("engine").asText());
      assertThat(main.path("id").asText()).isNotEqualTo(chat.path("id").asText());
      clients.await("m", "open");

      JsonNode onMain = server.await("connection", l -> l.path("ns").asText().equals("/"), WAIT);
      JsonNode onChat =
          server.await("connection", l -> l.path("ns").asText().equals("/chat"), WAIT);
      assertThat(onMain.path("id").asText()).isEqualTo(main.path("id").asText());
      assertThat(onChat.path("id").asText()).isEqualTo(chat.path("id").asText());
      assertThat(onMain.path("engine").asText()).isEqualTo(onChat.path("engine").asText());
      assertThat(onChat.path("engine").asText()).isEqualTo(chat.path("engine").asText());

      // each event reaches its own namespace
      assertThat(clients.ask("chat", "echo", "in chat")).isEqualTo(Json.array("in chat"));
      JsonNode received = server.await("received", WAIT);
      assertThat(received.path("ns").asText()).isEqualTo("/chat");
      assertThat(received.path("id").asText()).isEqualTo(chat.path("id").asText());
      assertThat(clients.awaitMessage("chat", "echo").path("args"))
          .isEqualTo(Json.array("in chat"));
      server.call(ServerCommands.broadcast("hello-main"));
      assertThat(clients.nextMessage("main").path("name").asText()).isEqualTo("hello-main");

      // leaving one namespace keeps the other and the connection
      clients.command("disconnect", "chat");
      assertThat(clients.await("chat", "disconnect").path("reason").asText())
          .isEqualTo("io client disconnect");
      assertThat(
              server
                  .await("disconnect", l -> l.path("ns").asText().equals("/chat"), WAIT)
                  .path("reason")
                  .asText())
          .isEqualTo("client namespace disconnect");
      assertThat(clients.ask("main", "echo", 2)).isEqualTo(Json.array(2));
      clients.awaitMessage("main", "echo");
      clients.command("state", "main");
      JsonNode state = clients.await("main", "state");
      assertThat(state.path("connected").asBoolean()).isTrue();
      assertThat(state.path("engine").asText()).isEqualTo(main.path("engine").asText());
      assertThat(clients.pending()).noneMatch(l -> l.path("event").asText().equals("open"));
      assertThat(server.pending()).noneMatch(l -> l.path("event").asText().equals("disconnect"));
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void theServerSeesTheAuthPayload(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      ObjectNode auth = Json.object().put("token", "abc").put("n", 1.5);
      auth.set("list", Json.array(1, "two", null));
      clients.send(clients.connectCommand("a").set("auth", auth));
      clients.await("a", "connect");
      assertThat(server.await("connection", WAIT).path("auth")).isEqualTo(auth);

      clients.connect("b");
      assertThat(server.await("connection", WAIT).path("auth")).isEqualTo(Json.object());
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void anInvalidNamespaceIsRefused(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(clients.managerCommand("m"));
      clients.send(socket("main", "m", "/"));
      clients.await("main", "connect");
      server.await("connection", WAIT);
      clients.send(socket("nope", "m", "/nope"));
      JsonNode error = clients.await("nope", "connect_error");
      assertThat(error.path("message").asText()).isEqualTo("Invalid namespace");
      assertThat(error.path("data").isNull()).isTrue();
      // the other namespace of the connection is unaffected
      assertThat(clients.ask("main", "echo", "ok")).isEqualTo(Json.array("ok"));
      clients.awaitMessage("main", "echo");
      clients.command("state", "nope");
      assertThat(clients.await("nope", "state").path("connected").asBoolean()).isFalse();
      // also as the only namespace of a connection
      clients.send(
          clients
              .connectCommand("alone")
              .put("ns", "/nope")
              .set("transports", Json.array("websocket")));
      assertThat(clients.await("alone", "connect_error").path("message").asText())
          .isEqualTo("Invalid namespace");
      server.call(ServerCommands.rooms("/", "none"));
      assertThat(server.pending()).noneMatch(l -> l.path("event").asText().equals("connection"));
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void dynamicNamespaces(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(clients.managerCommand("m"));
      clients.send(socket("d42", "m", "/dyn-42"));
      clients.send(socket("d7", "m", "/dyn-7"));
      clients.send(socket("bad", "m", "/dyn-x"));
      String id42 = clients.await("d42", "connect").path("id").asText();
      clients.await("d7", "connect");
      assertThat(clients.await("bad", "connect_error").path("message").asText())
          .isEqualTo("Invalid namespace");
      JsonNode connection =
          server.await("connection", l -> l.path("ns").asText().equals("/dyn-42"), WAIT);
      assertThat(connection.path("id").asText()).isEqualTo(id42);
      server.await("connection", l -> l.path("ns").asText().equals("/dyn-7"), WAIT);

      assertThat(clients.ask("d42", "echo", 42)).isEqualTo(Json.array(42));
      assertThat(server.await("received", WAIT).path("ns").asText()).isEqualTo("/dyn-42");
      assertThat(clients.nextMessage("d42").path("args")).isEqualTo(Json.array(42));
      // a broadcast stays in its child namespace
      clients.send(clients.connectCommand("d42b").put("ns", "/dyn-42")); // a second Manager
      clients.await("d42b", "connect");
      assertThat(clients.ask("d42", "broadcast", "hello")).isEqualTo(Json.array());
      assertThat(clients.ask("d7", "broadcast", "hi")).isEqualTo(Json.array());
      server.call(ServerCommands.broadcast("fence").put("ns", "/dyn-42"));
      server.call(ServerCommands.broadcast("fence").put("ns", "/dyn-7"));
      assertThat(clients.nextMessage("d42b").path("name").asText()).isEqualTo("hello");
      assertThat(clients.nextMessage("d42b").path("name").asText()).isEqualTo("fence");
      assertThat(clients.nextMessage("d42").path("name").asText()).isEqualTo("fence");
      assertThat(clients.nextMessage("d7").path("name").asText()).isEqualTo("fence");
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void queryAndHeadersReachTheServer(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      for (String transport : new String[] {"polling", "websocket"}) {
        clients.send(
            clients
                .connectCommand(transport)
                .<ObjectNode>set("transports", Json.array(transport))
                .<ObjectNode>set("query", Json.object().put("token", "q-" + transport))
                .set("extraHeaders", Json.object().put("x-sio-test", "h-" + transport)));
        clients.await(transport, "connect");
        JsonNode connection = server.await("connection", WAIT);
        assertThat(connection.path("token").asText()).isEqualTo("q-" + transport);
        assertThat(connection.path("header").asText()).isEqualTo("h-" + transport);
      }
      clients.connect("plain");
      JsonNode plain = server.await("connection", WAIT);
      assertThat(plain.path("token").isNull()).isTrue();
      assertThat(plain.path("header").isNull()).isTrue();
      clients.assertNoUnreadMessages();
    }
  }

  /** A connection that joins no namespace is closed after connectTimeout (1.5 s here). */
  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void aConnectionWithoutNamespaceIsClosedAfterConnectTimeout(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      for (String transport : new String[] {"polling", "websocket"}) {
        clients.send(clients.managerCommand(transport).set("transports", Json.array(transport)));
        clients.await(transport, "open");
      }
      for (String transport : new String[] {"polling", "websocket"}) {
        assertThat(clients.await(transport, "close").path("reason").asText())
            .as(transport)
            .isEqualTo("transport close");
      }
      assertThat(server.pending()).noneMatch(l -> l.path("event").asText().equals("connection"));
    }
  }

  static ObjectNode socket(String client, String manager, String ns) {
    return NodeScript.command("socket").put("client", client).put("manager", manager).put("ns", ns);
  }
}
