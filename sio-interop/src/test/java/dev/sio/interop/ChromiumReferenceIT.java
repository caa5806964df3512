package dev.sio.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Headless Chromium with the official browser client against Node's own socket.io server. */
@Timeout(120)
class ChromiumReferenceIT {

  @Test
  void browserClientEchoesThroughNodeServer() {
    try (NodeScript server = NodeScript.start("reference-server.js");
        Chromium browser = Chromium.launch()) {
      int port = server.await("listening", Duration.ofSeconds(15)).path("port").asInt();

      Chromium.Page page = browser.open("reference", "http://localhost:" + port + "/");
      page.waitFor("window.received.length === 1", Duration.ofSeconds(15));

      assertThat(page.evaluate("window.received[0]").toString())
          .isEqualTo("{\"text\":\"hello from the browser\",\"bytes\":[1,2,3]}");
      assertThat(server.await("received", Duration.ofSeconds(5)).path("args").toString())
          .isEqualTo("[\"hello from the browser\",{\"$bin\":\"AQID\"}]");
      Path shot = page.screenshot("chromium-reference-echo");
      assertThat(shot).exists();
      assertThat(shot.toFile().length()).isPositive();
      assertThat(Files.exists(shot)).isTrue();
    }
  }
}
