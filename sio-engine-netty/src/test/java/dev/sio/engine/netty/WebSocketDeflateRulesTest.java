package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RSV bits with permessage-deflate on, as {@code ws} 8 checks them: RSV1 marks a compressed message
 * once the extension is negotiated; RSV2/RSV3, RSV1 on a continuation or control frame, or RSV1
 * without the extension are 1002. A bystander session is unaffected.
 */
@Timeout(60)
class WebSocketDeflateRulesTest {
  private static final String PATH = "/engine.io/?EIO=4&transport=websocket";

  private EngineTestServer server;
  private Bystander bystander;
  private String sid;

  @BeforeEach
  void setUp() throws Exception {
    server = new EngineTestServer(EngineOptions.builder().perMessageDeflate(true).build(), true);
    bystander = new Bystander(server);
    expect(bystander.sid, "open");
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      bystander.stop();
      bystander.expectNothing(server.handler, 50);
    } finally {
      bystander.close();
      server.close();
    }
  }

  private void expect(String sid, String line) throws InterruptedException {
    assertThat(bystander.next(server.handler)).isEqualTo(sid + " " + line);
  }

  private RawWs session(boolean offerDeflate) throws Exception {
    RawWs ws =
        RawWs.request(
            server.listener.port(),
            "GET "
                + PATH
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: "
                + RawWs.KEY
                + "\r\nSec-WebSocket-Version: 13\r\n"
                + (offerDeflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "")
                + "\r\n");
    assertThat(ws.responseHead).startsWith("HTTP/1.1 101 ");
    assertThat(ws.responseHead.toLowerCase().contains("permessage-deflate"))
        .isEqualTo(offerDeflate);
    RawWs.Frame open = ws.read();
    String text = open.rsv() == 4 ? inflate(open.payload()) : open.text();
    assertThat(text).startsWith("0{\"sid\":\"");
    sid = text.substring(9, text.indexOf('"', 9));
    expect(sid, "open");
    return ws;
  }

  private void assertClosedWith(RawWs ws, int code) throws Exception {
    assertThat(ws.readClose()).containsExactly(RawWs.closePayload(code));
    assertThat(ws.endsWithin(5_000)).isTrue();
    expect(sid, "close transport error");
    ws.close();
  }

  /** An offer ws cannot parse: its 400, no 101, no session; Netty's parser never sees it. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "permessa,;;;;", // found by the HTTP fuzz target: a part of only ';'
        ";",
        "permessage-deflate;",
        "permessage-deflate,,x",
        "permessage-deflate; client_max_window_bits=",
        "permessage-deflate; a=\"open",
        "permessage deflate",
      })
  void anOfferThatDoesNotParseGets400AndNo101(String offer) throws Exception {
    try (RawWs ws =
        RawWs.request(
            server.listener.port(),
            "GET "
                + PATH
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: "
                + RawWs.KEY
                + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: "
                + offer
                + "\r\n\r\n")) {
      assertThat(ws.responseHead).startsWith("HTTP/1.1 400 Bad Request\r\n");
      assertThat(ws.readBody())
          .isEqualTo("Invalid or unacceptable Sec-WebSocket-Extensions header");
      assertThat(ws.endsWithin(5_000)).isTrue();
    }
    assertThat(server.engine.clientsCount()).isEqualTo(1); // the bystander only
  }

  /** Offers that parse, with parameters, quoted values and several elements, still negotiate. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "permessage-deflate; client_max_window_bits",
        "x-foo; a=\"b, c\", permessage-deflate ;client_max_window_bits=15",
      })
  void anOfferThatParsesStillNegotiates(String offer) throws Exception {
    try (RawWs ws =
        RawWs.request(
            server.listener.port(),
            "GET "
                + PATH
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: "
                + RawWs.KEY
                + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: "
                + offer
                + "\r\n\r\n")) {
      assertThat(ws.responseHead).startsWith("HTTP/1.1 101 ");
      assertThat(ws.responseHead.toLowerCase()).contains("permessage-deflate");
      RawWs.Frame open = ws.read();
      String text = open.rsv() == 4 ? inflate(open.payload()) : open.text();
      sid = text.substring(9, text.indexOf('"', 9));
      expect(sid, "open");
    }
    expect(sid, "close transport close");
  }

  /** A message compressed as permessage-deflate sends it: raw deflate without 00 00 ff ff. */
  private static byte[] deflate(String s) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(s.getBytes(StandardCharsets.UTF_8));
    byte[] buf = new byte[1024];
    int n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
    d.end();
    return Arrays.copyOf(buf, n - 4);
  }

  private static String inflate(byte[] payload) throws Exception {
    Inflater i = new Inflater(true);
    byte[] in = Arrays.copyOf(payload, payload.length + 4);
    in[payload.length + 2] = (byte) 0xff;
    in[payload.length + 3] = (byte) 0xff;
    i.setInput(in);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    int n;
    while ((n = i.inflate(buf)) > 0) {
      out.write(buf, 0, n);
    }
    i.end();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aCompressedMessageIsDelivered() throws Exception {
    RawWs ws = session(true);
    ws.frame(true, 4, 1, deflate("4hello"), true);
    expect(sid, "message hello");
    RawWs.Frame echo = ws.read();
    assertThat(echo.rsv() == 4 ? inflate(echo.payload()) : echo.text()).isEqualTo("4hello");
    ws.close();
    expect(sid, "close transport close");
  }

  @Test
  void rsv2WithDeflateIs1002() throws Exception {
    RawWs ws = session(true);
    ws.frame(true, 2, 1, "4hi".getBytes(StandardCharsets.UTF_8), true);
    assertClosedWith(ws, 1002);
  }

  @Test
  void rsv3WithDeflateIs1002() throws Exception {
    RawWs ws = session(true);
    ws.frame(true, 1, 1, "4hi".getBytes(StandardCharsets.UTF_8), true);
    assertClosedWith(ws, 1002);
  }

  @Test
  void rsv1OnAContinuationIs1002() throws Exception {
    RawWs ws = session(true);
    ws.frame(false, 0, 1, "4h".getBytes(StandardCharsets.UTF_8), true);
    ws.frame(true, 4, 0, "i".getBytes(StandardCharsets.UTF_8), true);
    assertClosedWith(ws, 1002);
  }

  @Test
  void rsv1OnAPingIs1002() throws Exception {
    RawWs ws = session(true);
    ws.frame(true, 4, 9, new byte[0], true);
    assertClosedWith(ws, 1002);
  }

  @Test
  void rsv1WhenDeflateWasNotOfferedIs1002() throws Exception {
    RawWs ws = session(false);
    ws.frame(true, 4, 1, deflate("4hi"), true);
    assertClosedWith(ws, 1002);
  }
}
