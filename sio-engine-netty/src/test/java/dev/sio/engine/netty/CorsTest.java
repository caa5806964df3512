package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CorsTest {
  private EngineTestServer server;
  private final HttpClient http = EngineClients.http();

  @AfterEach
  void tearDown() {
    server.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(
        b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> preflight(String origin, String requestHeaders) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri("EIO=4&transport=polling"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST");
    if (requestHeaders != null) {
      b.header("Access-Control-Request-Headers", requestHeaders);
    }
    return send(b);
  }

  @Test
  void anyOriginAnswersStarOnEveryResponse() throws Exception {
    server =
        new EngineTestServer(EngineOptions.builder().cors(CorsOptions.anyOrigin()).build(), true);
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(server.uri("EIO=4&transport=polling"))
                .header("Origin", "https://a.example"));
    assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
    assertThat(r.headers().firstValue("vary")).isEmpty();
    HttpResponse<String> error =
        send(
            HttpRequest.newBuilder(server.uri("EIO=4&transport=nope"))
                .header("Origin", "https://a.example"));
    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.headers().firstValue("access-control-allow-origin")).hasValue("*");
  }

  @Test
  void preflightIsAnswered204WithNpmCorsDefaults() throws Exception {
    server =
        new EngineTestServer(EngineOptions.builder().cors(CorsOptions.anyOrigin()).build(), true);
    HttpResponse<String> r = preflight("https://a.example", "content-type,x-custom");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
    assertThat(r.headers().firstValue("access-control-allow-methods"))
        .hasValue("GET,HEAD,PUT,PATCH,POST,DELETE");
    assertThat(r.headers().firstValue("access-control-allow-headers"))
        .hasValue("content-type,x-custom");
    assertThat(r.headers().firstValue("vary")).hasValue("Access-Control-Request-Headers");
    assertThat(server.engine.clientsCount()).isZero();
  }

  @Test
  void anOriginListEchoesAllowedOriginsOnly() throws Exception {
    server =
        new EngineTestServer(
            EngineOptions.builder()
                .cors(
                    CorsOptions.builder()
                        .origins("https://good.example", "https://also.example")
                        .credentials(true)
                        .methods("GET", "POST")
                        .allowedHeaders("X-Token")
                        .exposedHeaders("X-Trace")
                        .maxAge(Duration.ofMinutes(10))
                        .build())
                .build(),
            true);
    HttpResponse<String> good =
        send(
            HttpRequest.newBuilder(server.uri("EIO=4&transport=polling"))
                .header("Origin", "https://good.example"));
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(good.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://good.example");
    assertThat(good.headers().firstValue("access-control-allow-credentials")).hasValue("true");
    assertThat(good.headers().firstValue("access-control-expose-headers")).hasValue("X-Trace");
    assertThat(good.headers().firstValue("vary")).hasValue("Origin");

    HttpResponse<String> bad =
        send(
            HttpRequest.newBuilder(server.uri("EIO=4&transport=polling"))
                .header("Origin", "https://evil.example"));
    assertThat(bad.headers().firstValue("access-control-allow-origin")).isEmpty();
    assertThat(bad.headers().firstValue("vary")).hasValue("Origin");

    HttpResponse<String> pre = preflight("https://also.example", "x-other");
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://also.example");
    assertThat(pre.headers().firstValue("access-control-allow-methods")).hasValue("GET,POST");
    assertThat(pre.headers().firstValue("access-control-allow-headers")).hasValue("X-Token");
    assertThat(pre.headers().firstValue("access-control-max-age")).hasValue("600");
    assertThat(pre.headers().firstValue("access-control-allow-credentials")).hasValue("true");
  }

  @Test
  void aFixedOriginIsSentWhateverTheRequest() throws Exception {
    server =
        new EngineTestServer(
            EngineOptions.builder()
                .cors(CorsOptions.builder().origin("https://only.example").build())
                .build(),
            true);
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(server.uri("EIO=4&transport=polling"))
                .header("Origin", "https://x.example"));
    assertThat(r.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://only.example");
    assertThat(r.headers().firstValue("vary")).hasValue("Origin");
  }

  @Test
  void aPredicateDecides() throws Exception {
    server =
        new EngineTestServer(
            EngineOptions.builder()
                .cors(
                    CorsOptions.builder()
                        .originPredicate(o -> o.endsWith(".trusted.example"))
                        .build())
                .build(),
            true);
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(server.uri("EIO=4&transport=polling"))
                .header("Origin", "https://a.trusted.example"));
    assertThat(r.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://a.trusted.example");
    HttpResponse<String> no =
        send(
            HttpRequest.newBuilder(server.uri("EIO=4&transport=polling"))
                .header("Origin", "https://a.example"));
    assertThat(no.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void withoutCorsOptionsIsABadHandshakeMethodAndNoHeaders() throws Exception {
    server = new EngineTestServer(EngineOptions.defaults(), true);
    HttpResponse<String> r = preflight("https://a.example", null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
    assertThat(r.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void webSocketUpgradesCarryCorsHeaders() throws Exception {
    server =
        new EngineTestServer(EngineOptions.builder().cors(CorsOptions.anyOrigin()).build(), true);
    String raw;
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.listener.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write(
              ("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
                      + "Origin: https://a.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      StringBuilder head = new StringBuilder();
      java.io.InputStream in = s.getInputStream();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.read());
      }
      raw = head.toString();
      s.getOutputStream().write(new byte[] {(byte) 0x88, (byte) 0x80, 0, 0, 0, 0});
      in.readAllBytes();
    }
    assertThat(raw).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    assertThat(raw.toLowerCase(java.util.Locale.ROOT))
        .contains("access-control-allow-origin: *\r\n");
    server.handler.expectAny("open");
    server.handler.expectAny("close transport close");
  }
}
