package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;

/** The frame rules, as the frame decoder applies them to each frame it makes. */
class WebSocketFrameRulesTest {
  private static EmbeddedChannel decoder(boolean extensions) {
    return new EmbeddedChannel(
        new WebSocketHandshakes.StrictFrameDecoder(
            WebSocketDecoderConfig.newBuilder()
                .allowExtensions(extensions)
                .closeOnProtocolViolation(false)
                .build()));
  }

  /** A masked (zero key) frame: {@code fin}, {@code rsv} bits, {@code opcode}, one byte 'a'. */
  private static byte[] frame(boolean fin, int rsv, int opcode) {
    return new byte[] {(byte) ((fin ? 0x80 : 0) | rsv << 4 | opcode), (byte) 0x81, 0, 0, 0, 0, 'a'};
  }

  private static ByteBuf bytes(byte[]... frames) {
    ByteBuf b = Unpooled.buffer();
    for (byte[] f : frames) {
      b.writeBytes(f);
    }
    return b;
  }

  @Test
  void aMessageOfMaxFragmentsPassesAndOneMoreIsAPolicyViolation() {
    EmbeddedChannel ch = decoder(false);
    byte[][] message = new byte[WebSocketFrameRules.MAX_FRAGMENTS][];
    message[0] = frame(false, 0, 1);
    for (int i = 1; i < message.length - 1; i++) {
      message[i] = frame(false, 0, 0);
    }
    message[message.length - 1] = frame(true, 0, 0);
    ch.writeInbound(bytes(message)); // exactly the limit: the counter starts again after it
    int frames = 0;
    for (Object f; (f = ch.readInbound()) != null; frames++) {
      ((WebSocketFrame) f).release();
    }
    assertThat(frames).isEqualTo(WebSocketFrameRules.MAX_FRAGMENTS);

    message[message.length - 1] = frame(false, 0, 0); // the same message, not final ...
    byte[] after = frame(true, 0, 0); // ... so this frame is one too many
    assertThatThrownBy(() -> ch.writeInbound(bytes(message), bytes(after, frame(true, 0, 1))))
        .isInstanceOf(CorruptedWebSocketFrameException.class)
        .hasMessage("Too many message fragments")
        .satisfies(
            e ->
                assertThat(((CorruptedWebSocketFrameException) e).closeStatus().code())
                    .isEqualTo(1008));
    frames = 0;
    for (Object f; (f = ch.readInbound()) != null; frames++) {
      ((WebSocketFrame) f).release(); // the frames before the violation are delivered
    }
    assertThat(frames).isEqualTo(WebSocketFrameRules.MAX_FRAGMENTS);
    ch.writeInbound(bytes(frame(true, 0, 1))); // after a violation every byte is dropped
    assertThat((Object) ch.readInbound()).isNull();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void rsv1WithoutTheExtensionIsAProtocolErrorAndTheFramesBeforeItArrive() {
    EmbeddedChannel ch = decoder(true);
    assertThatThrownBy(() -> ch.writeInbound(bytes(frame(true, 0, 1), frame(true, 4, 1))))
        .isInstanceOf(CorruptedWebSocketFrameException.class)
        .hasMessage("RSV1 must be clear")
        .satisfies(
            e ->
                assertThat(((CorruptedWebSocketFrameException) e).closeStatus().code())
                    .isEqualTo(1002));
    TextWebSocketFrame first = ch.readInbound();
    assertThat(first.text()).isEqualTo("a");
    first.release();
    assertThat((Object) ch.readInbound()).isNull();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void rsv2IsAProtocolErrorEvenWithExtensions() {
    EmbeddedChannel ch = decoder(true);
    assertThatThrownBy(() -> ch.writeInbound(bytes(frame(true, 2, 1))))
        .isInstanceOf(CorruptedWebSocketFrameException.class)
        .hasMessage("RSV2 and RSV3 must be clear");
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void fragmentsOfSeveralMessagesAreCountedPerMessage() {
    EmbeddedChannel ch = decoder(false);
    for (int m = 0; m < 3; m++) {
      ch.writeInbound(bytes(frame(false, 0, 1), frame(false, 0, 0), frame(true, 0, 0)));
      WebSocketFrame first = ch.readInbound();
      WebSocketFrame middle = ch.readInbound();
      WebSocketFrame last = ch.readInbound();
      assertThat(first).isInstanceOf(TextWebSocketFrame.class);
      assertThat(middle).isInstanceOf(ContinuationWebSocketFrame.class);
      assertThat(last.isFinalFragment()).isTrue();
      first.release();
      middle.release();
      last.release();
    }
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }
}
