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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The frame rules, as the frame decoder applies them to each frame it makes. */
class WebSocketFrameRulesTest {
  private static EmbeddedChannel decoder(boolean extensions) {
    return new EmbeddedChannel(
        new StrictFrameDecoder(
            WebSocketDecoderConfig.newBuilder()
                .allowExtensions(extensions)
                .closeOnProtocolViolation(false)
                .build()));
  }

  /** A masked (zero key) frame: {@code fin}, {@code rsv} bits, {@code opcode}, one byte 'a'. */
  private static byte[] frame(boolean fin, int rsv, int opcode) {
    return new byte[] {(byte) ((fin ? 0x80 : 0) | rsv << 4 | opcode), (byte) 0x81, 0, 0, 0, 0, 'a'};
  }

  /** A masked (zero key) frame of {@code payload} (under 126 bytes). */
  private static byte[] frame(boolean fin, int opcode, byte[] payload) {
    byte[] f = new byte[6 + payload.length];
    f[0] = (byte) ((fin ? 0x80 : 0) | opcode);
    f[1] = (byte) (0x80 | payload.length);
    System.arraycopy(payload, 0, f, 6, payload.length);
    return f;
  }

  private static byte[] hex(String hex) {
    byte[] b = new byte[hex.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
    }
    return b;
  }

  /** A decoder checking UTF-8 itself, as for a connection without permessage-deflate. */
  private static EmbeddedChannel utf8Decoder() {
    EmbeddedChannel ch = decoder(false);
    ch.pipeline().get(StrictFrameDecoder.class).checkUtf8();
    return ch;
  }

  private static int drain(EmbeddedChannel ch) {
    int frames = 0;
    for (Object f; (f = ch.readInbound()) != null; frames++) {
      ((WebSocketFrame) f).release();
    }
    return frames;
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

  @Test
  void utf8SplitAnywhereAcrossFragmentsPasses() {
    byte[] text =
        hex("61c3a9e282acf09f9880ed9fbfee8080f48fbfbf"); // a é € 😀 U+D7FF U+E000 U+10FFFF
    EmbeddedChannel ch = utf8Decoder();
    for (int cut = 0; cut <= text.length; cut++) {
      byte[] head = java.util.Arrays.copyOfRange(text, 0, cut);
      byte[] tail = java.util.Arrays.copyOfRange(text, cut, text.length);
      ch.writeInbound(bytes(frame(false, 1, head), frame(true, 0, tail)));
      assertThat(drain(ch)).as("cut at %d", cut).isEqualTo(2);
    }
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "80", // a continuation byte first
        "c0af", // overlong two-byte form
        "c1bf",
        "e08080", // overlong three-byte form
        "eda080", // a surrogate
        "f08f8080", // overlong four-byte form
        "f4908080", // beyond U+10FFFF
        "f5808080",
        "ff",
        "c3", // the message ends inside a character
        "e282",
        "61c328" // a continuation byte missing
      })
  void textThatIsNotUtf8Is1007AndTheFramesBeforeItArrive(String hex) {
    EmbeddedChannel ch = utf8Decoder();
    assertThatThrownBy(
            () -> ch.writeInbound(bytes(frame(true, 1, hex("6f6b")), frame(true, 1, hex(hex)))))
        .isInstanceOf(CorruptedWebSocketFrameException.class)
        .hasMessage("bytes are not UTF-8")
        .satisfies(
            e ->
                assertThat(((CorruptedWebSocketFrameException) e).closeStatus().code())
                    .isEqualTo(1007));
    assertThat(drain(ch)).isEqualTo(1);
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void aMessageEndingInsideACharacterAcrossFragmentsIs1007() {
    EmbeddedChannel ch = utf8Decoder();
    assertThatThrownBy(
            () -> ch.writeInbound(bytes(frame(false, 1, hex("61e2")), frame(true, 0, hex("82")))))
        .hasMessage("bytes are not UTF-8");
    assertThat(drain(ch)).isEqualTo(1); // the first fragment
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void binaryMessagesAndUncheckedDecodersLetAnyBytesThrough() {
    EmbeddedChannel checked = utf8Decoder();
    checked.writeInbound(bytes(frame(false, 2, hex("ff")), frame(true, 0, hex("c0af"))));
    assertThat(drain(checked)).isEqualTo(2);
    assertThat(checked.finishAndReleaseAll()).isFalse();
    EmbeddedChannel unchecked = decoder(true); // with deflate: Netty's validator checks later
    unchecked.writeInbound(bytes(frame(true, 1, hex("ff"))));
    assertThat(drain(unchecked)).isEqualTo(1);
    assertThat(unchecked.finishAndReleaseAll()).isFalse();
  }
}
