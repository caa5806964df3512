package dev.sio.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.server.SocketIoServer;
import dev.sio.testkit.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sio inside Boot's embedded container, on its port and under its context path: Tomcat 10.1 in the
 * default run, Jetty 12.0 in the {@code jetty} execution (the same class, another class path).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "server.servlet.context-path=/app",
      "server.shutdown=graceful",
      "sio.ping-interval=30s"
    })
@Timeout(60)
class SioServletContainerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @LocalServerPort int port;
  @Autowired SocketIoServer io;
  @Autowired ServletWebServerApplicationContext context;

  @Test
  void theContainerIsTheExpectedOneAndSioHasNoPortOfItsOwn() {
    String expected = System.getProperty("sio.expected.container", "tomcat");
    assertThat(context.getWebServer().getClass().getSimpleName().toLowerCase())
        .startsWith(expected);
    assertThat(io.listener()).isNull();
    assertThat(io.options().path()).isEqualTo("/app/socket.io/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "polling,websocket"})
  void clientsConnectOnTheApplicationsPortBesideItsController(String transports) throws Exception {
    Socket socket = connect(transports.split(","));
    try {
      List<JsonNode> reply = Await.of(socket.emitWithAck("echo", "hi", new byte[] {1, 2}), WAIT);
      assertThat(reply.get(0).asText()).isEqualTo("hi");
      assertThat(reply.get(1).binaryValue()).containsExactly(1, 2);
      HttpResponse<String> hello = get("/app/hello");
      assertThat(hello.statusCode()).isEqualTo(200);
      assertThat(hello.body()).isEqualTo("hello from the application");
    } finally {
      socket.close();
    }
  }

  @Test
  void theBrowserClientIsServedUnderTheContextPathAndOtherPathsPassOn() throws Exception {
    HttpResponse<String> bundle = get("/app/socket.io/socket.io.js");
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.body()).contains("Socket.IO");
    assertThat(get("/app/missing").statusCode()).isEqualTo(404);
  }

  private Socket connect(String... transports) {
    CompletableFuture<Void> connected = new CompletableFuture<>();
    Socket socket =
        SocketIoClient.connect(
            URI.create("http://127.0.0.1:" + port),
            ClientOptions.builder()
                .path("/app/socket.io/")
                .transports(transports)
                .reconnection(false)
                .build(),
            s -> s.onConnect(() -> connected.complete(null)));
    Await.of(connected, WAIT);
    return socket;
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    SioConnectionHandler echo() {
      return socket -> socket.on("echo", (args, ack) -> ack.send(args.toArray()));
    }

    @Bean
    HelloController hello() {
      return new HelloController();
    }
  }

  @RestController
  static class HelloController {
    @GetMapping("/hello")
    String hello() {
      return "hello from the application";
    }
  }
}
