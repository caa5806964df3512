package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Responses}: the answers as values, and compression on {@code byte[]} that gives the bytes
 * the Netty path gave (UTF-8 written into a pooled direct buffer, compressed from it into another).
 */
@Timeout(30)
class ResponsesTest {
  private static List<String> lines(HttpAnswer a) {
    List<String> out = new ArrayList<>();
    a.headers().forEach((n, v) -> out.add(n + ": " + v));
    return out;
  }

  /** How bodies were compressed before: from a pooled direct buffer through its OutputStream. */
  private static byte[] compressedAsBefore(String text, String encoding) throws IOException {
    ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    ByteBuf body = ByteBufUtil.writeUtf8(alloc, text);
    ByteBuf out = alloc.buffer(Math.max(64, body.readableBytes() / 2));
    try {
      try (OutputStream os =
          "gzip".equals(encoding)
              ? new GZIPOutputStream(new ByteBufOutputStream(out), 8192)
              : new DeflaterOutputStream(new ByteBufOutputStream(out), true)) {
        body.getBytes(body.readerIndex(), os, body.readableBytes());
      }
      return ByteBufUtil.getBytes(out);
    } finally {
      body.release();
      out.release();
    }
  }

  private static byte[] inflate(byte[] data, String encoding) throws IOException {
    try (InputStream in =
        "gzip".equals(encoding)
            ? new GZIPInputStream(new ByteArrayInputStream(data))
            : new InflaterInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    }
  }

  @Test
  void compressionGivesTheBytesOfTheNettyPath() throws IOException {
    Random random = new Random(3);
    for (int size : new int[] {0, 1, 1023, 1024, 8191, 8192, 8193, 65_537, 300_000}) {
      StringBuilder text = new StringBuilder(size);
      while (text.length() < size) {
        text.append(random.nextInt(5) == 0 ? "4héllo 😀 " : "2probe\u001e")
            .append(random.nextInt(1000));
      }
      text.setLength(size);
      String s = text.toString();
      for (String encoding : new String[] {"gzip", "deflate"}) {
        byte[] compressed = Responses.compress(Utf8.encode(s), encoding);
        assertThat(compressed)
            .as("%s of %d chars", encoding, size)
            .isEqualTo(compressedAsBefore(s, encoding));
        assertThat(inflate(compressed, encoding)).isEqualTo(Utf8.encode(s));
      }
    }
  }

  @Test
  void errorsAreNodesJsonWithTheirStatus() {
    HttpAnswer a = Responses.error(EngineProtocol.UNKNOWN_SID, null);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.text().toString()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    assertThat(lines(a)).containsExactly("Content-Type: application/json");
    a = Responses.error(EngineProtocol.FORBIDDEN, "no\n\"way\"\u0001");
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.text().toString())
        .isEqualTo("{\"code\":4,\"message\":\"no\\n\\\"way\\\"\\u0001\"}");
  }

  @Test
  void handshakeRefusalsCarryTheirByteLength() {
    HttpAnswer a = Responses.handshakeError(400, "Missing or invalid Sec-WebSocket-Key header");
    assertThat(a.status()).isEqualTo(400);
    assertThat(lines(a))
        .containsExactly("Content-Type: text/html", "Connection: close", "Content-Length: 43");
    a = Responses.upgradeError(EngineProtocol.FORBIDDEN, "nön");
    assertThat(lines(a)).as("bytes, not chars").contains("Content-Length: 4");
    assertThat(a.text().toString()).isEqualTo("nön");
    a = Responses.upgradeError(EngineProtocol.BAD_REQUEST, null);
    assertThat(a.text().toString()).isEqualTo("Bad request");
    assertThat(a.status()).isEqualTo(400);
  }

  @Test
  void emptyAndTextAnswers() {
    HttpAnswer a = Responses.empty(204);
    assertThat(a.status()).isEqualTo(204);
    assertThat(a.text()).isNull();
    assertThat(a.bytes()).isNull();
    assertThat(a.headers().isEmpty()).isTrue();
    a = Responses.text(200, "text/html", "ok");
    assertThat(lines(a)).containsExactly("Content-Type: text/html");
    assertThat(a.text().toString().getBytes(StandardCharsets.UTF_8)).containsExactly('o', 'k');
  }
}
