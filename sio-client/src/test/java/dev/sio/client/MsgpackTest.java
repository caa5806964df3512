package dev.sio.client;

import static dev.sio.client.ClientFixtures.connected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.msgpack.MsgpackParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The msgpack parser as a client option, against a Sio server using it too. */
@Timeout(60)
class MsgpackTest {
  private SioServer server;

  @BeforeEach
  void start() {
    server = SioServer.start(0, b -> b.parser(MsgpackParser.create()), e -> e);
    server.io.onConnection(
        s -> {
          s.on("echo", (args, ack) -> ack.send(args.toArray()));
          s.on("push", (args, ack) -> s.emit("pushed", args.toArray()));
        });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eventsAcksAndBinaryOverMsgpack() throws Exception {
    for (String transport : List.of("polling", "websocket")) {
      Socket socket =
          connected(
              server.uri("/"),
              ClientOptions.builder().parser(MsgpackParser.create()).transports(transport).build());
      List<JsonNode> reply =
          socket
              .emitWithAck("echo", 1, "two", Map.of("bytes", new byte[] {3, 4}), 2.5)
              .get(10, TimeUnit.SECONDS);
      assertThat(reply.get(0).asInt()).isEqualTo(1);
      assertThat(reply.get(1).asText()).isEqualTo("two");
      assertThat(reply.get(2).path("bytes").binaryValue()).containsExactly(3, 4);
      assertThat(reply.get(3).asDouble()).isEqualTo(2.5);
      CompletableFuture<byte[]> pushed = new CompletableFuture<>();
      socket.once("pushed", byte[].class, pushed::complete);
      socket.emit("push", (Object) new byte[] {9});
      assertThat(pushed.get(10, TimeUnit.SECONDS)).containsExactly(9);
      socket.disconnect();
    }
  }
}
