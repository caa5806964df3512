package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Utf8} gives the bytes and lengths of Netty's {@code ByteBufUtil.writeUtf8} and {@code
 * utf8Bytes}, malformed surrogates included, so that a body the core encodes is the body Netty
 * wrote before.
 */
@Timeout(30)
class Utf8Test {
  private static byte[] netty(String s) {
    ByteBuf buf = Unpooled.buffer();
    try {
      ByteBufUtil.writeUtf8(buf, s);
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  private static void agree(String s) {
    assertThat(Utf8.encode(s)).as(s).isEqualTo(netty(s));
    assertThat(Utf8.length(s)).as(s).isEqualTo(ByteBufUtil.utf8Bytes(s));
  }

  @Test
  void wellFormedTextIsPlainUtf8() {
    for (String s :
        List.of("", "ascii", "héllo", "€uro", "世界", "😀 x", "\u007f\u0080\u07ff\u0800\uffff")) {
      assertThat(Utf8.encode(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
      agree(s);
    }
  }

  @Test
  void malformedSurrogatesAreReplacedAsNettyReplacesThem() {
    assertThat(Utf8.encode("a\udc00b")).containsExactly('a', '?', 'b');
    assertThat(Utf8.encode("a\ud800")).containsExactly('a', '?');
    assertThat(Utf8.encode("\ud800b")).containsExactly('?', 'b');
    assertThat(Utf8.encode("\ud800\ud800")).containsExactly('?', '?');
    assertThat(Utf8.encode("\ud800\u00e9"))
        .as("the next char as one byte")
        .containsExactly('?', 0xe9);
    for (String s :
        List.of(
            "\ud800\ud800\udc00",
            "\udc00\ud800",
            "\ud800\u20ac",
            "x\ud83d",
            "\ude00\ud83d\ude00")) {
      agree(s);
    }
  }

  @Test
  void agreesWithNettyOnRandomText() {
    char[] alphabet = {
      'a', 'Z', 0, 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x20ac, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffd,
      0xffff
    };
    Random random = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      char[] s = new char[random.nextInt(10)];
      for (int i = 0; i < s.length; i++) {
        s[i] =
            random.nextInt(4) == 0
                ? (char) random.nextInt(0x10000)
                : alphabet[random.nextInt(alphabet.length)];
      }
      agree(new String(s));
    }
  }
}
