package dev.sio.interop.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.ClientOptions;
import dev.sio.client.ConnectError;
import dev.sio.client.Manager;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.interop.NodeScript;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Sio client against Node's socket.io 4.8 server: transports, namespaces, auth, errors. */
@Timeout(60)
class NodeServerConnectionIT {
  static final Duration WAIT = Duration.ofSeconds(10);

  private NodeScript server;
  private URI uri;
  private final Recorder recorder = new Recorder();

  @BeforeEach
  void start() {
    server = NodeScript.start("client/server.js", "{}");
    uri = URI.create("http://127.0.0.1:" + server.await("listening", WAIT).path("port").asInt());
  }

  @AfterEach
  void stop() {
    server.close();
    assertThat(recorder.rest()).as("unexpected client events").isEmpty();
  }

  private Socket watch(Socket socket) {
    socket.onConnect(() -> recorder.add("connect:" + socket.namespace()));
    socket.onDisconnect(reason -> recorder.add("disconnect:" + socket.namespace() + ":" + reason));
    socket.onConnectError(e -> recorder.add("connect_error:" + e.getMessage()));
    return socket;
  }

  @Test
  void connectsOverPollingThenUpgradesToWebSocket() throws Exception {
    Socket socket =
        SocketIoClient.connect(
            uri,
            ClientOptions.builder()
                .auth(Map.of("token", "abc"))
                .query("custom", "q1")
                .extraHeader("x-custom", "h1")
                .build(),
            this::watch);
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    JsonNode connection = server.await("connection", WAIT);
    assertThat(connection.path("id").asText()).isEqualTo(socket.id());
    assertThat(connection.path("transport").asText()).isEqualTo("polling");
    assertThat(connection.path("auth").toString()).isEqualTo("{\"token\":\"abc\"}");
    assertThat(connection.path("query").asText()).isEqualTo("q1");
    assertThat(connection.path("header").asText()).isEqualTo("h1");
    assertThat(server.await("upgrade", WAIT).path("transport").asText()).isEqualTo("websocket");
    assertThat(socket.emitWithAck("echo", "after upgrade").get(10, TimeUnit.SECONDS).toString())
        .isEqualTo("[\"after upgrade\"]");
    assertThat(socket.io().transport()).isEqualTo("websocket");
    socket.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io client disconnect");
    assertThat(server.await("disconnect", WAIT).path("reason").asText())
        .isEqualTo("client namespace disconnect");
    assertThat(socket.io().transport()).isNull();
  }

  @Test
  void connectsWithWebSocketOnly() throws Exception {
    Socket socket =
        SocketIoClient.connect(
            uri, ClientOptions.builder().transports("websocket").build(), this::watch);
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    assertThat(server.await("connection", WAIT).path("transport").asText()).isEqualTo("websocket");
    assertThat(socket.emitWithAck("echo", 1).get(10, TimeUnit.SECONDS).toString()).isEqualTo("[1]");
    socket.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io client disconnect");
  }

  @Test
  void staysOnPollingWithoutUpgrade() throws Exception {
    Socket socket =
        SocketIoClient.connect(uri, ClientOptions.builder().upgrade(false).build(), this::watch);
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    for (int i = 0; i < 20; i++) {
      assertThat(socket.emitWithAck("echo", i).get(10, TimeUnit.SECONDS).get(0).asInt())
          .isEqualTo(i);
    }
    assertThat(socket.io().transport()).isEqualTo("polling");
    socket.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io client disconnect");
  }

  @Test
  void namespacesShareOneConnection() throws Exception {
    Manager manager = SocketIoClient.manager(uri, ClientOptions.DEFAULTS);
    Socket main = manager.socket("/", this::watch);
    Socket admin = manager.socket("/admin", this::watch);
    List<String> connects = List.of(recorder.next(WAIT), recorder.next(WAIT));
    assertThat(connects).containsExactlyInAnyOrder("connect:/", "connect:/admin");
    assertThat(main.id()).isNotEqualTo(admin.id());
    JsonNode first = server.await("connection", WAIT);
    JsonNode second = server.await("connection", WAIT);
    assertThat(List.of(first.path("nsp").asText(), second.path("nsp").asText()))
        .containsExactlyInAnyOrder("/", "/admin");
    assertThat(admin.emitWithAck("echo", "admin").get(10, TimeUnit.SECONDS).toString())
        .isEqualTo("[\"admin\"]");
    admin.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/admin:io client disconnect");
    // the connection stays for "/"
    assertThat(main.emitWithAck("echo", "main").get(10, TimeUnit.SECONDS).toString())
        .isEqualTo("[\"main\"]");
    manager.close();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io client disconnect");
  }

  @Test
  void middlewareRefusalGivesConnectErrorWithMessageAndData() throws Exception {
    CompletableFuture<ConnectError> refused = new CompletableFuture<>();
    Socket socket =
        SocketIoClient.connect(
            uri.resolve("/secure"),
            ClientOptions.builder().auth(Map.of("token", "bad")).build(),
            s -> s.onConnectError(refused::complete));
    ConnectError error = refused.get(10, TimeUnit.SECONDS);
    assertThat(error.getMessage()).isEqualTo("unauthorized");
    assertThat(error.data().toString()).isEqualTo("{\"retry\":false}");
    assertThat(socket.connected()).isFalse();
    assertThat(socket.active()).isFalse(); // no automatic retry after a refusal, as in Node

    Socket allowed =
        SocketIoClient.connect(
            uri.resolve("/secure"),
            ClientOptions.builder().auth(() -> Map.of("token", "ok")).build(),
            this::watch);
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/secure");
    allowed.disconnect();
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/secure:io client disconnect");
  }

  @Test
  void serverDisconnectIsFinal() throws Exception {
    Socket socket = SocketIoClient.connect(uri, ClientOptions.DEFAULTS, this::watch);
    assertThat(recorder.next(WAIT)).isEqualTo("connect:/");
    socket.emit("disconnect-me");
    assertThat(recorder.next(WAIT)).isEqualTo("disconnect:/:io server disconnect");
    assertThat(socket.active()).isFalse();
    Thread.sleep(1500); // longer than the first reconnection delay: nothing happens
    assertThat(socket.connected()).isFalse();
  }

  @Test
  void aRefusedConnectionReportsTheTransportError() throws Exception {
    server.close();
    Socket socket =
        SocketIoClient.connect(
            uri, ClientOptions.builder().reconnection(false).build(), this::watch);
    assertThat(recorder.next(WAIT)).isEqualTo("connect_error:xhr poll error");
    socket.disconnect();
  }
}
