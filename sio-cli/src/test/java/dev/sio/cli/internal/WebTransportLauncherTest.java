package dev.sio.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code sio demo --webtransport}: the page learns the certificate's hash at {@code
 * /webtransport.json}, and the chat's polling handshake offers the upgrade to WebTransport.
 */
@Timeout(20)
class WebTransportLauncherTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private DemoServer demo;

  @AfterEach
  void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.port() + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theDemoServesItsCertificatesHashAndOffersTheUpgrade() throws Exception {
    demo = DemoServer.start("127.0.0.1", 0, null, null, null, false, false, true);
    HttpResponse<String> hash = get(WebTransportLauncher.PATH);
    assertThat(hash.statusCode()).isEqualTo(200);
    assertThat(hash.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(hash.body())
        .isEqualTo("{\"hash\":\"" + demo.webTransport().certificate().hashBase64() + "\"}");
    assertThat(get("/socket.io/?EIO=4&transport=polling").body())
        .contains("\"upgrades\":[\"websocket\",\"webtransport\"]");
    assertThat(demo.webTransport().announcement()).contains("udp 127.0.0.1:" + demo.port());
  }

  @Test
  void withoutTheFlagThereIsNoHashAndNoUpgrade() throws Exception {
    demo = DemoServer.start("127.0.0.1", 0, null);
    assertThat(get(WebTransportLauncher.PATH).statusCode()).isEqualTo(404);
    assertThat(demo.webTransport()).isNull();
    assertThat(get("/socket.io/?EIO=4&transport=polling").body())
        .contains("\"upgrades\":[\"websocket\"]");
  }
}
