package dev.sio.interop.server;

import static dev.sio.interop.server.ClientDriver.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The npm client connects over HTTP long-polling only, WebSocket only, and polling→WebSocket. */
@Timeout(60)
class TransportsIT {

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void pollingOnly(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      JsonNode connect = clients.connect("a", "polling");
      assertThat(connect.path("transport").asText()).isEqualTo("polling");
      assertThat(clients.await("a", "open").path("transport").asText()).isEqualTo("polling");
      JsonNode connection = server.await("connection", WAIT);
      assertThat(connection.path("id").asText()).isEqualTo(connect.path("id").asText());
      assertThat(connection.path("id").asText()).hasSize(20);
      assertThat(connection.path("engine").asText()).isEqualTo(connect.path("engine").asText());
      assertThat(connection.path("id").asText()).isNotEqualTo(connection.path("engine").asText());

      echoRoundTrip(server, clients, "a");
      assertThat(clients.ask("a", "transport")).isEqualTo(Json.array("polling"));
      clients.sync();
      assertThat(clients.pending()).noneMatch(l -> l.path("event").asText().equals("upgrade"));
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void websocketOnly(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      JsonNode connect = clients.connect("a", "websocket");
      assertThat(connect.path("transport").asText()).isEqualTo("websocket");
      assertThat(clients.await("a", "open").path("transport").asText()).isEqualTo("websocket");
      assertThat(server.await("connection", WAIT).path("id").asText())
          .isEqualTo(connect.path("id").asText());

      echoRoundTrip(server, clients, "a");
      assertThat(clients.ask("a", "transport")).isEqualTo(Json.array("websocket"));
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void pollingThenUpgradeToWebsocket(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      clients.send(clients.connectCommand("a"));
      assertThat(clients.await("a", "open").path("transport").asText()).isEqualTo("polling");
      JsonNode connect = clients.await("a", "connect");
      assertThat(clients.await("a", "upgrade").path("transport").asText()).isEqualTo("websocket");
      assertThat(server.await("connection", WAIT).path("id").asText())
          .isEqualTo(connect.path("id").asText());

      assertThat(clients.ask("a", "transport")).isEqualTo(Json.array("websocket"));
      echoRoundTrip(server, clients, "a");
      // same Engine.IO session after the upgrade
      clients.command("state", "a");
      assertThat(clients.await("a", "state").path("engine").asText())
          .isEqualTo(connect.path("engine").asText());
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void burstsKeepTheirOrderOverPolling(ServerKind kind) {
    bursts(kind, "polling");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void burstsKeepTheirOrderOverWebsocket(ServerKind kind) {
    bursts(kind, "websocket");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void burstsKeepTheirOrderAcrossTheUpgrade(ServerKind kind) {
    bursts(kind, null);
  }

  /**
   * Events sent before the CONNECT answer (buffered by the client), and bursts both ways around the
   * time of the upgrade: every one arrives, in order (batched in polling payloads).
   */
  private static void bursts(ServerKind kind, String transport) {
    int count = 200;
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      var connect = clients.connectCommand("a");
      if (transport != null) {
        connect.set("transports", Json.array(transport));
      }
      clients.send(connect);
      clients.send(
          dev.sio.interop.NodeScript.command("burst")
              .put("client", "a")
              .put("name", "up")
              .put("count", count));
      clients.emit("a", "burst", "down", count);
      String id = clients.await("a", "connect").path("id").asText();
      for (int i = 0; i < count; i++) {
        JsonNode up = server.await("received", l -> l.path("name").asText().equals("up"), WAIT);
        assertThat(up.path("id").asText()).isEqualTo(id);
        assertThat(up.path("args")).isEqualTo(Json.array(i));
      }
      for (int i = 0; i < count; i++) {
        JsonNode down = clients.nextMessage("a");
        assertThat(down.path("name").asText()).isEqualTo("down");
        assertThat(down.path("args")).isEqualTo(Json.array(i));
      }
      // once more, after the connection settled
      clients.send(
          dev.sio.interop.NodeScript.command("burst")
              .put("client", "a")
              .put("name", "up")
              .put("count", count));
      clients.emit("a", "burst", "down", count);
      for (int i = 0; i < count; i++) {
        assertThat(
                server
                    .await("received", l -> l.path("name").asText().equals("up"), WAIT)
                    .path("args"))
            .isEqualTo(Json.array(i));
      }
      for (int i = 0; i < count; i++) {
        assertThat(clients.nextMessage("a").path("args")).isEqualTo(Json.array(i));
      }
      clients.assertNoUnreadMessages();
    }
  }

  /**
   * Text that tests the encoders: the polling record separator and other control characters, a NUL,
   * characters outside the BMP, a lone surrogate, non-ASCII keys.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void awkwardText(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      for (String transport : new String[] {"polling", "websocket"}) {
        clients.connect(transport, transport);
        ArrayNode args =
            Json.array(
                "a\u001eb\u0000c\n\"\\\t",
                "😀 𝄞 é",
                Json.object().put("clé ✓", "\u2028\u2029"),
                "");
        assertThat(
                clients.ask(transport, "echo", args.get(0), args.get(1), args.get(2), args.get(3)))
            .as(transport)
            .isEqualTo(args);
        assertThat(server.await("received", WAIT).path("args")).as(transport).isEqualTo(args);
        assertThat(clients.nextMessage(transport).path("args")).as(transport).isEqualTo(args);
      }
      clients.assertNoUnreadMessages();
    }
  }

  /** An event with text and nested binary to the server and back, with an acknowledgement. */
  static void echoRoundTrip(ScenarioServer server, ClientDriver clients, String client) {
    ArrayNode args =
        Json.array("héllo ✓", Json.object().put("n", 1).set("bytes", Json.bin(1, 2, 3)));
    clients.emit(client, "echo", args.get(0), args.get(1));
    JsonNode received = server.await("received", l -> l.path("name").asText().equals("echo"), WAIT);
    assertThat(received.path("args")).isEqualTo(args);
    assertThat(received.path("ack").asBoolean()).isFalse();
    JsonNode echo = clients.nextMessage(client);
    assertThat(echo.path("name").asText()).isEqualTo("echo");
    assertThat(echo.path("args")).isEqualTo(args);
    assertThat(clients.ask(client, "echo", args.get(0), args.get(1))).isEqualTo(args);
    assertThat(clients.nextMessage(client).path("args")).isEqualTo(args);
  }
}
