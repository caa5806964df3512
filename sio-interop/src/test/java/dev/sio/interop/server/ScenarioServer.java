package dev.sio.interop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Socket.IO server running the scenario handlers of the interop suite: Node's own (the golden
 * reference, {@code js/server/node-server.js}) or Sio's ({@link SioScenarioServer}). Both report
 * the same JSON events ({@code connection}, {@code received}, {@code disconnect}, {@code ack}, …)
 * and run the same JSON commands, so a test reads the same against either.
 */
interface ScenarioServer extends AutoCloseable {
  /** Which implementation this is. */
  ServerKind kind();

  /** The port it listens on, on 127.0.0.1. */
  int port();

  /** The URL a client connects to. */
  default String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Waits for the first unread event named {@code event} that matches, and takes it. */
  JsonNode await(String event, Predicate<JsonNode> match, Duration timeout);

  /** Waits for the first unread event named {@code event}, and takes it. */
  default JsonNode await(String event, Duration timeout) {
    return await(event, line -> true, timeout);
  }

  /** Runs a command (see {@code node-server.js}) and returns once the server has run it. */
  void call(ObjectNode command);

  /** The events not taken yet. */
  List<JsonNode> pending();

  /** Stops the server. */
  @Override
  void close();
}
