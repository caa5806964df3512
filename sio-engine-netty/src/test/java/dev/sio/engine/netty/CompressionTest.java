package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpReply;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CompressionTest {
  private EngineTestServer server;
  private final HttpClient http = EngineClients.http();

  @AfterEach
  void tearDown() {
    server.close();
  }

  private HttpResponse<byte[]> get(URI uri, String acceptEncoding) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (acceptEncoding != null) {
      b.header("Accept-Encoding", acceptEncoding);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private String pollAfterSending(String text, String acceptEncoding, String expectedEncoding)
      throws Exception {
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.socket(p.sid).send(text);
    HttpResponse<byte[]> r = get(p.uri(), acceptEncoding);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-encoding").orElse(null)).isEqualTo(expectedEncoding);
    byte[] body = r.body();
    if ("gzip".equals(expectedEncoding)) {
      body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
    } else if ("deflate".equals(expectedEncoding)) {
      body = new InflaterInputStream(new ByteArrayInputStream(body)).readAllBytes();
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  @Test
  void largePollingResponsesAreGzippedWhenAccepted() throws Exception {
    server = new EngineTestServer(EngineOptions.defaults(), false);
    String big = "z".repeat(5000);
    assertThat(pollAfterSending(big, "gzip, deflate", "gzip")).isEqualTo("4" + big);
    assertThat(pollAfterSending(big, "deflate", "deflate")).isEqualTo("4" + big);
    assertThat(pollAfterSending(big, "gzip;q=0.5, deflate;q=0.8", "deflate")).isEqualTo("4" + big);
    assertThat(pollAfterSending(big, "br", null)).isEqualTo("4" + big);
    assertThat(pollAfterSending(big, null, null)).isEqualTo("4" + big);
  }

  @Test
  void smallResponsesStayPlain() throws Exception {
    server = new EngineTestServer(EngineOptions.defaults(), false);
    assertThat(pollAfterSending("x".repeat(1000), "gzip", null)).isEqualTo("4" + "x".repeat(1000));
    assertThat(pollAfterSending("x".repeat(1023), "gzip", "gzip"))
        .isEqualTo("4" + "x".repeat(1023));
  }

  @Test
  void compressionCanBeTurnedOffOrThresholdChanged() throws Exception {
    server = new EngineTestServer(EngineOptions.builder().httpCompression(false).build(), false);
    assertThat(pollAfterSending("y".repeat(5000), "gzip", null)).isEqualTo("4" + "y".repeat(5000));
    server.close();
    server =
        new EngineTestServer(EngineOptions.builder().httpCompressionThreshold(10).build(), false);
    assertThat(pollAfterSending("y".repeat(20), "gzip", "gzip")).isEqualTo("4" + "y".repeat(20));
  }

  @Test
  void routeRepliesAreCompressedToo() throws Exception {
    server = new EngineTestServer(EngineOptions.defaults(), false);
    byte[] page = "<p>hello</p>".repeat(200).getBytes(StandardCharsets.UTF_8);
    server.listener.route("/page", req -> HttpReply.ok("text/html", page));
    HttpResponse<byte[]> r = get(URI.create(server.base() + "/page"), "gzip");
    assertThat(r.headers().firstValue("content-encoding")).hasValue("gzip");
    assertThat(r.headers().firstValue("vary")).hasValue("Accept-Encoding");
    assertThat(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes())
        .isEqualTo(page);
    HttpResponse<byte[]> plain = get(URI.create(server.base() + "/page"), null);
    assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
    assertThat(plain.body()).isEqualTo(page);
  }

  @Test
  void perMessageDeflateIsNegotiatedWhenEnabled() throws Exception {
    server = new EngineTestServer(EngineOptions.builder().perMessageDeflate(true).build(), true);
    String head = upgradeHead(server.listener.port());
    assertThat(head).startsWith("HTTP/1.1 101");
    assertThat(head.toLowerCase(java.util.Locale.ROOT))
        .contains("sec-websocket-extensions: permessage-deflate");
    // the JDK client offers no extensions: plain frames still work
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    assertThat(ws.nextText()).startsWith("0{");
    ws.send("4" + "q".repeat(3000));
    assertThat(ws.nextText()).isEqualTo("4" + "q".repeat(3000));
    ws.abort();
  }

  @Test
  void perMessageDeflateCompressesFramesForAClientThatOffersIt() throws Exception {
    server = new EngineTestServer(EngineOptions.builder().perMessageDeflate(true).build(), true);
    try (NettyWsClient client = new NettyWsClient(server.wsUri("EIO=4&transport=websocket"))) {
      assertThat(client.extensionsHeader).startsWith("permessage-deflate");
      assertThat(client.next()).startsWith("0{\"sid\"");
      String big = "4" + "compress me ".repeat(500);
      client.send(big);
      assertThat(client.next()).isEqualTo(big);
      EngineMessage broadcast = EngineMessage.text("b".repeat(4000));
      server.handler.next();
      server.handler.next().socket().send(broadcast);
      assertThat(client.next()).isEqualTo("4" + "b".repeat(4000));
      // 6 kB and 4 kB of repetitive text arrived in far fewer bytes: the frames were deflated
      assertThat(client.bytesRead.get()).isLessThan(3000);
    }
  }

  @Test
  void perMessageDeflateIsOffByDefault() throws Exception {
    server = new EngineTestServer(EngineOptions.defaults(), true);
    String head = upgradeHead(server.listener.port());
    assertThat(head).startsWith("HTTP/1.1 101");
    assertThat(head.toLowerCase(java.util.Locale.ROOT)).doesNotContain("sec-websocket-extensions");
  }

  private static String upgradeHead(int port) throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write(
              ("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
                      + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                      + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      StringBuilder head = new StringBuilder();
      java.io.InputStream in = s.getInputStream();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.read());
      }
      return head.toString();
    }
  }
}
