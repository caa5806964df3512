package dev.sio.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.testkit.Await;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * Boot's graceful shutdown with a long poll pending in the container: Sio's lifecycle stops first
 * and answers it, so the web server does not wait for it (Tomcat in the default run, Jetty in the
 * {@code jetty} execution).
 */
@Timeout(60)
class SioShutdownContainerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aPendingPollIsAnsweredAndTheGracefulShutdownDoesNotWaitForIt() {
    ServletWebServerApplicationContext context =
        (ServletWebServerApplicationContext)
            new SpringApplicationBuilder(App.class)
                .properties(
                    "server.address=127.0.0.1",
                    "server.port=0",
                    "server.shutdown=graceful",
                    "spring.lifecycle.timeout-per-shutdown-phase=20s",
                    "sio.ping-interval=30s",
                    "spring.main.banner-mode=off")
                .run();
    CompletableFuture<String> reason = new CompletableFuture<>();
    Socket socket = null;
    try {
      CompletableFuture<Void> connected = new CompletableFuture<>();
      socket =
          SocketIoClient.connect(
              URI.create("http://127.0.0.1:" + context.getWebServer().getPort()),
              ClientOptions.builder().transports("polling").reconnection(false).build(),
              s -> {
                s.onConnect(() -> connected.complete(null));
                s.onDisconnect(reason::complete);
              });
      Await.of(connected, WAIT);
      long start = System.nanoTime();
      context.close();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      // Held by the poll, the graceful phase would last until its 20 s timeout.
      assertThat(took).isLessThan(Duration.ofSeconds(10));
      // The client is disconnected at once by the close packet, as on Node and in sio.mode=netty.
      assertThat(Await.of(reason, WAIT)).isEqualTo("transport close");
    } finally {
      if (socket != null) {
        socket.close();
      }
      context.close();
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
