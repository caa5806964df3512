package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input gets the protocol's answer and closes only the offending session: after each case, a
 * bystander WebSocket session and a bystander polling session still echo.
 */
@Timeout(30)
class BadInputTest {
  private EngineTestServer server;
  private final HttpClient http = EngineClients.http();
  private EngineClients.Ws bystanderWs;
  private String bystanderWsSid;
  private EngineClients.Polling bystanderPolling;

  @BeforeEach
  void setUp() throws Exception {
    server = new EngineTestServer(EngineOptions.builder().maxHttpBufferSize(1000).build(), true);
    bystanderWs = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    assertThat(bystanderWs.nextText()).startsWith("0");
    bystanderWsSid = server.handler.expectAny("open");
    bystanderPolling = new EngineClients.Polling(http, server);
    server.handler.expect(bystanderPolling.sid, "open");
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      bystandersStillWork();
      server.handler.expectNothing(20);
    } finally {
      server.close();
    }
  }

  private void bystandersStillWork() throws Exception {
    bystanderWs.send("4alive");
    server.handler.expect(bystanderWsSid, "message alive");
    assertThat(bystanderWs.nextText()).isEqualTo("4alive");
    assertThat(bystanderPolling.post("4alive").body()).isEqualTo("ok");
    server.handler.expect(bystanderPolling.sid, "message alive");
    assertThat(bystanderPolling.get().body()).isEqualTo("4alive");
  }

  private EngineClients.Polling victim() throws Exception {
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    return p;
  }

  @Test
  void garbageBytesGet400AndTheConnectionCloses() throws Exception {
    String answer =
        EngineClients.raw(server.listener.port(), "\u0000\u0001\u0002 not http at all\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n");
  }

  @Test
  void headersTooLargeGet400() throws Exception {
    String answer =
        EngineClients.raw(
            server.listener.port(),
            "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nX-Big: "
                + "a".repeat(40_000)
                + "\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n");
  }

  @Test
  void anOversizedPostGets413AndClosesItsSession() throws Exception {
    EngineClients.Polling p = victim();
    HttpResponse<String> r = p.post("4" + "x".repeat(2000));
    assertThat(r.statusCode()).isEqualTo(413);
    server.handler.expect(p.sid, "close transport error");
    assertThat(p.get().statusCode()).isEqualTo(400);
  }

  @Test
  void anOversizedChunkedPostGets413AndClosesItsSession() throws Exception {
    EngineClients.Polling p = victim();
    try (Socket s = new Socket("127.0.0.1", server.listener.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /engine.io/?EIO=4&transport=polling&sid="
                  + p.sid
                  + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      String chunk = "4" + "y".repeat(599);
      for (int i = 0; i < 2; i++) {
        out.write(
            (Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n");
    }
    server.handler.expect(p.sid, "close transport error");
  }

  @Test
  void aBadPacketGets400AndClosesItsSession() throws Exception {
    EngineClients.Polling p = victim();
    assertThat(p.post("9nine").statusCode()).isEqualTo(400);
    server.handler.expect(p.sid, "close parse error");
  }

  @Test
  void unknownAndReusedSidsGet400() throws Exception {
    assertThat(
            EngineClients.get(http, server.uri("EIO=4&transport=polling&sid=AAAAAAAAAAAAAAAAAAAA"))
                .body())
        .isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    EngineClients.Polling p = victim();
    p.post("1");
    server.handler.expect(p.sid, "close transport close");
    assertThat(p.get().body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    assertThat(p.post("4again").statusCode()).isEqualTo(400);
  }

  @Test
  void aSidWithTheWrongTransportIsABadRequest() throws Exception {
    HttpResponse<String> r =
        EngineClients.get(http, server.uri("EIO=4&transport=websocket&sid=" + bystanderWsSid));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
  }

  @Test
  void wrongMethodsGetTheirAnswer() throws Exception {
    EngineClients.Polling p = victim();
    HttpResponse<String> del =
        http.send(
            HttpRequest.newBuilder(p.uri()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(del.statusCode()).isEqualTo(400);
    assertThat(del.body()).isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
    HttpResponse<String> post =
        EngineClients.post(http, server.uri("EIO=4&transport=polling"), "4x");
    assertThat(post.body()).isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
    p.post("1");
    server.handler.expect(p.sid, "close transport close");
  }

  @Test
  void anInvalidHeaderValueIsABadRequest() throws Exception {
    String answer =
        EngineClients.raw(
            server.listener.port(),
            "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nOrigin: a\u0001b\r\n"
                + "Connection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n");
  }

  @Test
  void unknownPathsGet404AndUpgradesThere400() throws Exception {
    HttpResponse<String> r =
        EngineClients.get(http, java.net.URI.create(server.base() + "/elsewhere"));
    assertThat(r.statusCode()).isEqualTo(404);
    String answer =
        EngineClients.raw(
            server.listener.port(),
            "GET /elsewhere HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n");
  }

  @Test
  void invalidUtf8InATextFrameClosesThatSocket() throws Exception {
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    ws.nextText();
    String sid = server.handler.expectAny("open");
    try (Socket s = new Socket("127.0.0.1", server.listener.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
                  + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.read());
      }
      String rawSid = server.handler.expectAny("open");
      // masked text frame "4" + 0xff 0xfe (not UTF-8), mask 0
      out.write(new byte[] {(byte) 0x81, (byte) 0x83, 0, 0, 0, 0, 0x34, (byte) 0xff, (byte) 0xfe});
      out.flush();
      in.readAllBytes();
      server.handler.expect(rawSid, "close transport error");
    }
    ws.send("4fine");
    server.handler.expect(sid, "message fine");
    ws.abort();
    server.handler.expect(sid, "close transport close");
  }
}
