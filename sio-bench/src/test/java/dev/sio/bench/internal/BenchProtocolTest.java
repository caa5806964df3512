package dev.sio.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchProtocolTest {
  private static ByteBuf buf(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
  }

  @Test
  void writesNumbers() {
    for (long v : new long[] {0, 7, 10, 99, 100, 123_456_789, Long.MAX_VALUE}) {
      ByteBuf b = Unpooled.buffer(2).writeByte('x');
      BenchProtocol.writeNumber(b, v);
      assertThat(b.toString(StandardCharsets.US_ASCII)).isEqualTo("x" + v);
    }
  }

  @Test
  void readsTheAckIdAndFindsTheArguments() {
    ByteBuf b = buf("43123[\"abc\"]");
    assertThat(BenchProtocol.readNumber(b, 2, b.writerIndex())).isEqualTo(123);
    assertThat(BenchProtocol.skipDigits(b, 2, b.writerIndex())).isEqualTo(5);
    assertThat(b.getByte(5)).isEqualTo((byte) '[');
  }

  @Test
  void noDigitsReadsAsMinusOne() {
    ByteBuf b = buf("43[]");
    assertThat(BenchProtocol.readNumber(b, 2, b.writerIndex())).isEqualTo(-1);
    assertThat(BenchProtocol.skipDigits(b, 2, b.writerIndex())).isEqualTo(2);
  }

  @Test
  void matchesTheBroadcastPrefix() {
    ByteBuf delivery = buf("42[\"broadcast\",\"123:abc\"]");
    assertThat(BenchProtocol.startsWith(delivery, 0, BenchProtocol.BROADCAST_DELIVERY_PREFIX))
        .isTrue();
    int at = BenchProtocol.BROADCAST_DELIVERY_PREFIX.length;
    assertThat(BenchProtocol.readNumber(delivery, at, delivery.writerIndex())).isEqualTo(123);
    assertThat(
            BenchProtocol.startsWith(
                buf("42[\"echo\"]"), 0, BenchProtocol.BROADCAST_DELIVERY_PREFIX))
        .isFalse();
    assertThat(BenchProtocol.startsWith(buf("42"), 0, BenchProtocol.BROADCAST_DELIVERY_PREFIX))
        .isFalse();
  }

  @Test
  void paddingHasTheAskedLength() {
    assertThat(BenchProtocol.padding(0)).isEmpty();
    assertThat(BenchProtocol.padding(32)).hasSize(32).matches("[a-z]+");
  }
}
