package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.engine.spi.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Netty {@link RequestBody} reads the readable bytes of a POST body's composite buffer in
 * place, from index 0, whatever the buffer's reader index; the byte-array body reads alike.
 */
@Timeout(10)
class NettyRequestBodyTest {
  private static CompositeByteBuf chunks(String prefix, String body) {
    CompositeByteBuf c = Unpooled.compositeBuffer();
    for (byte b : (prefix + body).getBytes(StandardCharsets.UTF_8)) {
      c.addComponent(true, Unpooled.wrappedBuffer(new byte[] {b}));
    }
    c.skipBytes(prefix.getBytes(StandardCharsets.UTF_8).length);
    return c;
  }

  private static void readsLikeItsBytes(RequestBody body, byte[] bytes) {
    assertThat(body.length()).isEqualTo(bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      assertThat(body.byteAt(i)).isEqualTo(bytes[i]);
    }
    assertThat(body.toArray()).isEqualTo(bytes);
    assertThat(body.indexOf(0, bytes.length, (byte) 0x1e)).isEqualTo(2);
    assertThat(body.indexOf(3, bytes.length, (byte) 0x1e)).isEqualTo(8);
    assertThat(body.indexOf(3, 8, (byte) 0x1e)).as("to is exclusive").isEqualTo(-1);
    assertThat(body.indexOf(5, 5, (byte) 0x1e)).isEqualTo(-1);
    assertThat(body.toString(3, 5, StandardCharsets.UTF_8)).isEqualTo("4héo");
    assertThat(body.toString(0, bytes.length, StandardCharsets.UTF_8))
        .isEqualTo("4a\u001e4héo\u001e1");
    assertThatThrownBy(() -> body.byteAt(bytes.length))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> body.byteAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> body.indexOf(0, bytes.length + 1, (byte) 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> body.toString(1, bytes.length, StandardCharsets.UTF_8))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void readsTheReadableBytesInPlace() {
    byte[] bytes = "4a\u001e4héo\u001e1".getBytes(StandardCharsets.UTF_8);
    CompositeByteBuf buf = chunks("skipped", "4a\u001e4héo\u001e1");
    RequestBody body = new NettyRequestBody(buf);
    readsLikeItsBytes(body, bytes);
    assertThat(buf.readerIndex()).as("nothing moved").isEqualTo(7);
    assertThat(buf.refCnt()).isEqualTo(1);
    body.release();
    assertThat(buf.refCnt()).isZero();
    body.release(); // idempotent: a second release would throw IllegalReferenceCountException
  }

  @Test
  void theByteArrayBodyReadsAlike() {
    byte[] bytes = "4a\u001e4héo\u001e1".getBytes(StandardCharsets.UTF_8);
    RequestBody body = RequestBody.of(bytes);
    readsLikeItsBytes(body, bytes);
    assertThat(body.toArray()).as("a copy").isNotSameAs(bytes);
    body.release();
  }

  @Test
  void anEmptyBody() {
    ByteBuf buf = Unpooled.buffer(0);
    RequestBody body = new NettyRequestBody(buf);
    assertThat(body.length()).isZero();
    assertThat(body.toArray()).isEmpty();
    assertThat(body.indexOf(0, 0, (byte) 0)).isEqualTo(-1);
    body.release();
    assertThat(buf.refCnt()).isZero();
  }
}
