package dev.sio.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.engine.netty.HttpListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Engine.IO side of the fixture over long-polling, with the suites' exact settings. */
@Timeout(20)
class FixtureServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private HttpListener listener;
  private String base;

  @BeforeEach
  void start() {
    listener = FixtureServer.start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + listener.port() + "/engine.io/?EIO=4&transport=polling";
  }

  @AfterEach
  void stop() {
    listener.close();
  }

  @Test
  void handshakeHoldsExactlyTheSuitesSettings() throws Exception {
    HttpResponse<String> open = get(base);

    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.body()).startsWith("0");
    JsonNode handshake = new ObjectMapper().readTree(open.body().substring(1));
    List<String> keys =
        StreamSupport.stream(((Iterable<String>) handshake::fieldNames).spliterator(), false)
            .toList();
    assertThat(keys)
        .containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
    assertThat(handshake.get("upgrades").toString()).isEqualTo("[\"websocket\"]");
    assertThat(handshake.get("pingInterval").asInt()).isEqualTo(300);
    assertThat(handshake.get("pingTimeout").asInt()).isEqualTo(200);
    assertThat(handshake.get("maxPayload").asInt()).isEqualTo(1_000_000);
  }

  @Test
  void withWebTransportBothEndpointsOfferItOnceTheUdpSideListens() throws Exception {
    HttpListener wt = FixtureServer.start("127.0.0.1", 0, false, false, true);
    try (WebTransportLauncher launcher = new WebTransportLauncher()) {
      List<String> polling =
          List.of(
              "http://127.0.0.1:" + wt.port() + "/engine.io/?EIO=4&transport=polling",
              "http://127.0.0.1:" + wt.port() + "/socket.io/?EIO=4&transport=polling");
      for (String url : polling) {
        assertThat(get(url).body()).as(url).contains("\"upgrades\":[\"websocket\"]"); // no UDP
      }
      launcher.start(wt);
      for (String url : polling) {
        assertThat(get(url).body())
            .as(url)
            .contains("\"upgrades\":[\"websocket\",\"webtransport\"]");
      }
      assertThat(launcher.announcement())
          .startsWith("webtransport: udp 127.0.0.1:" + wt.port() + ", certificate sha-256 ")
          .contains(launcher.certificate().hashBase64())
          .contains("(" + launcher.certificate().hashHex() + ")")
          .endsWith("valid until " + launcher.certificate().notAfter());
    } finally {
      wt.close();
    }
  }

  @Test
  void engineIoV3IsServedOnlyWithAllowEio3() throws Exception {
    String v3 = "/engine.io/?EIO=3&transport=polling";
    assertThat(get("http://127.0.0.1:" + listener.port() + v3).statusCode()).isEqualTo(400);
    HttpListener withV3 = FixtureServer.start("127.0.0.1", 0, false, true);
    try {
      for (String path : List.of(v3, "/socket.io/?EIO=3&transport=polling")) {
        HttpResponse<String> open = get("http://127.0.0.1:" + withV3.port() + path);
        assertThat(open.statusCode()).as(path).isEqualTo(200);
        String body = open.body();
        int colon = body.indexOf(':');
        // a v3 record <length>:0{...}
        assertThat(body.substring(colon + 1)).startsWith("0{\"sid\":");
      }
    } finally {
      withV3.close();
    }
  }

  @Test
  void echoesTextAndBinaryAndSendsNothingElse() throws Exception {
    String sid = new ObjectMapper().readTree(get(base).body().substring(1)).get("sid").asText();
    String session = base + "&sid=" + sid;

    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create(session))
                .POST(HttpRequest.BodyPublishers.ofString("4hello\u001ebAQIDBA=="))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.body()).isEqualTo("ok");

    assertThat(get(session).body()).isEqualTo("4hello\u001ebAQIDBA==");
  }

  @Test
  void socketIoSuiteServerSharesTheListener() throws Exception {
    String socketIo = base.replace("/engine.io/", "/socket.io/");
    String sid = new ObjectMapper().readTree(get(socketIo).body().substring(1)).get("sid").asText();
    String session = socketIo + "&sid=" + sid;
    http.send(
        HttpRequest.newBuilder(URI.create(session))
            .POST(HttpRequest.BodyPublishers.ofString("40/custom,{\"token\":1}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    // the CONNECT answer holds only the sid, then "auth" echoes the CONNECT payload
    assertThat(get(session).body())
        .matches(
            "40/custom,\\{\"sid\":\"[\\w-]{20}\"\\}\u001e42/custom,\\[\"auth\",\\{\"token\":1\\}\\]");
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
