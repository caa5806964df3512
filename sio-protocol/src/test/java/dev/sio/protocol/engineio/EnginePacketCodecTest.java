package dev.sio.protocol.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EnginePacketCodecTest {

  @Test
  void encodesEveryTypeInTextForm() {
    assertThat(EnginePacketCodec.encodeText(EnginePacket.open("{\"sid\":\"abc\"}")))
        .isEqualTo("0{\"sid\":\"abc\"}");
    assertThat(EnginePacketCodec.encodeText(EnginePacket.CLOSE)).isEqualTo("1");
    assertThat(EnginePacketCodec.encodeText(EnginePacket.PING)).isEqualTo("2");
    assertThat(EnginePacketCodec.encodeText(EnginePacket.PONG)).isEqualTo("3");
    assertThat(EnginePacketCodec.encodeText(EnginePacket.PING_PROBE)).isEqualTo("2probe");
    assertThat(EnginePacketCodec.encodeText(EnginePacket.PONG_PROBE)).isEqualTo("3probe");
    assertThat(EnginePacketCodec.encodeText(EnginePacket.message("hello"))).isEqualTo("4hello");
    assertThat(EnginePacketCodec.encodeText(EnginePacket.message("€"))).isEqualTo("4€");
    assertThat(EnginePacketCodec.encodeText(EnginePacket.message(""))).isEqualTo("4");
    assertThat(EnginePacketCodec.encodeText(EnginePacket.UPGRADE)).isEqualTo("5");
    assertThat(EnginePacketCodec.encodeText(EnginePacket.NOOP)).isEqualTo("6");
  }

  @Test
  void encodesBinaryAsBase64InTextForm() {
    assertThat(EnginePacketCodec.encodeText(EnginePacket.binary(new byte[] {1, 2, 3, 4})))
        .isEqualTo("bAQIDBA==");
    assertThat(EnginePacketCodec.encodeText(EnginePacket.binary(new byte[0]))).isEqualTo("b");
  }

  @Test
  void appendsTextForm() {
    StringBuilder out = new StringBuilder("x");
    EnginePacketCodec.appendText(EnginePacket.message("hi"), out);
    EnginePacketCodec.appendText(EnginePacket.PING, out);
    EnginePacketCodec.appendText(EnginePacket.binary(new byte[] {(byte) 0xff}), out);
    assertThat(out.toString()).isEqualTo("x4hi2b/w==");
  }

  @Test
  void decodesEveryTypeFromTextForm() throws ProtocolException {
    assertThat(EnginePacketCodec.decodeText("0{\"sid\":\"abc\"}"))
        .isEqualTo(EnginePacket.open("{\"sid\":\"abc\"}"));
    assertThat(EnginePacketCodec.decodeText("1")).isEqualTo(EnginePacket.CLOSE);
    assertThat(EnginePacketCodec.decodeText("2")).isEqualTo(EnginePacket.PING);
    assertThat(EnginePacketCodec.decodeText("2probe")).isEqualTo(EnginePacket.PING_PROBE);
    assertThat(EnginePacketCodec.decodeText("3")).isEqualTo(EnginePacket.PONG);
    assertThat(EnginePacketCodec.decodeText("3probe")).isEqualTo(EnginePacket.PONG_PROBE);
    assertThat(EnginePacketCodec.decodeText("4hello")).isEqualTo(EnginePacket.message("hello"));
    assertThat(EnginePacketCodec.decodeText("4")).isEqualTo(EnginePacket.message(""));
    assertThat(EnginePacketCodec.decodeText("4€\u001e")).isEqualTo(EnginePacket.message("€\u001e"));
    assertThat(EnginePacketCodec.decodeText("5")).isEqualTo(EnginePacket.UPGRADE);
    assertThat(EnginePacketCodec.decodeText("6")).isEqualTo(EnginePacket.NOOP);
  }

  @Test
  void decodesTypeAndPayload() throws ProtocolException {
    EnginePacket p = EnginePacketCodec.decodeText("4hello");
    assertThat(p.type()).isEqualTo(EnginePacketType.MESSAGE);
    assertThat(p.data()).isEqualTo("hello");
    assertThat(p.isBinary()).isFalse();
    assertThat(p.binary()).isNull();
  }

  @Test
  void decodesARangeOfAString() throws ProtocolException {
    assertThat(EnginePacketCodec.decodeText("xx4hiyy", 2, 5)).isEqualTo(EnginePacket.message("hi"));
  }

  @Test
  void decodesBase64BinaryFromTextForm() throws ProtocolException {
    EnginePacket p = EnginePacketCodec.decodeText("bAQIDBA==");
    assertThat(p.type()).isEqualTo(EnginePacketType.MESSAGE);
    assertThat(p.isBinary()).isTrue();
    assertThat(p.binary()).containsExactly(1, 2, 3, 4);
    assertThat(EnginePacketCodec.decodeText("bAQIDBA").binary()).containsExactly(1, 2, 3, 4);
    assertThat(EnginePacketCodec.decodeText("b_w==").binary()).containsExactly(0xff);
    assertThat(EnginePacketCodec.decodeText("b/w==").binary()).containsExactly(0xff);
    assertThat(EnginePacketCodec.decodeText("b").binary()).isEmpty();
  }

  @Test
  void decodesBinaryFrameWithoutCopy() {
    byte[] frame = {0x34, 1, 2};
    EnginePacket p = EnginePacketCodec.decodeBinary(frame);
    assertThat(p.type()).isEqualTo(EnginePacketType.MESSAGE);
    assertThat(p.binary()).isSameAs(frame);
  }

  @Test
  void rejectsEmptyPacket() {
    assertThatThrownBy(() -> EnginePacketCodec.decodeText(""))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Empty packet");
    assertThatThrownBy(() -> EnginePacketCodec.decodeText("abc", 1, 1))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Empty packet");
  }

  @Test
  void rejectsUnknownType() {
    assertThatThrownBy(() -> EnginePacketCodec.decodeText("abc"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Unknown packet type 'a'");
    assertThatThrownBy(() -> EnginePacketCodec.decodeText("7"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Unknown packet type '7'");
    assertThatThrownBy(() -> EnginePacketCodec.decodeText("/hello"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Unknown packet type '/'");
  }

  @Test
  void rejectsBadBase64() {
    assertThatThrownBy(() -> EnginePacketCodec.decodeText("b!!!!"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Invalid base64 in binary packet");
    assertThatThrownBy(() -> EnginePacketCodec.decodeText("bA"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Invalid base64 in binary packet");
  }

  @Test
  void roundTripsNonAsciiText() throws ProtocolException {
    String text = "héllo 😀 世界";
    String wire = EnginePacketCodec.encodeText(EnginePacket.message(text));
    assertThat(wire.getBytes(StandardCharsets.UTF_8)[0]).isEqualTo((byte) '4');
    assertThat(EnginePacketCodec.decodeText(wire).data()).isEqualTo(text);
  }

  @Test
  void typeCodesMapBothWays() {
    for (EnginePacketType type : EnginePacketType.values()) {
      assertThat(EnginePacketType.fromCode(type.code())).isSameAs(type);
      assertThat(type.code()).isEqualTo((char) ('0' + type.ordinal()));
    }
    assertThat(EnginePacketType.fromCode('7')).isNull();
    assertThat(EnginePacketType.fromCode('/')).isNull();
    assertThat(EnginePacketType.fromCode('b')).isNull();
    assertThat(EnginePacketType.fromCode(-1)).isNull();
  }
}
