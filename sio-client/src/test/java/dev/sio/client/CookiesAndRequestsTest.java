package dev.sio.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the polling transport puts on the wire: path, query, timestamps and cookies. */
@Timeout(30)
class CookiesAndRequestsTest {
  private static Socket connect(FakeEngineServer server, ClientOptions options) throws Exception {
    CompletableFuture<Void> connected = new CompletableFuture<>();
    Socket socket =
        SocketIoClient.connect(
            server.uri().resolve("/?room=a%20b"),
            options,
            s -> s.onConnect(() -> connected.complete(null)));
    connected.get(10, TimeUnit.SECONDS);
    return socket;
  }

  @Test
  void cookiesAreKeptWithCredentials() throws Exception {
    try (FakeEngineServer server = new FakeEngineServer(25000, 20000)) {
      Socket socket = connect(server, ClientOptions.builder().withCredentials(true).build());
      socket.disconnect();
      Thread.sleep(200);
      assertThat(server.cookies()).isNotEmpty().allMatch("lb=node-1"::equals);
    }
  }

  @Test
  void cookiesAreNotSentByDefault() throws Exception {
    try (FakeEngineServer server = new FakeEngineServer(25000, 20000)) {
      Socket socket = connect(server, ClientOptions.DEFAULTS);
      socket.disconnect();
      Thread.sleep(200);
      assertThat(server.cookies()).isEmpty();
    }
  }

  @Test
  void requestsCarryPathQueryAndTimestamps() throws Exception {
    try (FakeEngineServer server = new FakeEngineServer(25000, 20000)) {
      Socket socket =
          connect(
              server,
              ClientOptions.builder()
                  .path("/custom")
                  .query("token", "x y")
                  .timestampParam("ts")
                  .build());
      socket.disconnect();
      Thread.sleep(200);
      String handshake = server.requests().get(0);
      assertThat(handshake)
          .matches("GET /custom/\\?room=a%20b&token=x%20y&EIO=4&transport=polling&ts=[0-9a-z]+");
      assertThat(server.requests().get(1))
          .matches(
              "(GET|POST) /custom/\\?room=a%20b&token=x%20y&EIO=4&transport=polling&ts=[0-9a-z]+&sid=fake-sid");
      // CONNECT, then DISCONNECT and the Engine.IO close packet
      assertThat(server.bodies()).contains("40");
      assertThat(String.join("|", server.bodies())).contains("41").endsWith("1");
    }
  }
}
