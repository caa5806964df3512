package dev.sio.samples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.server.SocketIoServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The chat with two Java clients, and the application's own endpoint beside it. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"sio.port=0", "spring.main.banner-mode=off"})
@Timeout(60)
class ChatApplicationTests {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @LocalServerPort int port;
  @Autowired SocketIoServer io;
  @Autowired TestRestTemplate http;

  @Test
  void twoClientsJoinARoomAndTalk() throws Exception {
    Socket ann = connect();
    Socket bob = connect();
    try {
      CompletableFuture<JsonNode> bobHears = new CompletableFuture<>();
      bob.on("message", (args, ack) -> bobHears.complete(args.get(0)));
      JsonNode annJoined = ack(ann.emitWithAck("join", Map.of("room", "r1", "nickname", "ann")));
      assertThat(annJoined.get("members").toString()).isEqualTo("[\"ann\"]");
      JsonNode bobJoined = ack(bob.emitWithAck("join", Map.of("room", "r1", "nickname", "bob")));
      assertThat(bobJoined.get("members").toString()).isEqualTo("[\"ann\",\"bob\"]");

      JsonNode stored = ack(ann.emitWithAck("message", "  hello  "));
      assertThat(stored.get("text").asText()).isEqualTo("hello");
      JsonNode heard = bobHears.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(heard.get("from").asText()).isEqualTo("ann");
      assertThat(heard.get("text").asText()).isEqualTo("hello");

      @SuppressWarnings("unchecked")
      Map<String, Object> status = http.getForObject("/api/status", Map.class);
      assertThat(status).containsEntry("sockets", 2);
    } finally {
      ann.close();
      bob.close();
    }
  }

  @Test
  void thePageNamesWhereSocketIoAnswers() {
    String script = http.getForObject("/sio-origin.js", String.class);
    String expected = io.listener() == null ? "" : "http://localhost:" + io.port();
    assertThat(script).isEqualTo("window.SIO_ORIGIN = \"" + expected + "\";\n");
    assertThat(http.getForObject("/", String.class)).contains("<title>Sio chat</title>");
  }

  private Socket connect() throws Exception {
    int sioPort = io.listener() == null ? port : io.port();
    CompletableFuture<Void> connected = new CompletableFuture<>();
    Socket socket =
        SocketIoClient.connect(
            URI.create("http://127.0.0.1:" + sioPort),
            // the client's defaults: polling, then the upgrade
            ClientOptions.builder().transports("polling", "websocket").reconnection(false).build(),
            s -> s.onConnect(() -> connected.complete(null)));
    connected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    return socket;
  }

  private static JsonNode ack(CompletableFuture<List<JsonNode>> reply) throws Exception {
    return reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).get(0);
  }
}
