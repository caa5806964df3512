package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WireFormsTest {
  /** What Netty's own server-side encoder writes for {@code frame}. */
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

  private static byte[] ours(EngineMessage m) {
    return ByteBufUtil.getBytes(WireForms.of(m).frame());
  }

  @Test
  void textFramesMatchNettysEncoderAtEveryLengthClass() {
    for (int length : new int[] {0, 1, 124, 125, 126, 65_534, 65_535, 65_536, 100_000}) {
      String text = "é".repeat(length / 2) + "a".repeat(length % 2);
      EngineMessage m = EngineMessage.text(text);
      byte[] expected =
          nettyEncoded(
              new TextWebSocketFrame(Unpooled.copiedBuffer("4" + text, StandardCharsets.UTF_8)));
      assertThat(ours(m)).as("length %d", length).isEqualTo(expected);
      assertThat(WireForms.of(m).pollingText()).isEqualTo("4" + text);
    }
  }

  @Test
  void binaryFramesMatchNettysEncoder() {
    byte[] data = new byte[70_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    EngineMessage m = EngineMessage.binary(data);
    assertThat(ours(m))
        .isEqualTo(nettyEncoded(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data))));
    assertThat(WireForms.of(EngineMessage.binary(new byte[] {1, 2, 3, 4})).pollingText())
        .isEqualTo("bAQIDBA==");
  }

  @Test
  void formsAreMadeOnceAndSharedWithoutCopies() {
    EngineMessage m = EngineMessage.text("shared");
    WireForms first = WireForms.of(m);
    assertThat(WireForms.of(m)).isSameAs(first);
    ByteBuf a = first.frame();
    ByteBuf b = first.frame();
    assertThat(a.memoryAddress() == b.memoryAddress() || !a.hasMemoryAddress()).isTrue();
    assertThat(a.isDirect()).isTrue();
    a.readByte();
    assertThat(b.readerIndex()).isZero(); // independent indexes
    a.release();
    b.release();
    a.release(); // releases of a recipient's duplicate never free the shared frame
    assertThat(ByteBufUtil.getBytes(first.frame())).hasSize(2 + 7);
  }
}
