package dev.sio.client;

import static dev.sio.client.ClientFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ClientProtocol#V2} (Engine.IO v3 / Socket.IO protocol v4) against Sio's own server with
 * {@code allowEIO3}; the same client against npm socket.io 2.5.0 is in sio-interop.
 */
@Timeout(60)
class V2ProtocolTest {
  private SioServer server;
  private final List<String> serverSaw = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server =
        SioServer.start(
            0,
            b -> b,
            e ->
                e.allowEIO3(true)
                    .pingInterval(Duration.ofMillis(300))
                    .pingTimeout(Duration.ofMillis(2000)));
    Consumer<dev.sio.server.Socket> setup =
        s -> {
          serverSaw.add(
              "connection:"
                  + s.namespace().name()
                  + ":"
                  + s.id()
                  + ":eio"
                  + s.conn().protocol()
                  + ":"
                  + s.handshake().auth());
          s.on("echo", (args, ack) -> ack.send(args.toArray()));
          s.on(
              "ask",
              (args, ack) ->
                  s.timeout(Duration.ofSeconds(5))
                      .emitWithAck("question", args.toArray())
                      .thenAccept(answer -> s.emit("answer", answer.toArray())));
          s.onDisconnect(
              reason -> serverSaw.add("disconnect:" + s.namespace().name() + ":" + reason));
        };
    server.io.onConnection(setup::accept);
    server.io.of("/admin").onConnection(setup::accept);
    server
        .io
        .of("/secure")
        .use(
            (socket, next) -> {
              if ("ok".equals(socket.handshake().auth().path("token").asText())) {
                next.accept();
              } else if ("data".equals(socket.handshake().auth().path("token").asText())) {
                next.reject(
                    new dev.sio.server.ConnectError("unauthorized", Map.of("retry", false)));
              } else {
                next.reject(new dev.sio.server.ConnectError("unauthorized"));
              }
            });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static ClientOptions.Builder v2() {
    return ClientOptions.builder().protocol(ClientProtocol.V2).reconnection(false);
  }

  private static Socket connect(java.net.URI uri, ClientOptions options) throws Exception {
    CompletableFuture<Void> connected = new CompletableFuture<>();
    Socket socket =
        SocketIoClient.connect(uri, options, s -> s.onConnect(() -> connected.complete(null)));
    connected.get(10, TimeUnit.SECONDS);
    return socket;
  }

  @Test
  void pollingUpgradesAndTheIdIsTheEngineId() throws Exception {
    Socket socket = connect(server.uri("/"), v2().build());
    await(() -> "websocket".equals(socket.io().transport()));
    assertThat(socket.id()).isEqualTo(socket.io().engine().id());
    assertThat(serverSaw).contains("connection:/:" + socket.id() + ":eio3:{}");
    assertThat(socket.emitWithAck("echo", 1, "a").get(10, TimeUnit.SECONDS))
        .hasToString("[1, \"a\"]");
    socket.disconnect();
    await(() -> serverSaw.contains("disconnect:/:client namespace disconnect"));
  }

