package dev.sio.interop.server;

import static dev.sio.interop.server.ClientDriver.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The msgpack parser: socket.io-msgpack-parser 3.0.2 in the client, the server's msgpack parser.
 */
@Timeout(90)
class MsgpackIT {

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void eventsAcksBinaryAndRoomsOverMsgpack(ServerKind kind) {
    try (ScenarioServer server = kind.start(ScenarioOptions.withMsgpack());
        ClientDriver clients = ClientDriver.start(server)) {
      String a = connect(clients, "a", "websocket").path("id").asText();
      connect(clients, "b", "polling");
      connect(clients, "c", null);
      clients.await("c", "upgrade");

      ArrayNode args =
          Json.array(
              "héllo",
              -1,
              1.5,
              1L << 40,
              true,
              null,
              Json.object().put("n", 1).set("bin", Json.bin(1, 2, 3)),
              Json.array(Json.bin(), Json.bin(255)));
      for (String client : List.of("a", "b", "c")) {
        JsonNode ack = clients.ask(client, "echo", (Object[]) values(args));
        assertThat(ack).as(client).isEqualTo(args);
        assertThat(server.await("received", WAIT).path("args")).as(client).isEqualTo(args);
        assertThat(clients.awaitMessage(client, "echo").path("args")).as(client).isEqualTo(args);
      }

      clients.ask("a", "join", "r");
      clients.ask("b", "join", "r");
      server.call(
          ServerCommands.to(new String[] {"r"}, "news", Json.object().set("b", Json.bin(9))));
      RoomsIT.fence(server, clients, List.of("a", "b", "c"), "news", "a", "b");

      server.call(ServerCommands.emitWithAck(1, a, 5000, "question", Json.bin(4)));
      JsonNode question = clients.awaitMessage("a", "question");
      assertThat(question.path("args")).isEqualTo(Json.array(Json.bin(4)));
      clients.ack(question.path("ack").asInt(), "answer", Json.bin(5));
      assertThat(server.await("ack", WAIT).path("args"))
          .isEqualTo(Json.array("answer", Json.bin(5)));

      JsonNode timeout = clients.emitWithAck("b", 300, "noAck");
      assertThat(timeout.path("message").asText()).isEqualTo("operation has timed out");
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void connectErrorsAndDisconnectsOverMsgpack(ServerKind kind) {
    try (ScenarioServer server = kind.start(ScenarioOptions.withMsgpack());
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(
          clients
              .managerCommand("m")
              .put("parser", "msgpack")
              .set("transports", Json.array("websocket")));
      clients.send(NamespacesIT.socket("main", "m", "/"));
      clients.send(NamespacesIT.socket("guarded", "m", "/guarded"));
      clients.send(NamespacesIT.socket("nope", "m", "/nope"));
      String id = clients.await("main", "connect").path("id").asText();
      JsonNode guarded = clients.await("guarded", "connect_error");
      assertThat(guarded.path("message").asText()).isEqualTo("unauthorized");
      assertThat(guarded.path("data"))
          .isEqualTo(Json.parse("{\"reason\":\"no token\",\"retry\":false}"));
      assertThat(clients.await("nope", "connect_error").path("message").asText())
          .isEqualTo("Invalid namespace");

      server.call(ServerCommands.disconnect("/", id, false));
      assertThat(clients.await("main", "disconnect").path("reason").asText())
          .isEqualTo("io server disconnect");
      assertThat(server.await("disconnect", WAIT).path("reason").asText())
          .isEqualTo("server namespace disconnect");
      clients.assertNoUnreadMessages();
    }
  }

  private static JsonNode connect(ClientDriver clients, String client, String transport) {
    ObjectNode command = clients.connectCommand(client).put("parser", "msgpack");
    if (transport != null) {
      command.set("transports", Json.array(transport));
    }
    clients.send(command);
    return clients.await(client, "connect");
  }

  private static JsonNode[] values(ArrayNode array) {
    JsonNode[] values = new JsonNode[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i);
    }
    return values;
  }
}
