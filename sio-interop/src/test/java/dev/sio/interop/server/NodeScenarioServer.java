package dev.sio.interop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Node's socket.io 4.8.4 server with the scenario handlers ({@code js/server/node-server.js}). */
final class NodeScenarioServer implements ScenarioServer {
  private static final Duration START = Duration.ofSeconds(20);
  private static final Duration CALL = Duration.ofSeconds(10);

  private final NodeScript script;
  private final int port;
  private final AtomicInteger seq = new AtomicInteger();

  private NodeScenarioServer(NodeScript script) {
    this.script = script;
    try {
      this.port = script.await("listening", START).path("port").asInt();
    } catch (RuntimeException | AssertionError e) {
      script.close();
      throw e;
    }
  }

  static NodeScenarioServer start(ScenarioOptions options) {
    List<String> args = new ArrayList<>();
    if (options.recovery()) {
      args.add("--recovery");
      args.add("--recovery-ms");
      args.add(Long.toString(options.recoveryMillis()));
    }
    if (options.msgpack()) {
      args.add("--parser");
      args.add("msgpack");
    }
    return new NodeScenarioServer(
        NodeScript.start("server/node-server.js", args.toArray(String[]::new)));
  }

  @Override
  public ServerKind kind() {
    return ServerKind.NODE;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public JsonNode await(String event, Predicate<JsonNode> match, Duration timeout) {
    return script.await(
        "a line with \"event\":\"" + event + "\" that matches",
        line -> event.equals(line.path("event").asText()) && match.test(line),
        timeout);
  }

  @Override
  public void call(ObjectNode command) {
    int n = seq.incrementAndGet();
    script.send(command.deepCopy().put("seq", n));
    JsonNode answer =
        script.await(
            "done or error for command " + command,
            line ->
                (line.path("event").asText().equals("done") && line.path("seq").asInt() == n)
                    || (line.path("event").asText().equals("error")
                        && line.at("/command/seq").asInt() == n),
            CALL);
    if (answer.path("event").asText().equals("error")) {
      throw new AssertionError("node server: command " + command + " failed: " + answer);
    }
  }

  @Override
  public List<JsonNode> pending() {
    return script.pending();
  }

  @Override
  public void close() {
    script.close();
  }

  @Override
  public String toString() {
    return "node socket.io 4.8.4 on port " + port;
  }
}
