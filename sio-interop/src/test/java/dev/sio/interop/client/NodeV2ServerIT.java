package dev.sio.interop.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.client.ClientOptions;
import dev.sio.client.ClientProtocol;
import dev.sio.client.Manager;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.interop.NodeScript;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Sio client with {@link ClientProtocol#V2} against Node's socket.io <b>2.5.0</b> server
 * (engine.io 3.6, Engine.IO v3): transports and the upgrade, namespaces, events and acks both ways,
 * binary, rooms, refusals, server disconnects, reconnection and the client-driven heartbeat.
 */
@Timeout(90)
class NodeV2ServerIT {
  static final Duration WAIT = Duration.ofSeconds(15);

  private final List<NodeScript> servers = new ArrayList<>();
  private final Recorder recorder = new Recorder();

  @AfterEach
  void stop() {
    servers.forEach(NodeScript::close);
    assertThat(recorder.rest()).as("unexpected client events").isEmpty();
  }

  private URI start(String options) {
    NodeScript server = NodeScript.start("client/server-v2.js", options);
    servers.add(server);
    return URI.create("http://127.0.0.1:" + server.await("listening", WAIT).path("port").asInt());
  }

  private NodeScript server() {
    return servers.get(servers.size() - 1);
  }

  private static ClientOptions.Builder v2() {
    return ClientOptions.builder()
        .protocol(ClientProtocol.V2)
        .reconnectionDelay(Duration.ofMillis(100))
        .reconnectionDelayMax(Duration.ofMillis(300));
  }

  /** Records connect, disconnect and connect_error of {@code socket} as "kind:nsp[:detail]". */
  private Consumer<Socket> watch() {
    return socket -> {
      socket.onConnect(() -> recorder.add("connect:" + socket.namespace()));
      socket.onDisconnect(r -> recorder.add("disconnect:" + socket.namespace() + ":" + r));
      socket.onConnectError(
          e -> recorder.add("connect_error:" + socket.namespace() + ":" + e.getMessage()));
    };
  }

  private static String bin(JsonNode node) {
    return node.path("$bin").asText();
  }

  @Test
  void connectsOverPollingThenUpgradesToWebSocket() throws Exception {
    URI uri = start("{}");
    Socket socket =
        SocketIoClient.connect(
            uri, v2().query("custom", "q1").extraHeader("x-custom", "h1").build(), watch());
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    JsonNode connection = server().await("connection", WAIT);
    assertThat(connection.path("id").asText())
        .isEqualTo(socket.id())
        .isEqualTo(socket.io().engine().id());
    assertThat(connection.path("transport").asText()).isEqualTo("polling");
    assertThat(connection.path("query").path("custom").asText()).isEqualTo("q1");
    assertThat(connection.path("query").path("EIO").asText()).isEqualTo("3");
    assertThat(connection.path("header").asText()).isEqualTo("h1");
    assertThat(server().await("upgrade", WAIT).path("transport").asText()).isEqualTo("websocket");
    assertThat(socket.emitWithAck("echo", "after upgrade").get(10, TimeUnit.SECONDS))
        .hasToString("[\"after upgrade\"]");
    assertThat(socket.io().transport()).isEqualTo("websocket");
    socket.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io client disconnect");
    assertThat(server().await("disconnect", WAIT).path("reason").asText())
        .isEqualTo("client namespace disconnect");
  }

  @Test
  void webSocketOnlyCarriesBinaryBothWays() throws Exception {
    URI uri = start("{}");
    Socket socket =
        SocketIoClient.connect(
            uri,
            v2().transports("websocket").build(),
            watch()
                .andThen(
                    s -> s.on("echo-event", (args, ack) -> recorder.add("echo-event:" + args))));
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    assertThat(server().await("connection", WAIT).path("transport").asText())
        .isEqualTo("websocket");
    byte[] payload = {1, 2, 3, (byte) 255};
    List<JsonNode> reply = socket.emitWithAck("echo", "text", payload).get(10, TimeUnit.SECONDS);
    assertThat(reply.get(0).asText()).isEqualTo("text");
    assertThat(reply.get(1).binaryValue()).isEqualTo(payload);
    JsonNode received = server().await("received", WAIT);
    assertThat(received.path("name").asText()).isEqualTo("echo");
    assertThat(bin(received.path("args").get(1))).isEqualTo("AQID/w==");
    assertThat(received.path("ack").asBoolean()).isTrue();
    socket.emit("echo-event", new byte[] {7}, "x");
    assertThat(recorder.next(WAIT)).isEqualTo("echo-event:[\"Bw==\", \"x\"]");
    server().await("received", WAIT);
    socket.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io client disconnect");
  }

  @Test
  void pollingOnlyCarriesBinaryPayloads() throws Exception {
    URI uri = start("{}");
    List<byte[]> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    Socket socket =
        SocketIoClient.connect(
            uri,
            v2().upgrade(false).build(),
            watch()
                .andThen(
                    s ->
                        s.on(
                            "echo-event",
                            (args, ack) -> {
                              try {
                                events.add(args.get(0).binaryValue());
                              } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                              }
                            })));
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    for (int i = 0; i < 20; i++) {
      byte[] data = {(byte) i, (byte) (i * 7)};
      List<JsonNode> reply = socket.emitWithAck("echo", i, data).get(10, TimeUnit.SECONDS);
      assertThat(reply.get(0).asInt()).isEqualTo(i);
      assertThat(reply.get(1).binaryValue()).isEqualTo(data);
    }
    byte[] big = new byte[100_000];
    big[99_999] = 42;
    socket.emit("echo-event", (Object) big);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (events.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).isEqualTo(big);
    assertThat(socket.io().transport()).isEqualTo("polling");
    socket.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io client disconnect");
  }

  @Test
  void namespacesShareOneConnectionWithTheirQuery() throws Exception {
    URI uri = start("{}");
    Manager manager = SocketIoClient.manager(uri, v2().query("token", "t1").build());
    Socket admin = manager.socket("/admin", watch());
    Socket main = manager.socket("/", watch());
    List<String> connects = List.of(recorder.next(WAIT), recorder.next(WAIT));
    assertThat(connects).containsExactlyInAnyOrder("connect:/", "connect:/admin");
    String sid = manager.engine().id();
    assertThat(main.id()).isEqualTo(sid);
    assertThat(admin.id()).isEqualTo("/admin#" + sid);
    JsonNode first = server().await("connection", WAIT);
    JsonNode second = server().await("connection", WAIT);
    JsonNode adminConnection = "/admin".equals(first.path("nsp").asText()) ? first : second;
    assertThat(adminConnection.path("id").asText()).isEqualTo(admin.id());
    assertThat(adminConnection.path("query").path("token").asText()).isEqualTo("t1");
    assertThat(admin.emitWithAck("echo", "admin").get(10, TimeUnit.SECONDS))
        .hasToString("[\"admin\"]");
    admin.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/admin:io client disconnect");
    assertThat(server().await("disconnect", WAIT).path("nsp").asText()).isEqualTo("/admin");
    assertThat(main.emitWithAck("echo", "main").get(10, TimeUnit.SECONDS))
        .hasToString("[\"main\"]");
    // joining a namespace again on the same connection
    admin.connect();
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/admin");
    assertThat(admin.id()).isEqualTo("/admin#" + sid);
    assertThat(server().await("connection", WAIT).path("id").asText()).isEqualTo(admin.id());
    manager.close();
    assertThat(List.of(recorder.next(WAIT), recorder.next(WAIT)))
        .containsExactlyInAnyOrder(
            "disconnect:/:io client disconnect", "disconnect:/admin:io client disconnect");
  }

  @Test
  void acknowledgementsBothWays() throws Exception {
    URI uri = start("{}");
    Socket socket =
        SocketIoClient.connect(
            uri,
            v2().build(),
            watch()
                .andThen(
                    s -> {
                      s.on(
                          "question",
                          (args, ack) -> ack.send("re:" + args.get(0).asText(), new byte[] {9, 8}));
                      s.on("answer", (args, ack) -> recorder.add("answer:" + args));
                    }));
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    assertThat(socket.emitWithAck("echo", 1, "two", null).get(10, TimeUnit.SECONDS))
        .hasToString("[1, \"two\", null]");
    socket.emit("ask", "why");
    assertThat(recorder.next(WAIT)).isEqualTo("answer:[\"re:why\", \"CQg=\"]");
    socket.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io client disconnect");
  }

  @Test
  void roomsAndBroadcastsAreReceived() throws Exception {
    URI uri = start("{}");
    Consumer<Socket> listen =
        s -> {
          s.on("broadcast", (args, ack) -> recorder.add("broadcast:" + s.id() + ":" + args));
          s.on("news", (args, ack) -> recorder.add("news:" + s.id() + ":" + args));
        };
    Socket a = SocketIoClient.connect(uri, v2().build(), watch().andThen(listen));
    Socket b = SocketIoClient.connect(uri, v2().build(), watch().andThen(listen));
    assertThat(List.of(recorder.next(WAIT), recorder.next(WAIT)))
        .containsExactly("connect:/", "connect:/");
    a.emitWithAck("join", "room1").get(10, TimeUnit.SECONDS);
    b.emit("broadcast", "room1", "hello", new byte[] {5});
    assertThat(recorder.next(WAIT)).isEqualTo("broadcast:" + a.id() + ":[\"hello\", \"BQ==\"]");
    ObjectNode toRoom = NodeScript.command("emit").put("room", "room1").put("event", "news");
    toRoom.putArray("args").add("room only");
    server().send(toRoom);
    assertThat(recorder.next(WAIT)).isEqualTo("news:" + a.id() + ":[\"room only\"]");
    ObjectNode toAll = NodeScript.command("emit").put("event", "news");
    toAll.putArray("args").add("everyone");
    server().send(toAll);
    assertThat(List.of(recorder.next(WAIT), recorder.next(WAIT)))
        .containsExactlyInAnyOrder(
            "news:" + a.id() + ":[\"everyone\"]", "news:" + b.id() + ":[\"everyone\"]");
    String aId = a.id();
    String bId = b.id();
    a.disconnect();
    b.disconnect();
    assertThat(List.of(recorder.next(WAIT), recorder.next(WAIT)))
        .containsExactly("disconnect:/:io client disconnect", "disconnect:/:io client disconnect");
    assertThat(aId).isNotEqualTo(bId);
  }

  @Test
  void refusalsAndUnknownNamespacesAreConnectErrors() throws Exception {
    URI uri = start("{}");
    Socket plain =
        SocketIoClient.connect(uri.resolve("/secure"), v2().query("token", "no").build(), watch());
    assertThat(recorder.next(WAIT)).isEqualTo("connect_error:/secure:unauthorized");
    assertThat(plain.active()).isFalse();

    java.util.concurrent.CompletableFuture<dev.sio.client.ConnectError> withData =
        new java.util.concurrent.CompletableFuture<>();
    SocketIoClient.connect(
        uri.resolve("/secure"),
        v2().query("token", "data").build(),
        s -> s.onConnectError(withData::complete));
    assertThat(withData.get(10, TimeUnit.SECONDS).data()).hasToString("{\"retry\":false}");

    Socket missing = SocketIoClient.connect(uri.resolve("/nope"), v2().build(), watch());
    assertThat(recorder.next(WAIT)).isEqualTo("connect_error:/nope:Invalid namespace");
    assertThat(missing.active()).isFalse();

    Socket allowed =
        SocketIoClient.connect(uri.resolve("/secure"), v2().query("token", "ok").build(), watch());
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/secure");
    assertThat(allowed.id()).startsWith("/secure#");
    allowed.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/secure:io client disconnect");
  }

  @Test
  void aServerDisconnectIsNotRetried() throws Exception {
    URI uri = start("{}");
    Socket socket = SocketIoClient.connect(uri, v2().build(), watch());
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    socket.emit("disconnect-me");
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io server disconnect");
    assertThat(socket.active()).isFalse();
    assertThat(server().await("disconnect", WAIT).path("reason").asText())
        .isEqualTo("server namespace disconnect");
  }

  @Test
  void reconnectsAfterTheServerDropsTheConnection() throws Exception {
    URI uri = start("{}");
    Socket socket =
        SocketIoClient.connect(
            uri,
            v2().build(),
            watch()
                .andThen(
                    s -> {
                      s.io().onReconnectAttempt(n -> recorder.add("reconnect_attempt:" + n));
                      s.io().onReconnect(n -> recorder.add("reconnect:" + n));
                    }));
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    String firstId = socket.id();
    server().await("upgrade", WAIT);
    socket.emit("drop-transport");
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:transport close");
    assertThat(recorder.next(WAIT)).isEqualTo("reconnect_attempt:1");
    assertThat(recorder.next(WAIT)).isEqualTo("reconnect:1");
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    assertThat(socket.id()).isNotEqualTo(firstId).isEqualTo(socket.io().engine().id());
    assertThat(socket.recovered()).isFalse();
    assertThat(socket.emitWithAck("echo", "back").get(10, TimeUnit.SECONDS))
        .hasToString("[\"back\"]");
    socket.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io client disconnect");
  }

  @Test
  void theClientPingsAndLeavesAServerThatStopsAnswering() throws Exception {
    URI uri = start("{\"pingInterval\":200,\"pingTimeout\":400}");
    java.util.concurrent.atomic.AtomicInteger pings =
        new java.util.concurrent.atomic.AtomicInteger();
    Socket socket =
        SocketIoClient.connect(
            uri,
            v2().transports("websocket").reconnection(false).build(),
            watch().andThen(s -> s.io().onPing(pings::incrementAndGet)));
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    // the server closes a session without pings after pingInterval + pingTimeout (600 ms)
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (pings.get() < 8 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(pings.get()).isGreaterThanOrEqualTo(8);
    assertThat(socket.connected()).isTrue();
    socket.emitWithAck("mute-pongs").get(10, TimeUnit.SECONDS);
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:ping timeout");
    assertThat(socket.connected()).isFalse();
  }

  @Test
  void joiningTheMainNamespaceAgainOnAnOpenConnection() throws Exception {
    URI uri = start("{}");
    Manager manager = SocketIoClient.manager(uri, v2().build());
    Socket main = manager.socket("/", watch());
    Socket admin = manager.socket("/admin", watch());
    assertThat(List.of(recorder.next(WAIT), recorder.next(WAIT)))
        .containsExactlyInAnyOrder("connect:/", "connect:/admin");
    main.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io client disconnect");
    assertThat(server().await("disconnect", WAIT).path("nsp").asText()).isEqualTo("/");
    // a 2.x server joins "/" only at the handshake (and would not answer a CONNECT for it)
    main.connect();
    assertThat(recorder.next(WAIT))
        .isEqualTo(
            "connect_error:/:a Socket.IO 2.x server joins \"/\" only at the handshake: it cannot be"
                + " joined again on a connection where it was left (disconnect the manager's other"
                + " sockets first, or use another manager)");
    assertThat(main.active()).isFalse();
    assertThat(admin.emitWithAck("echo", "still").get(10, TimeUnit.SECONDS))
        .hasToString("[\"still\"]");
    String firstSession = manager.engine().id();
    admin.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/admin:io client disconnect");
    // a new connection joins "/" again
    main.connect();
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    assertThat(main.id()).isEqualTo(manager.engine().id()).isNotEqualTo(firstSession);
    assertThat(main.emitWithAck("echo", "again").get(10, TimeUnit.SECONDS))
        .hasToString("[\"again\"]");
    manager.close();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io client disconnect");
  }

  @Test
  void aRefusalOfTheMainNamespaceReachesEveryNamespace() throws Exception {
    URI uri = start("{\"refuseMain\":true}");
    Manager manager = SocketIoClient.manager(uri, v2().reconnection(false).build());
    Socket admin = manager.socket("/admin", watch());
    // the server holds "/admin" back until "/" is joined, which it refused
    assertThat(recorder.next(WAIT)).isEqualTo("connect_error:/admin:main refused");
    assertThat(admin.active()).isFalse();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (manager.transport() != null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(manager.transport()).as("the connection closes with its last socket").isNull();
  }

  @Test
  void anErrorWhileConnectedGoesToTheManager() throws Exception {
    URI uri = start("{}");
    java.util.concurrent.CompletableFuture<Throwable> error =
        new java.util.concurrent.CompletableFuture<>();
    Socket socket =
        SocketIoClient.connect(
            uri, v2().build(), watch().andThen(s -> s.io().onError(error::complete)));
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    socket.emit("error-me", "oops");
    assertThat(error.get(10, TimeUnit.SECONDS))
        .isInstanceOf(dev.sio.client.ConnectError.class)
        .hasMessage("oops");
    assertThat(socket.connected()).isTrue();
    assertThat(socket.emitWithAck("echo", 1).get(10, TimeUnit.SECONDS)).hasToString("[1]");
    socket.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io client disconnect");
  }

  @Test
  void aDefaultClientIsToldTheServerIsV2() throws Exception {
    URI uri = start("{}");
    java.util.concurrent.CompletableFuture<dev.sio.client.ConnectError> polling =
        new java.util.concurrent.CompletableFuture<>();
    Socket socket =
        SocketIoClient.connect(
            uri,
            ClientOptions.builder().reconnection(false).build(),
            s -> s.onConnectError(polling::complete));
    dev.sio.client.ConnectError error = polling.get(10, TimeUnit.SECONDS);
    assertThat(error).hasMessage("xhr poll error");
    assertThat(error)
        .rootCause()
        .hasMessageContaining("it is a Socket.IO 2.x server")
        .hasMessageContaining("protocol(ClientProtocol.V2)");
    socket.disconnect();

    java.util.concurrent.CompletableFuture<dev.sio.client.ConnectError> websocket =
        new java.util.concurrent.CompletableFuture<>();
    Socket ws =
        SocketIoClient.connect(
            uri,
            ClientOptions.builder().transports("websocket").reconnection(false).build(),
            s -> s.onConnectError(websocket::complete));
    assertThat(websocket.get(10, TimeUnit.SECONDS).getMessage())
        .startsWith(
            "It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client");
    ws.disconnect();
  }

  @Test
  void aMainSocketCreatedLaterTakesTheJoinTheServerMadeAtTheHandshake() throws Exception {
    URI uri = start("{}");
    Manager manager = SocketIoClient.manager(uri, v2().build());
    Socket admin = manager.socket("/admin", watch());
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/admin");
    // the server joined "/" at the handshake and said so with "40": no CONNECT is sent for it
    Socket main = manager.socket("/", watch());
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    assertThat(main.id()).isEqualTo(manager.engine().id());
    assertThat(main.emitWithAck("echo", "late").get(10, TimeUnit.SECONDS))
        .hasToString("[\"late\"]");
    List<JsonNode> connections =
        List.of(server().await("connection", WAIT), server().await("connection", WAIT));
    assertThat(connections).extracting(c -> c.path("nsp").asText()).containsExactly("/", "/admin");
    assertThat(admin.connected()).isTrue();
    manager.close();
    assertThat(List.of(recorder.next(WAIT), recorder.next(WAIT)))
        .containsExactlyInAnyOrder(
            "disconnect:/:io client disconnect", "disconnect:/admin:io client disconnect");
    // one server socket per namespace: "/" was not joined a second time
    assertThat(List.of(server().await("disconnect", WAIT), server().await("disconnect", WAIT)))
        .extracting(d -> d.path("nsp").asText())
        .containsExactlyInAnyOrder("/", "/admin");
    assertThat(server().pending()).noneMatch(l -> "connection".equals(l.path("event").asText()));
  }
}
