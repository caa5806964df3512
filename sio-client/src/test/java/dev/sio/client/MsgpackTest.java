package dev.sio.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.msgpack.MsgpackParser;
import dev.sio.testkit.EventRecorder;
import dev.sio.testkit.SioServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The msgpack parser as a client option, against a Sio server using it too. */
@Timeout(60)
class MsgpackTest {
  @RegisterExtension
  final SioServerExtension sio =
      SioServerExtension.create(b -> b.parser(MsgpackParser.create()))
          .timeout(Duration.ofSeconds(10))
          .beforeStart(
              io ->
                  io.onConnection(
                      s -> {
                        s.on("echo", (args, ack) -> ack.send(args.toArray()));
                        s.on("push", (args, ack) -> s.emit("pushed", args.toArray()));
                      }));

  @Test
  void eventsAcksAndBinaryOverMsgpack() throws Exception {
    for (String transport : List.of("polling", "websocket")) {
      EventRecorder pushed = sio.recorder();
      Socket socket =
          sio.connect(
              "/",
              ClientOptions.builder().parser(MsgpackParser.create()).transports(transport).build(),
              s -> pushed.attach(s, "pushed"));
      List<JsonNode> reply =
          sio.await(socket.emitWithAck("echo", 1, "two", Map.of("bytes", new byte[] {3, 4}), 2.5));
      assertThat(reply.get(0).asInt()).isEqualTo(1);
      assertThat(reply.get(1).asText()).isEqualTo("two");
      assertThat(reply.get(2).path("bytes").binaryValue()).containsExactly(3, 4);
      assertThat(reply.get(3).asDouble()).isEqualTo(2.5);
      socket.emit("push", (Object) new byte[] {9});
      assertThat(pushed.next("pushed").arg(0).binaryValue()).containsExactly(9);
      pushed.assertEmpty();
      socket.disconnect();
    }
  }
}