  @Test
  void eachTransportAloneCarriesBinaryBothWays() throws Exception {
    for (String transport : List.of("polling", "websocket")) {
      Socket socket = connect(server.uri("/"), v2().transports(transport).build());
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
  void namespacesCarryTheQueryAndPrefixedIds() throws Exception {
    Manager manager =
        SocketIoClient.manager(server.uri("/?from=uri"), v2().query("token", "t1").build());
    CompletableFuture<Void> admin = new CompletableFuture<>();
    CompletableFuture<Void> main = new CompletableFuture<>();
    Socket adminSocket = manager.socket("/admin", s -> s.onConnect(() -> admin.complete(null)));
    Socket mainSocket = manager.socket("/", s -> s.onConnect(() -> main.complete(null)));
    admin.get(10, TimeUnit.SECONDS);
    main.get(10, TimeUnit.SECONDS);
    String sid = manager.engine().id();
    assertThat(mainSocket.id()).isEqualTo(sid);
    assertThat(adminSocket.id()).isEqualTo("/admin#" + sid);
    assertThat(serverSaw)
        .contains("connection:/admin:/admin#" + sid + ":eio3:{\"from\":\"uri\",\"token\":\"t1\"}");
    assertThat(adminSocket.emitWithAck("echo", "x").get(10, TimeUnit.SECONDS))
        .hasToString("[\"x\"]");
    adminSocket.disconnect();
    await(() -> serverSaw.contains("disconnect:/admin:client namespace disconnect"));
    assertThat(mainSocket.emitWithAck("echo", "still").get(10, TimeUnit.SECONDS))
        .hasToString("[\"still\"]");
    manager.close();
    assertThat(manager.awaitReleased(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void theServerAsksAndTheClientAnswers() throws Exception {
    CompletableFuture<List<JsonNode>> answer = new CompletableFuture<>();
    Socket socket =
        SocketIoClient.connect(
            server.uri("/"),
            v2().build(),
            s -> {
              s.on(
                  "question",
                  (args, ack) -> ack.send("re:" + args.get(0).asText(), new byte[] {9}));
              s.on("answer", (args, ack) -> answer.complete(args));
            });
    socket.emit("ask", "why");
    List<JsonNode> args = answer.get(10, TimeUnit.SECONDS);
    assertThat(args.get(0).asText()).isEqualTo("re:why");
    assertThat(args.get(1).binaryValue()).containsExactly(9);
    socket.disconnect();
  }

  @Test
  void refusalsAreConnectErrorsWithTheStringOrTheData() throws Exception {
    CompletableFuture<ConnectError> plain = new CompletableFuture<>();
    Socket refused =
        SocketIoClient.connect(
            server.uri("/secure"),
            v2().query("token", "no").build(),
            s -> s.onConnectError(plain::complete));
    assertThat(plain.get(10, TimeUnit.SECONDS)).hasMessage("unauthorized");
    assertThat(plain.get().data()).isNull();
    assertThat(refused.active()).isFalse();

    CompletableFuture<ConnectError> withData = new CompletableFuture<>();
    SocketIoClient.connect(
        server.uri("/secure"),
        v2().query("token", "data").build(),
        s -> s.onConnectError(withData::complete));
    assertThat(withData.get(10, TimeUnit.SECONDS).data()).hasToString("{\"retry\":false}");
    assertThat(withData.get()).hasMessage("{\"retry\":false}");

    Socket allowed = connect(server.uri("/secure"), v2().query("token", "ok").build());
    assertThat(allowed.id()).startsWith("/secure#");
    allowed.disconnect();
  }

  @Test
  void theClientPingsAndTheServerKeepsTheSession() throws Exception {
    AtomicInteger pings = new AtomicInteger();
    List<String> disconnects = new CopyOnWriteArrayList<>();
    Socket socket =
        SocketIoClient.connect(
            server.uri("/"),
            v2().transports("websocket").build(),
            s -> {
              s.io().onPing(pings::incrementAndGet);
              s.onDisconnect(disconnects::add);
            });
    // the server (pingInterval 300 ms) closes a v3 session that does not ping for 2.3 s
    await(() -> pings.get() >= 12);
    assertThat(disconnects).isEmpty();
    assertThat(socket.emitWithAck("echo", "alive").get(10, TimeUnit.SECONDS))
        .hasToString("[\"alive\"]");
    socket.disconnect();
    await(() -> !disconnects.isEmpty());
    assertThat(disconnects).containsExactly("io client disconnect");
  }

  @Test
  void authIsRefusedWithV2() {
    assertThatThrownBy(() -> v2().auth(Map.of("token", "x")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auth is not supported by Socket.IO v2 servers");
    Manager manager = SocketIoClient.manager(server.uri("/"), v2().autoConnect(false).build());
    assertThatThrownBy(
            () -> manager.socket("/admin", ClientOptions.builder().auth(() -> Map.of()).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("send the values as query parameters");
  }
}
