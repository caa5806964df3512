package dev.sio.interop.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.interop.NodeScript;
import dev.sio.msgpack.MsgpackParser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Sio client with the msgpack parser against Node's server with socket.io-msgpack-parser. */
@Timeout(60)
class NodeServerMsgpackIT {
  static final Duration WAIT = Duration.ofSeconds(10);

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket"})
  void eventsAcksAndBinary(String transport) throws Exception {
    try (NodeScript server = NodeScript.start("client/server.js", "{\"msgpack\":true}")) {
      URI uri =
          URI.create("http://127.0.0.1:" + server.await("listening", WAIT).path("port").asInt());
      CompletableFuture<Void> connected = new CompletableFuture<>();
      Socket socket =
          SocketIoClient.connect(
              uri,
              ClientOptions.builder()
                  .parser(MsgpackParser.create())
                  .transports(transport)
                  .auth(Map.of("token", "m"))
                  .build(),
              s -> s.onConnect(() -> connected.complete(null)));
      connected.get(10, TimeUnit.SECONDS);
      assertThat(server.await("connection", WAIT).path("auth").toString())
          .isEqualTo("{\"token\":\"m\"}");
      List<JsonNode> reply =
          socket
              .emitWithAck("echo", 1, "two", Map.of("bin", new byte[] {1, 2, 3}), List.of(true))
              .get(10, TimeUnit.SECONDS);
      assertThat(reply.get(0).asInt()).isEqualTo(1);
      assertThat(reply.get(1).asText()).isEqualTo("two");
      assertThat(reply.get(2).path("bin").binaryValue()).containsExactly(1, 2, 3);
      assertThat(reply.get(3).toString()).isEqualTo("[true]");
      assertThat(server.await("received", WAIT).path("args").get(2).toString())
          .isEqualTo("{\"bin\":{\"$bin\":\"AQID\"}}");
      CompletableFuture<String> answer = new CompletableFuture<>();
      socket.on("question", String.class, (q, ack) -> ack.send("re: " + q));
      socket.on("answer", String.class, answer::complete);
      socket.emit("ask", "msgpack?");
      assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("re: msgpack?");
      socket.disconnect();
    }
  }

  @Test
  void aJsonClientCannotTalkToAMsgpackServer() throws Exception {
    try (NodeScript server = NodeScript.start("client/server.js", "{\"msgpack\":true}")) {
      URI uri =
          URI.create("http://127.0.0.1:" + server.await("listening", WAIT).path("port").asInt());
      CompletableFuture<String> closed = new CompletableFuture<>();
      Socket socket =
          SocketIoClient.connect(
              uri,
              ClientOptions.builder().reconnection(false).build(),
              s -> s.io().onClose(closed::complete));
      // the server cannot decode the JSON CONNECT packet and closes the connection
      assertThat(closed.get(10, TimeUnit.SECONDS)).isIn("transport close", "parse error");
      assertThat(socket.connected()).isFalse();
      socket.disconnect();
    }
  }
}
