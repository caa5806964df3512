package dev.sio.protocol.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

/** Vectors of one Engine.IO v3 packet: text form, base64 form and binary frames. */
class EngineV3PacketCodecTest {
  @Test
  void textFormsAreTheV4Ones() throws ProtocolException {
    assertThat(EngineV3PacketCodec.encodeText(EnginePacket.message("hello"))).isEqualTo("4hello");
    assertThat(EngineV3PacketCodec.encodeText(EnginePacket.PONG)).isEqualTo("3");
    assertThat(EngineV3PacketCodec.decodeText("2probe")).isEqualTo(EnginePacket.PING_PROBE);
    assertThat(EngineV3PacketCodec.decodeText("5")).isEqualTo(EnginePacket.UPGRADE);
  }

  @Test
  void base64MessagesCarryTheirType() throws ProtocolException {
    byte[] data = {1, 2, 3, 4};
    assertThat(EngineV3PacketCodec.encodeText(EnginePacket.binary(data))).isEqualTo("b4AQIDBA==");
    assertThat(EngineV3PacketCodec.decodeText("b4AQIDBA==")).isEqualTo(EnginePacket.binary(data));
  }

  @Test
  void binaryFramesStartWithTheType() throws ProtocolException {
    assertThat(EngineV3PacketCodec.encodeBinary(new byte[] {1, 2, 3, 4}))
        .containsExactly(4, 1, 2, 3, 4);
    assertThat(EngineV3PacketCodec.decodeBinary(new byte[] {4, 1, 2, 3, 4}))
        .isEqualTo(EnginePacket.binary(new byte[] {1, 2, 3, 4}));
    assertThat(EngineV3PacketCodec.decodeBinary(new byte[] {2}).type())
        .isEqualTo(EnginePacketType.PING);
  }

  @Test
  void malformedPackets() {
    assertThatThrownBy(() -> EngineV3PacketCodec.decodeText("abc"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Unknown packet type 'a'");
    assertThatThrownBy(() -> EngineV3PacketCodec.decodeText(""))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Empty packet");
    assertThatThrownBy(() -> EngineV3PacketCodec.decodeBinary(new byte[0]))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Empty packet");
    assertThatThrownBy(() -> EngineV3PacketCodec.decodeBinary(new byte[] {(byte) 0xff, 1}))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Unknown packet type 0xff");
  }
}
