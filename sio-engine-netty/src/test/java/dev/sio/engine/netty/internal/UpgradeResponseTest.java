package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.engine.spi.ResponseHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The {@code 101} written as bytes: {@code ws}'s status line and headers, byte for byte. */
class UpgradeResponseTest {
  @Test
  void theAcceptKeyOfRfc6455sExample() {
    // RFC 6455 1.3
    assertThat(UpgradeResponse.accept("dGhlIHNhbXBsZSBub25jZQ=="))
        .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }

  @Test
  void theAcceptKeyIsSha1AndBase64OfKeyAndGuidForOtherKeysToo() throws Exception {
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    for (String key :
        new String[] {
          "AQIDBAUGBwgJCgsMDQ4PEA==", "x3JJHMbDL1EzLkh9GBhXDw==", "++++++++++++++++++++++=="
        }) {
      String expected =
          Base64.getEncoder()
              .encodeToString(
                  sha1.digest(
                      (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                          .getBytes(StandardCharsets.US_ASCII)));
      assertThat(UpgradeResponse.accept(key)).as(key).isEqualTo(expected);
    }
  }

  @Test
  void theAnswerIsWsStatusLineAndHeadersThenTheEndpointsInOrder() {
    ResponseHeaders extra =
        new ResponseHeaders()
            .add("Set-Cookie", "io=abc; Path=/; HttpOnly; SameSite=Lax")
            .add("X-Custom", "a b")
            .add("Set-Cookie", "other=1");
    ByteBuf buf =
        UpgradeResponse.encode(ByteBufAllocator.DEFAULT, "dGhlIHNhbXBsZSBub25jZQ==", extra);
    try {
      assertThat(buf.toString(StandardCharsets.ISO_8859_1))
          .isEqualTo(
              "HTTP/1.1 101 Switching Protocols\r\n"
                  + "Upgrade: websocket\r\n"
                  + "Connection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                  + "Set-Cookie: io=abc; Path=/; HttpOnly; SameSite=Lax\r\n"
                  + "X-Custom: a b\r\n"
                  + "Set-Cookie: other=1\r\n"
                  + "\r\n");
    } finally {
      buf.release();
    }
  }

  @Test
  void withoutExtraHeadersTheAnswerIsFourLines() {
    ByteBuf buf =
        UpgradeResponse.encode(
            ByteBufAllocator.DEFAULT, "dGhlIHNhbXBsZSBub25jZQ==", new ResponseHeaders());
    try {
      assertThat(buf.toString(StandardCharsets.ISO_8859_1))
          .isEqualTo(
              "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
    } finally {
      buf.release();
    }
  }

  @Test
  void aKeyOfAnotherLengthIsRefused() {
    assertThatThrownBy(() -> UpgradeResponse.accept("abc"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
