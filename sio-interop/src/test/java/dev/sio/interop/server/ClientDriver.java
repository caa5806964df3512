package dev.sio.interop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The npm socket.io-client 4.8.4 in node ({@code js/server/client-driver.js}), holding any number
 * of named clients. Every event a client receives is a {@code message} line that a test must take
 * ({@link #nextMessage}, {@link #awaitMessage}); {@link #assertNoUnreadMessages} fails on any left
 * over, so a delivery the test did not expect does not go unnoticed.
 */
final class ClientDriver implements AutoCloseable {
  /** How long a test waits for one thing to happen. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private final NodeScript script;
  private final String url;
  private final AtomicInteger seq = new AtomicInteger();

  private ClientDriver(NodeScript script, String url) {
    this.script = script;
    this.url = url;
    script.await("ready", Duration.ofSeconds(20));
  }

  /** Starts a driver whose clients connect to {@code server}. */
  static ClientDriver start(ScenarioServer server) {
    return new ClientDriver(NodeScript.start("server/client-driver.js"), server.url());
  }

  /** {@code {"cmd":"connect","client":client,"url":…}}, to add options to and {@link #send}. */
  ObjectNode connectCommand(String client) {
    return NodeScript.command("connect").put("client", client).put("url", url);
  }

  /** {@code {"cmd":"manager","manager":manager,"url":…}}. */
  ObjectNode managerCommand(String manager) {
    return NodeScript.command("manager").put("manager", manager).put("url", url);
  }

  /** Connects {@code client} to {@code "/"} with the transports given and waits for connect. */
  JsonNode connect(String client, String... transports) {
    ObjectNode command = connectCommand(client);
    if (transports.length > 0) {
      command.set("transports", Json.array((Object[]) transports));
    }
    send(command);
    return await(client, "connect");
  }

  /** Sends a raw command line. */
  void send(ObjectNode command) {
    script.send(command);
  }

  /** Sends {@code {"cmd":cmd,"client":client}}. */
  void command(String cmd, String client) {
    send(NodeScript.command(cmd).put("client", client));
  }

  /** Waits for {@code event} of {@code client} ({@code client} or {@code manager} field). */
  JsonNode await(String client, String event) {
    return await(client, event, WAIT);
  }

  /** Waits for {@code event} of {@code client} ({@code client} or {@code manager} field). */
  JsonNode await(String client, String event, Duration timeout) {
    return script.await(
        "\"" + event + "\" of " + client,
        line ->
            event.equals(line.path("event").asText())
                && (client.equals(line.path("client").asText())
                    || client.equals(line.path("manager").asText())),
        timeout);
  }

  /** Takes the first unread event received by {@code client}, whatever its name. */
  JsonNode nextMessage(String client) {
    return await(client, "message");
  }

  /** Takes the first unread event {@code name} received by {@code client}. */
  JsonNode awaitMessage(String client, String name) {
    return script.await(
        "message \"" + name + "\" of " + client,
        line ->
            "message".equals(line.path("event").asText())
                && client.equals(line.path("client").asText())
                && name.equals(line.path("name").asText()),
        WAIT);
  }

  /** {@code socket.emit(name, ...args)}. */
  void emit(String client, String name, Object... args) {
    send(
        NodeScript.command("emit")
            .put("client", client)
            .put("name", name)
            .set("args", Json.array(args)));
  }

  /** Emits with an acknowledgement and waits for it: the {@code ack} or {@code ack_error} line. */
  JsonNode emitWithAck(String client, Integer timeoutMs, String name, Object... args) {
    int id = seq.incrementAndGet();
    ObjectNode command =
        NodeScript.command("emitWithAck").put("client", client).put("id", id).put("name", name);
    command.set("args", Json.array(args));
    if (timeoutMs != null) {
      command.put("timeout", timeoutMs);
    }
    send(command);
    return script.await(
        "ack " + id + " of " + client,
        line ->
            (line.path("event").asText().equals("ack")
                    || line.path("event").asText().equals("ack_error"))
                && line.path("id").asInt() == id
                && client.equals(line.path("client").asText()),
        WAIT);
  }

  /** Emits with an acknowledgement (no timeout) and returns the acknowledgement's arguments. */
  JsonNode ask(String client, String name, Object... args) {
    JsonNode answer = emitWithAck(client, null, name, args);
    assertThat(answer.path("event").asText()).as("answer to %s", name).isEqualTo("ack");
    return answer.path("args");
  }

  /** Answers the server's event that arrived with {@code "ack": ack}. */
  void ack(int ack, Object... args) {
    send(NodeScript.command("ack").put("ack", ack).set("args", Json.array(args)));
  }

  /** Returns once the driver has run every command sent before. */
  void sync() {
    int n = seq.incrementAndGet();
    send(NodeScript.command("sync").put("seq", n));
    script.await(
        "done " + n,
        line -> line.path("event").asText().equals("done") && line.path("seq").asInt() == n,
        WAIT);
  }

  /** Fails when a client received an event the test did not take, or the driver saw an error. */
  void assertNoUnreadMessages() {
    sync();
    List<JsonNode> left =
        script.pending().stream()
            .filter(
                line ->
                    line.path("event").asText().equals("message")
                        || line.path("event").asText().equals("error"))
            .toList();
    assertThat(left).as("events received but not expected by the test").isEmpty();
  }

  /** The unread lines. */
  List<JsonNode> pending() {
    return script.pending();
  }

  /** Sends a signal to node ({@code "STOP"} freezes it, {@code "CONT"} thaws it). */
  void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(script.pid())).start();
      if (!kill.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + signal + " failed");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Kills node at once (SIGKILL): its connections end without a goodbye. */
  void kill() {
    ProcessHandle.of(script.pid()).ifPresent(ProcessHandle::destroyForcibly);
    script.awaitExit(WAIT);
  }

  @Override
  public void close() {
    script.close();
  }
}
