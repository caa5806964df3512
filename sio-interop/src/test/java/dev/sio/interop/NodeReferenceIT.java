package dev.sio.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Node's own socket.io server and client, both from npm, through the harness: proves the npm
 * install and the scripts that the interop tests against our server reuse.
 */
@Timeout(60)
class NodeReferenceIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void nodeClientTalksToNodeServerWithBinaryAndAcks() {
    try (NodeScript server = NodeScript.start("reference-server.js")) {
      int port = server.await("listening", WAIT).path("port").asInt();
      assertThat(port).isPositive();

      try (NodeScript client = NodeScript.start("socketio-client.js", "http://127.0.0.1:" + port)) {
        JsonNode connect = client.await("connect", WAIT);
        String id = connect.path("id").asText();
        assertThat(server.await("connection", WAIT).path("id").asText()).isEqualTo(id);
        client.await("upgrade", WAIT); // polling, then WebSocket

        ObjectNode emit = NodeScript.command("emit").put("name", "echo");
        emit.putArray("args").add("hi").addObject().put("$bin", "AQID");
        client.send(emit);
        JsonNode echo = client.await("message", WAIT);
        assertThat(echo.path("name").asText()).isEqualTo("echo");
        assertThat(echo.path("args").toString()).isEqualTo("[\"hi\",{\"$bin\":\"AQID\"}]");

        ObjectNode ask = NodeScript.command("emitWithAck").put("id", 7).put("name", "echo");
        ask.putArray("args").add(42);
        client.send(ask);
        JsonNode ack = client.await("ack", WAIT);
        assertThat(ack.path("id").asInt()).isEqualTo(7);
        assertThat(ack.path("args").toString()).isEqualTo("[42]");

        client.send(NodeScript.command("disconnect"));
        assertThat(client.await("disconnect", WAIT).path("reason").asText())
            .isEqualTo("io client disconnect");
        assertThat(server.await("disconnect", WAIT).path("reason").asText())
            .isEqualTo("client namespace disconnect");
      }
    }
  }
}
