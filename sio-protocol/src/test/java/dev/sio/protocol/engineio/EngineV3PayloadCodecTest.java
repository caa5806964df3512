package dev.sio.protocol.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vectors of the Engine.IO v3 payload codec, from the v3 protocol description and the official v3
 * server suite (engine.io-protocol/v3-test-suite), both directions, and its framing errors.
 */
class EngineV3PayloadCodecTest {
  private static List<EnginePacket> text(String payload) throws ProtocolException {
    List<EnginePacket> out = new ArrayList<>();
    EngineV3PayloadCodec.decodeText(payload, out::add);
    return out;
  }

  private static List<EnginePacket> binary(int... bytes) throws ProtocolException {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    List<EnginePacket> out = new ArrayList<>();
    EngineV3PayloadCodec.decodeBinary(b, out::add);
    return out;
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void encodesTextRecordsWithTheirLength() {
    assertThat(EngineV3PayloadCodec.encodeText(List.of(EnginePacket.message("hello"))))
        .isEqualTo("6:4hello");
    assertThat(
            EngineV3PayloadCodec.encodeText(
                List.of(
                    EnginePacket.message("test1"),
                    EnginePacket.message("test2"),
                    EnginePacket.message("test3"))))
        .isEqualTo("6:4test16:4test26:4test3");
    assertThat(
            EngineV3PayloadCodec.encodeText(
                List.of(EnginePacket.message("hello"), EnginePacket.binary(bytes(1, 2, 3, 4)))))
        .isEqualTo("6:4hello10:b4AQIDBA==");
    assertThat(EngineV3PayloadCodec.encodeText(List.of(EnginePacket.PONG))).isEqualTo("1:3");
    assertThat(EngineV3PayloadCodec.encodeText(List.of())).isEqualTo("0:");
  }

  @Test
  void textLengthCountsUtf16Units() throws ProtocolException {
    // "é" is one UTF-16 unit (two UTF-8 bytes); "😀" is two units (four bytes), as JS counts
    assertThat(EngineV3PayloadCodec.encodeText(List.of(EnginePacket.message("é😀"))))
        .isEqualTo("4:4é😀");
    assertThat(text("4:4é😀")).containsExactly(EnginePacket.message("é😀"));
  }

  @Test
  void decodesTextPayloads() throws ProtocolException {
    assertThat(text("6:4hello")).containsExactly(EnginePacket.message("hello"));
    assertThat(text("6:4test16:4test26:4test3"))
        .containsExactly(
            EnginePacket.message("test1"),
            EnginePacket.message("test2"),
            EnginePacket.message("test3"));
    assertThat(text("6:4hello10:b4AQIDBA=="))
        .containsExactly(EnginePacket.message("hello"), EnginePacket.binary(bytes(1, 2, 3, 4)));
    assertThat(text("1:2")).containsExactly(EnginePacket.PING);
    assertThat(text("1:1")).containsExactly(EnginePacket.CLOSE);
    assertThat(text("0:")).isEmpty(); // an empty record is skipped
    assertThat(text("1:40:1:6")).containsExactly(EnginePacket.message(""), EnginePacket.NOOP);
  }

  @Test
  void textFramingErrors() {
    assertError("", "Empty payload");
    assertError("abc", "Invalid payload length");
    assertError(":4", "Invalid payload length");
    assertError("6", "Invalid payload length");
    assertError("6:4hell", "Truncated payload");
    assertError("x1:2", "Invalid payload length");
    assertError("-1:2", "Invalid payload length");
    assertError("12345678901:2", "Invalid payload length");
    assertError("1:9", "Unknown packet type '9'");
    assertError("2:b9", "Unknown packet type '9'");
    assertError("1:b", "Empty packet");
    assertError("4:b4**", "Invalid base64 in binary packet");
    assertError("1:2x", "Invalid payload length"); // a good record, then garbage
  }

  @Test
  void packetsBeforeAFramingErrorAreDelivered() {
    List<EnginePacket> out = new ArrayList<>();
    assertThatThrownBy(() -> EngineV3PayloadCodec.decodeText("6:4hello3:xyz", out::add))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Unknown packet type 'x'");
    assertThat(out).containsExactly(EnginePacket.message("hello"));
  }

  @Test
  void aConsumerStopsTheDecode() throws ProtocolException {
    List<EnginePacket> out = new ArrayList<>();
    EngineV3PayloadCodec.decodeText(
        "1:16:4hello",
        p -> {
          out.add(p);
          return false;
        });
    assertThat(out).containsExactly(EnginePacket.CLOSE);
  }

  @Test
  void encodesTheBinaryPayloadOfTheSuite() {
    // the vector of "sends and receives a payload containing plain text and binary packets"
    byte[] payload =
        EngineV3PayloadCodec.encodeBinary(
            List.of(EnginePacket.message("hello"), EnginePacket.binary(bytes(1, 2, 3, 4))));
    assertThat(payload)
        .containsExactly(bytes(0, 6, 255, 52, 104, 101, 108, 108, 111, 1, 5, 255, 4, 1, 2, 3, 4));
  }

  @Test
  void binaryTextRecordsAreUtf8WithTheirByteLength() throws ProtocolException {
    byte[] payload = EngineV3PayloadCodec.encodeBinary(List.of(EnginePacket.message("é")));
    assertThat(payload).containsExactly(bytes(0, 3, 255, '4', 0xc3, 0xa9));
    assertThat(binary(0, 3, 255, '4', 0xc3, 0xa9)).containsExactly(EnginePacket.message("é"));
  }

  @Test
  void binaryLengthsOfSeveralDigits() throws ProtocolException {
    byte[] data = new byte[300];
    data[299] = 7;
    byte[] payload = EngineV3PayloadCodec.encodeBinary(List.of(EnginePacket.binary(data)));
    assertThat(payload).startsWith(bytes(1, 3, 0, 1, 255, 4));
    assertThat(payload).hasSize(5 + 301);
    List<EnginePacket> out = new ArrayList<>();
    EngineV3PayloadCodec.decodeBinary(payload, out::add);
    assertThat(out).containsExactly(EnginePacket.binary(data));
  }

  @Test
  void decodesBinaryPayloads() throws ProtocolException {
    assertThat(binary(0, 6, 255, 52, 104, 101, 108, 108, 111, 1, 5, 255, 4, 1, 2, 3, 4))
        .containsExactly(EnginePacket.message("hello"), EnginePacket.binary(bytes(1, 2, 3, 4)));
    assertThat(binary(0, 1, 255, '2')).containsExactly(EnginePacket.PING);
    assertThat(binary(1, 1, 255, 4)).containsExactly(EnginePacket.binary(new byte[0]));
  }

  @Test
  void binaryFramingErrors() {
    assertBinaryError(bytes(), "Empty payload");
    assertBinaryError(bytes(0), "Invalid payload length");
    assertBinaryError(bytes(0, 255, '2'), "Invalid payload length"); // no digit
    assertBinaryError(bytes(0, 1), "Invalid payload length"); // no 0xff
    assertBinaryError(bytes(0, 10, 255, '2'), "Invalid payload length"); // not a digit
    assertBinaryError(bytes(0, 5, 255, '4', 'a'), "Truncated payload");
    assertBinaryError(bytes(0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 255), "Invalid payload length");
    assertBinaryError(bytes(0, 2, 255, '4', 0xff), "Invalid UTF-8 in payload");
    assertBinaryError(bytes(1, 1, 255, 9), "Unknown packet type 0x09");
    assertBinaryError(bytes(1, 0, 255), "Empty packet");
    assertBinaryError(bytes(0, 1, 255, 'x'), "Unknown packet type 'x'");
  }

  @Test
  void roundTripsMixedPayloads() throws ProtocolException {
    List<EnginePacket> packets =
        List.of(
            EnginePacket.open("{\"sid\":\"abc\"}"),
            EnginePacket.message("2[\"ev\",\"ü\"]"),
            EnginePacket.binary("bin".getBytes(StandardCharsets.UTF_8)),
            EnginePacket.NOOP);
    assertThat(text(EngineV3PayloadCodec.encodeText(packets))).isEqualTo(packets);
    List<EnginePacket> out = new ArrayList<>();
    EngineV3PayloadCodec.decodeBinary(EngineV3PayloadCodec.encodeBinary(packets), out::add);
    assertThat(out).isEqualTo(packets);
  }

  private static void assertError(String payload, String message) {
    assertThatThrownBy(() -> text(payload))
        .as(payload)
        .isInstanceOf(ProtocolException.class)
        .hasMessage(message);
  }

  private static void assertBinaryError(byte[] payload, String message) {
    assertThatThrownBy(() -> EngineV3PayloadCodec.decodeBinary(payload, p -> true))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(message);
  }
}
