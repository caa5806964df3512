package dev.sio.interop.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.client.cli.ConnectCommand;
import dev.sio.interop.NodeScript;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sio connect} with in-memory streams against Node's server. */
@Timeout(60)
class ConnectCommandIT {
  static final Duration WAIT = Duration.ofSeconds(10);

  private NodeScript server;
  private String url;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @BeforeEach
  void start() {
    server = NodeScript.start("client/server.js", "{}");
    url = "http://127.0.0.1:" + server.await("listening", WAIT).path("port").asInt();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int run(String input, String... args) {
    return ConnectCommand.run(
        args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void interactiveModeEmitsLinesAndPrintsEventsAndAcks() {
    int code =
        run(
            "echo 1 \"two\"\nno-ack\nnot-json {\necho-event {\"a\":1}\n",
            url,
            "--ack-timeout",
            "700");
    assertThat(code).isEqualTo(ConnectCommand.OK);
    String id = server.await("connection", WAIT).path("id").asText();
    assertThat(output())
        .startsWith("connected " + id + "\n")
        .contains("ack echo [1,\"two\"]\n")
        .contains("< echo-event [{\"a\":1}]\n")
        .contains("no ack no-ack\n")
        .contains("error: not JSON: ");
    assertThat(output().indexOf("ack echo")).isLessThan(output().indexOf("< echo-event"));
  }

  @Test
  void emitModeSendsOneEventAndPrintsItsAck() {
    assertThat(run("", url, "--emit", "echo", "\"hi\" 2")).isEqualTo(ConnectCommand.OK);
    assertThat(output()).matches("connected \\S+\nack \\[\"hi\",2\\]\n");
    assertThat(server.await("received", WAIT).path("args").toString()).isEqualTo("[\"hi\",2]");
  }

  @Test
  void listenModePrintsTheFirstMatchingEvent() throws Exception {
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(
            () -> run("", url, "--namespace", "/admin", "--listen", "news"));
    server.await("connection", WAIT);
    var command = NodeScript.command("emit").put("nsp", "/admin").put("event", "news");
    command.putArray("args").add("headline").add(7);
    server.send(command);
    assertThat(code.get(20, TimeUnit.SECONDS)).isEqualTo(ConnectCommand.OK);
    assertThat(output()).matches("connected \\S+\n\\[\"headline\",7\\]\n");
  }

  @Test
  void listenModeWithoutTheEventExitsWithThree() {
    assertThat(run("", url, "--listen", "never", "--wait", "300"))
        .isEqualTo(ConnectCommand.NOTHING_RECEIVED);
    assertThat(output()).endsWith("error: no 'never' event within 300 ms\n");
  }

  @Test
  void aRefusedConnectionExitsWithOneAndShowsTheServerError() {
    int code =
        run("", url, "--namespace", "/secure", "--auth", "{\"token\":\"bad\"}", "--emit", "x");
    assertThat(code).isEqualTo(ConnectCommand.CONNECT_FAILED);
    assertThat(output()).isEqualTo("connect_error unauthorized {\"retry\":false}\n");
  }

  @Test
  void v2SpeaksToASocketIo2Server() {
    try (NodeScript v2 = NodeScript.start("client/server-v2.js", "{}")) {
      String v2Url = "http://127.0.0.1:" + v2.await("listening", WAIT).path("port").asInt();
      assertThat(run("", v2Url, "--v2", "--emit", "echo", "\"hi\" 2")).isEqualTo(ConnectCommand.OK);
      String id = v2.await("connection", WAIT).path("id").asText();
      assertThat(output()).isEqualTo("connected " + id + "\nack [\"hi\",2]\n");
      assertThat(v2.await("received", WAIT).path("args").toString()).isEqualTo("[\"hi\",2]");
    }
  }
}
