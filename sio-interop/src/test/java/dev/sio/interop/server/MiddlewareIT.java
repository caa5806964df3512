package dev.sio.interop.server;

import static dev.sio.interop.server.ClientDriver.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Connection middlewares: the client's {@code connect_error} carries the message and the data. */
@Timeout(60)
class MiddlewareIT {

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void aRejectionReachesTheClientWithMessageAndData(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(clients.connectCommand("a").put("ns", "/guarded"));
      JsonNode error = clients.await("a", "connect_error");
      assertThat(error.path("message").asText()).isEqualTo("unauthorized");
      assertThat(error.path("data"))
          .isEqualTo(Json.parse("{\"reason\":\"no token\",\"retry\":false}"));

      clients.send(
          clients
              .connectCommand("b")
              .put("ns", "/guarded")
              .set("auth", Json.object().put("token", "secret")));
      String id = clients.await("b", "connect").path("id").asText();
      JsonNode connection = server.await("connection", WAIT);
      assertThat(connection.path("ns").asText()).isEqualTo("/guarded");
      assertThat(connection.path("id").asText()).isEqualTo(id);
      assertThat(clients.ask("b", "echo", "in")).isEqualTo(Json.array("in"));
      clients.awaitMessage("b", "echo");
      clients.assertNoUnreadMessages();
      assertThat(server.pending()).noneMatch(l -> l.path("event").asText().equals("connection"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void anErrorWithoutDataOnTheMainNamespace(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      for (String transport : new String[] {"polling", "websocket"}) {
        String client = "a-" + transport;
        clients.send(
            clients
                .connectCommand(client)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                    "transports", Json.array(transport))
                .set("auth", Json.object().put("fail", "go away")));
        JsonNode error = clients.await(client, "connect_error");
        assertThat(error.path("message").asText()).isEqualTo("go away");
        assertThat(error.path("data").isNull()).isTrue();
      }
      clients.assertNoUnreadMessages();
      assertThat(server.pending()).noneMatch(l -> l.path("event").asText().equals("connection"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void aRejectedNamespaceLeavesTheOthersOfTheConnection(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(clients.managerCommand("m"));
      clients.send(NamespacesIT.socket("main", "m", "/"));
      clients.await("main", "connect");
      clients.send(NamespacesIT.socket("guarded", "m", "/guarded"));
      JsonNode error = clients.await("guarded", "connect_error");
      assertThat(error.path("message").asText()).isEqualTo("unauthorized");
      assertThat(error.path("data").path("retry").asBoolean(true)).isFalse();
      assertThat(clients.ask("main", "echo", 1)).isEqualTo(Json.array(1));
      clients.awaitMessage("main", "echo");
      clients.assertNoUnreadMessages();
    }
  }

  /** A middleware that answers later (a timer in Node, another thread in Sio). */
  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void aMiddlewareThatAnswersLater(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(clients.managerCommand("m"));
      clients.send(NamespacesIT.socket("main", "m", "/"));
      clients.send(NamespacesIT.socket("slow", "m", "/slow"));
      clients.await("main", "connect");
      JsonNode error = clients.await("slow", "connect_error");
      assertThat(error.path("message").asText()).isEqualTo("too slow");
      assertThat(error.path("data")).isEqualTo(Json.parse("{\"late\":true}"));

      clients.send(
          clients
              .connectCommand("ok")
              .put("ns", "/slow")
              .set("auth", Json.object().put("token", "secret")));
      String id = clients.await("ok", "connect").path("id").asText();
      assertThat(
              server
                  .await("connection", l -> l.path("ns").asText().equals("/slow"), WAIT)
                  .path("id")
                  .asText())
          .isEqualTo(id);
      assertThat(clients.ask("ok", "echo", 1)).isEqualTo(Json.array(1));
      clients.awaitMessage("ok", "echo");
      clients.assertNoUnreadMessages();
    }
  }
}
