package dev.sio.interop.firsthour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.interop.NodeScript;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * java.time and {@code java.util.Date} against the npm socket.io-client: what a Sio server sends is
 * the text {@code JSON.stringify(new Date())} writes, and JavaScript Dates bind to {@code Instant}
 * and {@code Date}.
 */
@Timeout(60)
class DatesIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  record Stamped(Instant at) {}

  private SocketIoServer io;

  @AfterEach
  void stop() {
    if (io != null) {
      io.close();
    }
  }

  @Test
  void datesAreWrittenAsJavaScriptWritesThemAndReadBackFromJavaScript() throws Exception {
    BlockingQueue<List<Object>> received = new LinkedBlockingQueue<>();
    io = SocketIoServer.create(ServerOptions.builder().host("127.0.0.1").port(0).build());
    io.onConnection(
        socket ->
            socket.on(
                "dates",
                (args, ack) -> {
                  var mapper = io.options().objectMapper();
                  received.add(
                      List.of(
                          mapper.treeToValue(args.get(0), Instant.class),
                          mapper.treeToValue(args.get(1), Date.class),
                          mapper.treeToValue(args.get(2), Stamped.class)));
                  ack.send(mapper.treeToValue(args.get(0), Instant.class));
                }));
    io.start();
    Instant at = Instant.parse("2026-12-02T01:02:03.456789Z");
    try (NodeScript client = NodeScript.start("dates-client.js", "http://127.0.0.1:" + io.port())) {
      String id = client.await("connect", WAIT).path("id").asText();
      io.of("/")
          .sockets()
          .get(id)
          .emit(
              "stamp",
              at,
              Date.from(at),
              at.atOffset(ZoneOffset.ofHours(-7)),
              Map.of("at", at),
              Instant.ofEpochMilli(-62198755200000L));
      JsonNode stamp = client.await("stamp", WAIT);
      String js = "2026-12-02T01:02:03.456Z";
      assertThat(stamp.path("args").toString())
          .isEqualTo(
              "[\""
                  + js
                  + "\",\""
                  + js
                  + "\",\""
                  + js
                  + "\",{\"at\":\""
                  + js
                  + "\"},\"-000001-01-01T00:00:00.000Z\"]");
      // JavaScript reads each back to the same Date and writes the same text
      JsonNode reparsed = stamp.path("reparsed");
      assertThat(reparsed.get(0).asText()).isEqualTo(js);
      assertThat(reparsed.get(1).asText()).isEqualTo(js);
      assertThat(reparsed.get(2).asText()).isEqualTo(js);
      assertThat(reparsed.get(4).asText()).isEqualTo("-000001-01-01T00:00:00.000Z");

      long ms = 1796173323456L;
      client.send(
          NodeScript.JSON
              .createObjectNode()
              .put("cmd", "sendDates")
              .put("id", 1)
              .set("millis", NodeScript.JSON.createArrayNode().add(ms).add(ms + 1)));
      List<Object> bound = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(bound)
          .containsExactly(
              Instant.ofEpochMilli(ms), new Date(ms + 1), new Stamped(Instant.ofEpochMilli(ms)));
      assertThat(client.await("answer", WAIT).path("args").toString())
          .isEqualTo("[\"2026-12-02T01:02:03.456Z\"]");
    }
  }
}
