package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSocketHandshakesTest {
  /** {@code ws} 8's {@code isValidStatusCode}, transcribed. */
  private static boolean wsIsValidStatusCode(int code) {
    return (code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006)
        || (code >= 3000 && code <= 4999);
  }

  @Test
  void closeCodesAreValidExactlyWhenWsSaysSo() {
    for (int code = 0; code <= 0xFFFF; code++) {
      assertThat(WebSocketHandshakes.isValidCloseCode(code))
          .as("code %d", code)
          .isEqualTo(wsIsValidStatusCode(code));
    }
  }

  private static HttpRequest request(HttpMethod method, String key, String version) {
    HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, "/engine.io/");
    r.headers().set("Upgrade", "websocket").set("Connection", "Upgrade");
    if (key != null) {
      r.headers().set("Sec-WebSocket-Key", key);
    }
    if (version != null) {
      r.headers().set("Sec-WebSocket-Version", version);
    }
    return r;
  }

  private static String refusal(HttpRequest r) {
    FullHttpResponse res = WebSocketHandshakes.refusal(ByteBufAllocator.DEFAULT, r);
    if (res == null) {
      return null;
    }
    try {
      assertThat(res.headers().get("Connection")).isEqualTo("close");
      assertThat(res.headers().get("Content-Type")).isEqualTo("text/html");
      assertThat(res.headers().getInt("Content-Length")).isEqualTo(res.content().readableBytes());
      return res.status().code() + " " + res.content().toString(StandardCharsets.UTF_8);
    } finally {
      res.release();
    }
  }

  @Test
  void aValidOpeningHandshakeIsNotRefused() {
    assertThat(refusal(request(HttpMethod.GET, "dGhlIHNhbXBsZSBub25jZQ==", "13"))).isNull();
    assertThat(refusal(request(HttpMethod.GET, "+/+/+/+/+/+/+/+/+/+/+w==", "8"))).isNull();
  }

  @Test
  void refusalsAreWsOwn() {
    String key = "dGhlIHNhbXBsZSBub25jZQ==";
    assertThat(refusal(request(HttpMethod.POST, key, "13"))).isEqualTo("405 Invalid HTTP method");
    String badKey = "400 Missing or invalid Sec-WebSocket-Key header";
    assertThat(refusal(request(HttpMethod.GET, null, "13"))).isEqualTo(badKey);
    assertThat(refusal(request(HttpMethod.GET, "dGhlIHNhbXBsZSBub25jZQ=", "13"))).isEqualTo(badKey);
    assertThat(refusal(request(HttpMethod.GET, "dGhlIHNhbXBsZSBub25jZQ", "13"))).isEqualTo(badKey);
    assertThat(refusal(request(HttpMethod.GET, "dGhlIHNhbXBsZSBub25jZ-==", "13")))
        .isEqualTo(badKey);
    assertThat(refusal(request(HttpMethod.GET, "dGhlIHNhbXBsZSBub25jZQ==x", "13")))
        .isEqualTo(badKey);
    String badVersion = "400 Missing or invalid Sec-WebSocket-Version header";
    assertThat(refusal(request(HttpMethod.GET, key, null))).isEqualTo(badVersion);
    assertThat(refusal(request(HttpMethod.GET, key, "7"))).isEqualTo(badVersion);
    assertThat(refusal(request(HttpMethod.GET, key, "13, 8"))).isEqualTo(badVersion);
    FullHttpResponse r =
        WebSocketHandshakes.refusal(ByteBufAllocator.DEFAULT, request(HttpMethod.GET, key, "7"));
    assertThat(r.headers().get("Sec-WebSocket-Version")).isEqualTo("13, 8");
    r.release();
  }

  @Test
  void theDecoderRejectsCloseCodesWsRejectsBeforeTheReasonIsChecked() {
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new StrictFrameDecoder(
                WebSocketDecoderConfig.newBuilder().closeOnProtocolViolation(false).build()));
    // masked (zero key) close frame, code 5000, reason 0xFF (not UTF-8): ws answers 1002, not 1007
    ByteBuf frame =
        Unpooled.wrappedBuffer(
            new byte[] {(byte) 0x88, (byte) 0x83, 0, 0, 0, 0, 0x13, (byte) 0x88, -1});
    assertThatThrownBy(() -> ch.writeInbound(frame))
        .isInstanceOf(CorruptedWebSocketFrameException.class)
        .hasMessage("invalid status code 5000")
        .satisfies(
            e ->
                assertThat(((CorruptedWebSocketFrameException) e).closeStatus().code())
                    .isEqualTo(1002));
    assertThat((Object) ch.readOutbound()).isNull(); // nothing written: the handler answers
    ch.finishAndReleaseAll();
  }

  @Test
  void theDecoderPassesAValidClose() {
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new StrictFrameDecoder(
                WebSocketDecoderConfig.newBuilder().closeOnProtocolViolation(false).build()));
    ch.writeInbound(
        Unpooled.wrappedBuffer(
            new byte[] {(byte) 0x88, (byte) 0x84, 0, 0, 0, 0, 0x0B, (byte) 0xB8, 'o', 'k'}));
    CloseWebSocketFrame close = ch.readInbound();
    assertThat(close.statusCode()).isEqualTo(3000);
    assertThat(close.reasonText()).isEqualTo("ok");
    close.release();
    ch.finishAndReleaseAll();
  }
}
