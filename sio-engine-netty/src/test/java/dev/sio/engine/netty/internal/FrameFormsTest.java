package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.internal.PollingForms;
import dev.sio.engine.internal.Utf8;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wire forms of a broadcast message: the Netty binding's finished frame ({@link FrameForms})
 * and the session layer's polling forms ({@link PollingForms}), each made once and shared, and the
 * Engine.IO v3 forms beside the v4 ones.
 */
@Timeout(10)
class FrameFormsTest {
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
    return ByteBufUtil.getBytes(FrameForms.of(m).frame());
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
      assertThat(PollingForms.of(m).pollingText()).isEqualTo("4" + text);
      assertThat(PollingForms.of(m).pollingBytes())
          .isEqualTo(("4" + text).getBytes(StandardCharsets.UTF_8).length);
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
    assertThat(PollingForms.of(EngineMessage.binary(new byte[] {1, 2, 3, 4})).pollingText())
        .isEqualTo("bAQIDBA==");
  }

  @Test
  void formsAreMadeOnceAndSharedWithoutCopies() {
    EngineMessage m = EngineMessage.text("shared");
    FrameForms first = FrameForms.of(m);
    assertThat(FrameForms.of(m)).isSameAs(first);
    assertThat(PollingForms.of(m)).isSameAs(PollingForms.of(m));
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

  @Test
  void aV3BinaryFrameStartsWithTheTypeByteAtEveryLengthClass() {
    for (int length : new int[] {0, 124, 125, 65_534, 65_535, 70_000}) {
      byte[] data = new byte[length];
      for (int i = 0; i < length; i++) {
        data[i] = (byte) i;
      }
      byte[] withType = new byte[length + 1];
      withType[0] = 4;
      System.arraycopy(data, 0, withType, 1, length);
      EngineMessage m = EngineMessage.binary(data);
      assertThat(ours(PollingForms.v3Frames(m)))
          .as("length %d", length)
          .isEqualTo(nettyEncoded(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(withType))));
    }
    assertThat(PollingForms.pollingTextV3(EngineMessage.binary(new byte[] {1, 2, 3, 4})))
        .isEqualTo("b4AQIDBA==");
  }

  @Test
  void v3FormsAreMadeOnceAndShared() {
    EngineMessage m = EngineMessage.binary(new byte[] {7, 8});
    String text = PollingForms.pollingTextV3(m);
    assertThat(PollingForms.pollingTextV3(m)).isSameAs(text);
    EngineMessage v3 = PollingForms.v3Frames(m);
    assertThat(PollingForms.v3Frames(m)).isSameAs(v3);
    ByteBuf a = FrameForms.of(v3).frame();
    a.release(); // a recipient's release never frees the shared frame
    assertThat(ours(v3)).containsExactly(0x82, 3, 4, 7, 8);
    // the v4 forms stay what they were
    assertThat(PollingForms.of(m).pollingText()).isEqualTo("bBwg=");
    assertThat(ours(m)).containsExactly(0x82, 2, 7, 8);
  }

  @Test
  void aV3TextMessageHasTheV4FormsThemselves() {
    EngineMessage m = EngineMessage.text("hi");
    assertThat(PollingForms.pollingTextV3(m)).isSameAs(PollingForms.of(m).pollingText());
    assertThat(PollingForms.v3Frames(m)).isSameAs(m);
    assertThat(ours(m)).containsExactly(0x81, 3, '4', 'h', 'i');
  }

  @Test
  void utf8LengthCountsAsTheEncoderEncodes() {
    for (String s :
        new String[] {"", "a", "é", "€", "😀", "a😀é€", "\uD800", "\uDC00x", "\uD800\uD800"}) {
      assertThat(Utf8.length(s)).as("%s", s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  private static ByteBuf payload(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return Unpooled.buffer(n).writeBytes(b); // a releasable buffer even when empty
  }

  @Test
  void encodesNettyFramesByteForByteAsNettysServerEncoder() {
    List<Supplier<WebSocketFrame>> frames =
        List.of(
            () -> new PongWebSocketFrame(payload(0)),
            () -> new PongWebSocketFrame(payload(125)),
            () -> new PingWebSocketFrame(payload(3)),
            () -> new CloseWebSocketFrame(1000, null),
            () -> new CloseWebSocketFrame(true, 0, payload(0)),
            () -> new CloseWebSocketFrame(4000, "a reason"),
            () -> new BinaryWebSocketFrame(payload(125)),
            () -> new BinaryWebSocketFrame(payload(126)), // 16-bit length
            () -> new BinaryWebSocketFrame(payload(1024)),
            () -> new BinaryWebSocketFrame(payload(1025)), // the payload follows uncopied
            () -> new BinaryWebSocketFrame(payload(70_000)), // 64-bit length
            () -> new TextWebSocketFrame(false, 4, payload(10)), // not final, RSV1
            () -> new ContinuationWebSocketFrame(true, 0, payload(5)));
    for (Supplier<WebSocketFrame> frame : frames) {
      EmbeddedChannel netty = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
      netty.writeOutbound(frame.get());
      ByteBuf expected = Unpooled.buffer();
      for (ByteBuf b; (b = netty.readOutbound()) != null; ) {
        expected.writeBytes(b);
        b.release();
      }
      WebSocketFrame ours = frame.get();
      String what = ours.toString();
      ByteBuf actual = FrameForms.encode(ByteBufAllocator.DEFAULT, ours);
      assertThat(ByteBufUtil.hexDump(actual)).as(what).isEqualTo(ByteBufUtil.hexDump(expected));
      actual.release();
      assertThat(ours.refCnt()).as("consumed: %s", what).isZero(); // copied or moved over
      expected.release();
      netty.finishAndReleaseAll();
    }
  }

  @Test
  void aControlFrameOver125BytesFailsAsWithNettysEncoder() {
    PingWebSocketFrame ping = new PingWebSocketFrame(payload(126));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FrameForms.encode(ByteBufAllocator.DEFAULT, ping))
        .isInstanceOf(TooLongFrameException.class);
    assertThat(ping.refCnt()).isZero();
  }
}
