package dev.sio.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sio demo --admin ops:pw --metrics}: the admin UI and the Prometheus endpoint. */
@Timeout(60)
class DemoAdminMetricsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private DemoServer demo;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void start() {
    demo = DemoServer.start("127.0.0.1", 0, null, "ops", "pw", true, false);
  }

  @AfterEach
  void stop() {
    sockets.forEach(Socket::close);
    demo.close();
  }

  /** A client of {@code nsp} whose listeners {@code setup} adds before it connects. */
  private Socket connect(String nsp, Object auth, Consumer<Socket> setup) {
    ClientOptions.Builder o = ClientOptions.builder().transports("websocket").reconnection(false);
    if (auth != null) {
      o.auth(auth);
    }
    Socket s =
        SocketIoClient.connect(
            URI.create("http://127.0.0.1:" + demo.port() + nsp), o.build(), setup);
    sockets.add(s);
    return s;
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  @Test
  void adminUiSeesTheChatAndMetricsCountIt() throws Exception {
    CompletableFuture<Void> userUp = new CompletableFuture<>();
    Socket user = connect("/", null, s -> s.onConnect(() -> userUp.complete(null)));
    userUp.get(5, TimeUnit.SECONDS);
    JsonNode joined =
        user.emitWithAck("join", Map.of("room", "lobby", "nickname", "ann"))
            .get(5, TimeUnit.SECONDS)
            .get(0);
    assertThat(joined.get("room").asText()).isEqualTo("lobby");

    CompletableFuture<JsonNode> all = new CompletableFuture<>();
    CompletableFuture<Void> adminUp = new CompletableFuture<>();
    connect(
        "/admin",
        Map.of("username", "ops", "password", "pw"),
        s -> {
          s.onConnect(() -> adminUp.complete(null));
          s.on("all_sockets", (args, ack) -> all.complete(args.get(0)));
        });
    adminUp.get(5, TimeUnit.SECONDS);
    JsonNode mine = null;
    for (JsonNode s : all.get(5, TimeUnit.SECONDS)) {
      if (s.get("id").asText().equals(user.id())) {
        mine = s;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.get("rooms").toString()).contains("\"lobby\"");

    CompletableFuture<String> refused = new CompletableFuture<>();
    connect(
        "/admin",
        Map.of("username", "ops", "password", "nope"),
        s -> s.onConnectError(e -> refused.complete(e.getMessage())));
    assertThat(refused.get(5, TimeUnit.SECONDS)).isEqualTo("invalid credentials");

    assertThat(get("/admin/")).contains("Socket.IO Admin UI");
    String metrics = get("/metrics");
    assertThat(metrics)
        .contains("sio_sockets_connected{namespace=\"/\"} 1")
        .contains("sio_sockets_connected{namespace=\"/admin\"} 1")
        .contains("# TYPE sio_events_received_total counter");
    assertThat(get("/")).contains("<html"); // the chat page is still there
  }
}
