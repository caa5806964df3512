package dev.sio.servlet.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input through a container: the conformance fixture's Engine.IO endpoint ({@code /engine.io/},
 * maxHttpBufferSize 1 000 000) must give the answers that the Netty fixture gives, status and body
 * byte for byte (compared by hand with {@code ./sio fixture} on 2026-12-03). A container module
 * extends it with its own fixture's port.
 */
@Timeout(30)
public abstract class BadInputSuite {
  private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  /** {@return the options of the endpoint at {@code /limits/} the fixture must also serve} */
  public static dev.sio.engine.EngineOptions limitsOptions() {
    return dev.sio.engine.EngineOptions.builder()
        .path("/limits/")
        .maxHttpBufferSize(1_000_000)
        .build();
  }

  /** {@return the port of the running fixture} */
  protected abstract int port();

  private RawHttp.Response request(String method, String target, String headers, String body)
      throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      return c.exchange(method, target, headers, body);
    }
  }

  private RawHttp.Response get(String target) throws Exception {
    return request("GET", target, "", null);
  }

  private String handshake() throws Exception {
    RawHttp.Response r = get("/engine.io/?EIO=4&transport=polling");
    assertThat(r.status()).isEqualTo(200);
    Matcher m = SID.matcher(r.body());
    assertThat(m.find()).as(r.body()).isTrue();
    return m.group(1);
  }

  private void assertAnswer(RawHttp.Response r, int status, String body) {
    assertThat(r.status()).as(r.head()).isEqualTo(status);
    assertThat(r.body()).isEqualTo(body);
  }

  @Test
  public void badHandshakesGetNodesJson() throws Exception {
    assertAnswer(
        get("/engine.io/?EIO=4&transport=polling&sid=nope"),
        400,
        "{\"code\":1,\"message\":\"Session ID unknown\"}");
    assertAnswer(
        get("/engine.io/?EIO=4&transport=foo"),
        400,
        "{\"code\":0,\"message\":\"Transport unknown\"}");
    assertAnswer(
        get("/engine.io/?EIO=5&transport=polling"),
        400,
        "{\"code\":5,\"message\":\"Unsupported protocol version\"}");
    assertAnswer(
        get("/engine.io/?transport=polling"),
        400,
        "{\"code\":5,\"message\":\"Unsupported protocol version\"}");
    String badMethod = "{\"code\":2,\"message\":\"Bad handshake method\"}";
    assertAnswer(request("PUT", "/engine.io/?EIO=4&transport=polling", "", "x"), 400, badMethod);
    assertAnswer(request("POST", "/engine.io/?EIO=4&transport=polling", "", "4x"), 400, badMethod);
    String sid = handshake();
    assertAnswer(
        request("DELETE", "/engine.io/?EIO=4&transport=polling&sid=" + sid, "", null),
        400,
        badMethod);
  }

  @Test
  public void aBodyDeclaredOverMaxHttpBufferSizeGets413AndTheSessionCloses() throws Exception {
    String sid = handshake();
    String target = "/engine.io/?EIO=4&transport=polling&sid=" + sid;
    try (RawHttp c = new RawHttp(port())) {
      c.write("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000002\r\n\r\n");
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(413);
      assertThat(RawHttp.lower(r.header("connection"))).isEqualTo("close");
    }
    assertAnswer(get(target), 400, "{\"code\":1,\"message\":\"Session ID unknown\"}");
  }

  @Test
  public void aRefusedBodyStillBeingSentIsDroppedSoTheClientReadsThe413() throws Exception {
    String sid = handshake();
    String target = "/engine.io/?EIO=4&transport=polling&sid=" + sid;
    byte[] body = ("4" + "x".repeat(1_000_001)).getBytes(StandardCharsets.US_ASCII);
    try (RawHttp c = new RawHttp(port())) {
      c.write(
          "POST "
              + target
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
              + body.length
              + "\r\n\r\n");
      CompletableFuture<Void> sent =
          CompletableFuture.runAsync(
              () -> {
                try {
                  c.write(body);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      assertThat(c.read().status()).isEqualTo(413);
      sent.get(5, TimeUnit.SECONDS); // the whole body went out: the server read it
      assertThat(c.closesInOrder()).as("closed without a reset").isTrue();
    }
    assertAnswer(get(target), 400, "{\"code\":1,\"message\":\"Session ID unknown\"}");
  }

  @Test
  public void aBodyThatGrowsOverMaxHttpBufferSizeGets413() throws Exception {
    String sid = handshake();
    String target = "/engine.io/?EIO=4&transport=polling&sid=" + sid;
    try (RawHttp c = new RawHttp(port())) {
      c.write(
          "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
      byte[] chunk = ("4" + "x".repeat(65_535)).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 16; i++) { // 1 MiB, past the limit
        c.write(Integer.toHexString(chunk.length) + "\r\n");
        c.write(chunk);
        c.write("\r\n");
      }
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(413);
    }
    assertAnswer(get(target), 400, "{\"code\":1,\"message\":\"Session ID unknown\"}");
  }

  @Test
  public void aBadPacketGets400AndTheSessionCloses() throws Exception {
    String sid = handshake();
    String target = "/engine.io/?EIO=4&transport=polling&sid=" + sid;
    assertAnswer(request("POST", target, "", "zzz"), 400, "");
    assertAnswer(get(target), 400, "{\"code\":1,\"message\":\"Session ID unknown\"}");
  }

  @Test
  public void aGetDeclaringMoreThan4KiBOfBodyGets413() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      c.write(
          "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Content-Length: 5000\r\n\r\n");
      assertThat(c.read().status()).isEqualTo(413);
    }
  }

  @Test
  public void webSocketHandshakeChecksAnswerAsWs() throws Exception {
    String ws = "/engine.io/?EIO=4&transport=websocket";
    String badKey = "Missing or invalid Sec-WebSocket-Key header";
    assertAnswer(request("GET", ws, RawHttp.upgrade("short", "13"), null), 400, badKey);
    assertAnswer(request("GET", ws, RawHttp.upgrade(null, "13"), null), 400, badKey);
    assertAnswer(
        request("GET", ws, RawHttp.upgrade(KEY, "12"), null),
        400,
        "Missing or invalid Sec-WebSocket-Version header");
    assertAnswer(
        request("POST", ws, RawHttp.upgrade(KEY, "13"), null), 400, "Bad handshake method");
  }

  @Test
  public void webSocketRefusalsAreNodesAbortUpgrade() throws Exception {
    String h = RawHttp.upgrade(KEY, "13");
    assertAnswer(
        request("GET", "/engine.io/?EIO=4&transport=websocket&sid=nope", h, null),
        400,
        "Session ID unknown");
    assertAnswer(
        request("GET", "/engine.io/?EIO=9&transport=websocket", h, null),
        400,
        "Unsupported protocol version");
    assertAnswer(
        request("GET", "/engine.io/?EIO=4&transport=polling", h, null), 400, "Bad request");
  }

  /** {@return a raw WebSocket to {@code /limits/}, its 101 read} */
  protected RawHttp openWebSocket() throws Exception {
    RawHttp c = new RawHttp(port());
    c.write(
        "GET /limits/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + RawHttp.upgrade(KEY, "13")
            + "\r\n");
    RawHttp.Response r = c.read();
    assertThat(r.status()).isEqualTo(101);
    return c;
  }

  @Test
  public void aWebSocketFrameOverMaxPayloadGets1009() throws Exception {
    try (RawHttp c = openWebSocket()) {
      byte[] big = new byte[1_000_002];
      java.util.Arrays.fill(big, (byte) 'x');
      big[0] = '4';
      c.frame(1, big);
      assertThat(c.readCloseCode()).isEqualTo(1009);
    }
  }

  @Test
  public void invalidUtf8Gets1007() throws Exception {
    try (RawHttp c = openWebSocket()) {
      c.frame(1, new byte[] {'4', (byte) 0xC3, 0x28});
      assertThat(c.readCloseCode()).isEqualTo(1007);
    }
  }

  @Test
  public void aPreflightGets204() throws Exception {
    RawHttp.Response r =
        request(
            "OPTIONS",
            "/engine.io/?EIO=4&transport=polling",
            "Origin: http://x.test\r\nAccess-Control-Request-Method: POST\r\n",
            null);
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.header("access-control-allow-origin")).isEqualTo("*"); // CorsOptions.anyOrigin()
    assertThat(r.header("access-control-allow-methods"))
        .isEqualTo("GET,HEAD,PUT,PATCH,POST,DELETE");
  }
}
