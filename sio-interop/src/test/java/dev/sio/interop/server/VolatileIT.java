package dev.sio.interop.server;

import static dev.sio.interop.server.ClientDriver.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Volatile events reach clients that are ready, both ways. (That volatile events are never stored
 * for a recovery is in {@link ConnectionStateRecoveryIT}.)
 */
@Timeout(60)
class VolatileIT {

  /**
   * A volatile event emitted right after a normal one, in the same handler, finds the transport
   * busy writing the first and is dropped (Node: every time, on both transports).
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void aVolatileEventIsDroppedWhileTheTransportIsBusy(ServerKind kind) {
    for (String transport : new String[] {"polling", "websocket"}) {
      try (ScenarioServer server = kind.start();
          ClientDriver clients = ClientDriver.start(server)) {
        clients.connect("a", transport);
        for (int round = 0; round < 3; round++) {
          clients.emit("a", "volatileBetween");
          assertThat(clients.nextMessage("a").path("args")).as(transport).isEqualTo(Json.array(1));
          JsonNode next = clients.nextMessage("a");
          assertThat(next.path("name").asText() + next.path("args"))
              .as(transport + ", round " + round)
              .isEqualTo("n[3]");
        }
        clients.assertNoUnreadMessages();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void volatileEventsReachReadyClients(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      String a = clients.connect("a", "websocket").path("id").asText();
      clients.connect("b", "polling");
      clients.connect("c");
      clients.await("c", "upgrade");

      server.call(ServerCommands.emitTo(a, "tick", 1).put("volatile", true));
      assertThat(clients.nextMessage("a").path("args")).isEqualTo(Json.array(1));

      // a volatile broadcast to the WebSocket clients (idle, so writable), then a fence
      clients.ask("a", "join", "ws");
      clients.ask("c", "join", "ws");
      server.call(ServerCommands.to(new String[] {"ws"}, "tick", 2).put("volatile", true));
      RoomsIT.fence(server, clients, List.of("a", "b", "c"), "tick", "a", "c");

      // the client side: socket.volatile.emit on a connected socket
      clients.send(
          dev.sio.interop.NodeScript.command("emit")
              .put("client", "b")
              .put("name", "echo")
              .put("volatile", true)
              .set("args", Json.array("v")));
      assertThat(
              server
                  .await("received", l -> l.path("name").asText().equals("echo"), WAIT)
                  .path("args"))
          .isEqualTo(Json.array("v"));
      assertThat(clients.awaitMessage("b", "echo").path("args")).isEqualTo(Json.array("v"));
      clients.assertNoUnreadMessages();
    }
  }
}
