package dev.sio.interop.server;

import static dev.sio.interop.server.ClientDriver.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Binary attachments at any depth of the arguments, both ways, over both transports. */
@Timeout(60)
class BinaryIT {

  /** Buffers at the top, inside objects, inside arrays inside objects, and an empty one. */
  static ArrayNode nestedBinary() {
    byte[] big = new byte[70_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    return Json.array(
        Json.bin(0, 1, 2, 255),
        Json.object()
            .put("name", "file")
            .<com.fasterxml.jackson.databind.node.ObjectNode>set("data", Json.bin(big))
            .set(
                "parts",
                Json.array(Json.bin(), Json.object().set("deep", Json.array(Json.bin(7))), 3)),
        "text",
        Json.array(Json.bin(9, 9), Json.bin(8)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void nestedBinaryOverPolling(ServerKind kind) {
    roundTrips(kind, "polling");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void nestedBinaryOverWebsocket(ServerKind kind) {
    roundTrips(kind, "websocket");
  }

  private static void roundTrips(ServerKind kind, String transport) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      String id = clients.connect("a", transport).path("id").asText();
      ArrayNode args = nestedBinary();

      // client -> server, and back with the same arguments (emit and ack)
      JsonNode ack = clients.ask("a", "echo", (Object[]) toArray(args));
      assertThat(ack).isEqualTo(args);
      assertThat(server.await("received", WAIT).path("args")).isEqualTo(args);
      assertThat(clients.awaitMessage("a", "echo").path("args")).isEqualTo(args);

      // server -> client (socket.emit and a broadcast)
      server.call(ServerCommands.emitTo(id, "files", (Object[]) toArray(args)));
      assertThat(clients.awaitMessage("a", "files").path("args")).isEqualTo(args);
      server.call(ServerCommands.broadcast("files", Json.bin(1), "x"));
      assertThat(clients.awaitMessage("a", "files").path("args"))
          .isEqualTo(Json.array(Json.bin(1), "x"));

      // server asks with binary, the client answers with binary
      server.call(
          ServerCommands.emitWithAck(1, id, 5000, "sign", Json.object().set("doc", Json.bin(5))));
      JsonNode sign = clients.awaitMessage("a", "sign");
      assertThat(sign.path("args")).isEqualTo(Json.array(Json.object().set("doc", Json.bin(5))));
      clients.ack(
          sign.path("ack").asInt(), Json.array(Json.bin(6), Json.object().set("sig", Json.bin(7))));
      assertThat(server.await("ack", WAIT).path("args"))
          .isEqualTo(Json.array(Json.array(Json.bin(6), Json.object().set("sig", Json.bin(7)))));
      clients.assertNoUnreadMessages();
    }
  }

  private static JsonNode[] toArray(ArrayNode array) {
    JsonNode[] values = new JsonNode[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i);
    }
    return values;
  }
}
