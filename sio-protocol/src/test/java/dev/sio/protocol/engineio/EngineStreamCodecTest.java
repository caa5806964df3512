package dev.sio.protocol.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The encoder side of the WebTransport framing: the rows of docs/design/WEBTRANSPORT.md §1.4 (as
 * asserted in socket.io's packages/engine.io/test/webtransport.mjs) and the header boundaries.
 * {@link EngineStreamVectorsTest} checks the same against bytes written by the real
 * engine.io-parser.
 */
@Timeout(10)
class EngineStreamCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  static final String OPEN_JSON =
      "{\"sid\":\"AAAAAAAAAAAAAAAAAAAA\",\"upgrades\":[],\"pingInterval\":25000,"
          + "\"pingTimeout\":20000,\"maxPayload\":1000000}";

  private static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  private static String hexUtf8(String s) {
    return hex(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void encodesTheRowsOfTheDesign() {
    assertThat(hex(EngineStreamCodec.encode(EnginePacket.message("hello"))))
        .isEqualTo("06" + "3468656c6c6f");
    assertThat(hex(EngineStreamCodec.encode(EnginePacket.binary(new byte[] {1, 2, 3}))))
        .isEqualTo("83" + "010203");
    assertThat(hex(EngineStreamCodec.encode(EnginePacket.of(EnginePacketType.OPEN, null))))
        .isEqualTo("0130");
    assertThat(hex(EngineStreamCodec.encode(EnginePacket.open(OPEN_JSON))))
        .isEqualTo("6b" + hexUtf8("0" + OPEN_JSON));
    assertThat(OPEN_JSON.length() + 1).isEqualTo(0x6b);
    assertThat(
            hex(EngineStreamCodec.encode(EnginePacket.open("{\"sid\":\"AAAAAAAAAAAAAAAAAAAA\"}"))))
        .isEqualTo("1f" + hexUtf8("0{\"sid\":\"AAAAAAAAAAAAAAAAAAAA\"}"));
    assertThat(hex(EngineStreamCodec.encode(EnginePacket.PING_PROBE)))
        .isEqualTo("06" + "3270726f6265");
    assertThat(hex(EngineStreamCodec.encode(EnginePacket.PONG_PROBE)))
        .isEqualTo("06" + "3370726f6265");
    assertThat(hex(EngineStreamCodec.encode(EnginePacket.UPGRADE))).isEqualTo("0135");
    assertThat(hex(EngineStreamCodec.encode(EnginePacket.PING))).isEqualTo("0132");
    assertThat(hex(EngineStreamCodec.encode(EnginePacket.PONG))).isEqualTo("0133");
    String text200 = "4" + "x".repeat(199);
    assertThat(hex(EngineStreamCodec.encode(EnginePacket.message(text200.substring(1)))))
        .isEqualTo("7e00c8" + hexUtf8(text200));
  }

  @Test
  void encodesAMillionBytesWithA64BitLength() {
    byte[] data = new byte[1_000_000];
    Arrays.fill(data, (byte) 7);
    byte[] frame = EngineStreamCodec.encode(EnginePacket.binary(data));
    assertThat(hex(Arrays.copyOf(frame, 9))).isEqualTo("ff00000000000f4240");
    assertThat(Arrays.copyOfRange(frame, 9, frame.length)).isEqualTo(data);
  }

  @Test
  void writesTheShortestHeaderAtEachBoundary() {
    assertThat(hex(EngineStreamCodec.header(1, false))).isEqualTo("01");
    assertThat(hex(EngineStreamCodec.header(125, false))).isEqualTo("7d");
    assertThat(hex(EngineStreamCodec.header(125, true))).isEqualTo("fd");
    assertThat(hex(EngineStreamCodec.header(126, false))).isEqualTo("7e007e");
    assertThat(hex(EngineStreamCodec.header(126, true))).isEqualTo("fe007e");
    assertThat(hex(EngineStreamCodec.header(65535, false))).isEqualTo("7effff");
    assertThat(hex(EngineStreamCodec.header(65536, false))).isEqualTo("7f0000000000010000");
    assertThat(hex(EngineStreamCodec.header(65536, true))).isEqualTo("ff0000000000010000");
    assertThat(hex(EngineStreamCodec.header(Integer.MAX_VALUE, true)))
        .isEqualTo("ff000000007fffffff");
    assertThat(EngineStreamCodec.headerLength(0)).isEqualTo(1);
    assertThat(EngineStreamCodec.headerLength(125)).isEqualTo(1);
    assertThat(EngineStreamCodec.headerLength(126)).isEqualTo(3);
    assertThat(EngineStreamCodec.headerLength(65535)).isEqualTo(3);
    assertThat(EngineStreamCodec.headerLength(65536)).isEqualTo(9);
    assertThatThrownBy(() -> EngineStreamCodec.headerLength(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("payloadLength < 0: -1");
  }

  @Test
  void writesAHeaderIntoAnArray() {
    byte[] out = new byte[12];
    assertThat(EngineStreamCodec.writeHeader(200, true, out, 2)).isEqualTo(5);
    assertThat(hex(out)).isEqualTo("0000fe00c8" + "00000000000000");
  }

  @Test
  void writesAnEmptyBinaryMessageAsNodeDoes() {
    // Node's encoder writes header 0x80 and no payload; its decoder (and ours) refuses it.
    assertThat(hex(EngineStreamCodec.encode(EnginePacket.binary(new byte[0])))).isEqualTo("80");
  }

  @Test
  void keepsTheArrayOfABinaryPayload() {
    byte[] data = {1, 2};
    assertThat(EngineStreamCodec.payload(EnginePacket.binary(data))).isSameAs(data);
    assertThat(EngineStreamCodec.payload(EnginePacket.message("hi")))
        .isEqualTo(new byte[] {'4', 'h', 'i'});
  }

  @Test
  void writesTextAsTextEncoderDoes() {
    assertThat(hex(EngineStreamCodec.encodeUtf8("héllo 😀 世界")))
        .isEqualTo(hexUtf8("héllo 😀 世界"))
        .isEqualTo("68c3a96c6c6f20f09f988020e4b896e7958c");
    assertThat(hex(EngineStreamCodec.encodeUtf8("a\ud800b"))).isEqualTo("61efbfbd62");
    assertThat(hex(EngineStreamCodec.encodeUtf8("a\udc00"))).isEqualTo("61efbfbd");
    assertThat(hex(EngineStreamCodec.encodeUtf8("\ud800"))).isEqualTo("efbfbd");
    assertThat(hex(EngineStreamCodec.encodeUtf8("\udc00\ud800"))).isEqualTo("efbfbdefbfbd");
    assertThat(hex(EngineStreamCodec.encodeUtf8("é\ud83d\ude00\ud83d")))
        .isEqualTo("c3a9f09f9880efbfbd");
    assertThat(hex(EngineStreamCodec.encodeUtf8("\u0000\u007f\u0080\u07ff\u0800\uffff")))
        .isEqualTo("007fc280dfbfe0a080efbfbf");
    assertThat(hex(EngineStreamCodec.encode(EnginePacket.message("a\ud800"))))
        .isEqualTo("05" + "3461efbfbd");
  }
}
