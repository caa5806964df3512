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

  static ObjectNode socket(String client, String manager, String ns) {
    return NodeScript.command("socket").put("client", client).put("manager", manager).put("ns", ns);
  }
}
