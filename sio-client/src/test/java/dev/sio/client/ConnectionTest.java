package dev.sio.client;

import static dev.sio.client.ClientFixtures.await;
import static dev.sio.client.ClientFixtures.connected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.server.ConnectError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Transports, namespaces, auth and refusals against Sio's own server. */
@Timeout(60)
class ConnectionTest {
  private SioServer server;
  private final List<String> serverSaw = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server = SioServer.start();
    server.io.onConnection(
        s -> {
          serverSaw.add("connection:" + s.namespace().name() + ":" + s.handshake().auth());
          s.on("echo", (args, ack) -> ack.send(args.toArray()));
          s.onDisconnect(reason -> serverSaw.add("disconnect:" + reason));
        });
    server.io.of("/admin").onConnection(s -> s.on("echo", (args, ack) -> ack.send(args.toArray())));
    server
        .io
        .of("/secure")
        .use(
            (socket, next) -> {
              JsonNode auth = socket.handshake().auth();
              if (auth != null && "ok".equals(auth.path("token").asText())) {
                next.accept();
              } else {
                next.reject(new ConnectError("unauthorized", Map.of("retry", false)));
              }
            });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void pollingUpgradesToWebSocket() throws Exception {
    Socket socket =
        connected(server.uri("/"), ClientOptions.builder().auth(Map.of("token", "t")).build());
    await(() -> "websocket".equals(socket.io().transport()));
    assertThat(socket.emitWithAck("echo", 1, "a").get(10, TimeUnit.SECONDS))
        .hasToString("[1, \"a\"]");
    assertThat(serverSaw).contains("connection:/:{\"token\":\"t\"}");
    socket.disconnect();
    await(() -> serverSaw.contains("disconnect:client namespace disconnect"));
  }

  @Test
  void eachTransportAlone() throws Exception {
    for (String transport : List.of("polling", "websocket")) {
      Socket socket =
          connected(server.uri("/"), ClientOptions.builder().transports(transport).build());
      assertThat(socket.io().transport()).isEqualTo(transport);
      byte[] payload = new byte[70_000];
      payload[69_999] = 7;
      List<JsonNode> reply = socket.emitWithAck("echo", "text", payload).get(10, TimeUnit.SECONDS);
      assertThat(reply.get(0).asText()).isEqualTo("text");
      assertThat(reply.get(1).binaryValue()).isEqualTo(payload);
      socket.disconnect();
    }
  }

  @Test
  void namespacesAreMultiplexedOnOneConnection() throws Exception {
    Manager manager = SocketIoClient.manager(server.uri("/"), ClientOptions.DEFAULTS);
    Socket main = manager.socket("/");
    Socket admin = manager.socket("admin");
    ClientFixtures.awaitConnect(main);
    ClientFixtures.awaitConnect(admin);
    assertThat(admin.namespace()).isEqualTo("/admin");
    assertThat(server.engine.clientsCount()).isEqualTo(1);
    assertThat(admin.emitWithAck("echo", "x").get(10, TimeUnit.SECONDS)).hasToString("[\"x\"]");
    manager.close();
    await(() -> server.engine.clientsCount() == 0);
    assertThat(manager.awaitReleased(java.time.Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void middlewareRefusalReachesConnectError() throws Exception {
    CompletableFuture<dev.sio.client.ConnectError> error = new CompletableFuture<>();
    Socket refused =
        SocketIoClient.connect(
            server.uri("/secure"),
            ClientOptions.builder().auth(Map.of("token", "no")).build(),
            s -> s.onConnectError(error::complete));
    assertThat(error.get(10, TimeUnit.SECONDS).getMessage()).isEqualTo("unauthorized");
    assertThat(error.get().data()).hasToString("{\"retry\":false}");
    assertThat(refused.active()).isFalse();

    int[] calls = {0};
    Socket allowed =
        connected(
            server.uri("/secure"),
            ClientOptions.builder()
                .auth(() -> Map.of("token", ++calls[0] > 0 ? "ok" : "no"))
                .build());
    assertThat(allowed.connected()).isTrue();
    assertThat(calls[0]).isEqualTo(1);
    allowed.disconnect();
  }

  @Test
  void serverDisconnectIsReportedAndNotRetried() throws Exception {
    Socket socket = connected(server.uri("/"), ClientOptions.DEFAULTS);
    CompletableFuture<String> reason = new CompletableFuture<>();
    socket.onDisconnect(reason::complete);
    server.io.sockets().sockets().values().forEach(s -> s.disconnect());
    assertThat(reason.get(10, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
    assertThat(socket.active()).isFalse();
    assertThat(socket.io().awaitReleased(java.time.Duration.ofSeconds(5))).isTrue();
  }
}
