package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Engine.IO v3 forms of a broadcast message: made once beside the v4 forms and shared by every
 * v3 recipient; a text message's forms are the v4 ones themselves.
 */
@Timeout(10)
class WireFormsV3Test {
  private static byte[] nettyEncoded(Object frame) {
    EmbeddedChannel ch = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
    ch.writeOutbound(frame);
    ByteBuf all = Unpooled.buffer();
    ByteBuf part;
    while ((part = ch.readOutbound()) != null) {
      all.writeBytes(part);
      part.release();
    }
    ch.finishAndReleaseAll();
    return ByteBufUtil.getBytes(all);
  }

  @Test
  void aBinaryFrameStartsWithTheTypeByteAtEveryLengthClass() {
    for (int length : new int[] {0, 124, 125, 65_534, 65_535, 70_000}) {
      byte[] data = new byte[length];
      for (int i = 0; i < length; i++) {
        data[i] = (byte) i;
      }
      byte[] withType = new byte[length + 1];
      withType[0] = 4;
      System.arraycopy(data, 0, withType, 1, length);
      EngineMessage m = EngineMessage.binary(data);
      assertThat(ByteBufUtil.getBytes(WireFormsV3.frame(m)))
          .as("length %d", length)
          .isEqualTo(nettyEncoded(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(withType))));
    }
    assertThat(WireFormsV3.pollingText(EngineMessage.binary(new byte[] {1, 2, 3, 4})))
        .isEqualTo("b4AQIDBA==");
  }

  @Test
  void formsAreMadeOncePerProtocolAndShared() {
    EngineMessage m = EngineMessage.binary(new byte[] {7, 8});
    String text = WireFormsV3.pollingText(m);
    assertThat(WireFormsV3.pollingText(m)).isSameAs(text);
    ByteBuf a = WireFormsV3.frame(m);
    ByteBuf b = WireFormsV3.frame(m);
    assertThat(a.memoryAddress() == b.memoryAddress() || !a.hasMemoryAddress()).isTrue();
    a.release(); // a recipient's release never frees the shared frame
    assertThat(ByteBufUtil.getBytes(WireFormsV3.frame(m))).containsExactly(0x82, 3, 4, 7, 8);
    // the v4 forms stay what they were
    assertThat(WireForms.of(m).pollingText()).isEqualTo("bBwg=");
    assertThat(ByteBufUtil.getBytes(WireForms.of(m).frame())).containsExactly(0x82, 2, 7, 8);
  }

  @Test
  void aTextMessageHasTheV4FormsThemselves() {
    EngineMessage m = EngineMessage.text("hi");
    assertThat(WireFormsV3.pollingText(m)).isSameAs(WireForms.of(m).pollingText());
    assertThat(ByteBufUtil.getBytes(WireFormsV3.frame(m))).containsExactly(0x81, 3, '4', 'h', 'i');
  }
}
