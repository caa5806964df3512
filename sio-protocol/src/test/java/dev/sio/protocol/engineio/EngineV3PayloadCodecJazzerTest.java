package dev.sio.protocol.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sio.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer targets for the Engine.IO v3 payload codec: {@code decodeText} takes the input as a UTF-8
 * text payload, {@code decodeBinary} as a binary payload.
 *
 * <p>Invariants: decoding ends with packets or a {@link ProtocolException} with a message, nothing
 * else (no runtime exception, no unbounded allocation); the packets of a payload that decodes
 * encode (text and binary forms both) and decode back to the same packets.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/sio/protocol/engineio/
 * EngineV3PayloadCodecJazzerTestInputs/}; {@code ./sio fuzz payload-v3} and {@code ./sio fuzz
 * payload-v3-binary} fuzz.
 */
class EngineV3PayloadCodecJazzerTest {
  @FuzzTest(maxDuration = "1m")
  void decodeText(byte[] input) {
    String payload = new String(input, StandardCharsets.UTF_8);
    List<EnginePacket> packets = new ArrayList<>();
    try {
      EngineV3PayloadCodec.decodeText(payload, packets::add);
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    roundTrip(packets);
  }

  @FuzzTest(maxDuration = "1m")
  void decodeBinary(byte[] input) {
    List<EnginePacket> packets = new ArrayList<>();
    try {
      EngineV3PayloadCodec.decodeBinary(input, packets::add);
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    roundTrip(packets);
  }

  private static void roundTrip(List<EnginePacket> packets) {
    String text = EngineV3PayloadCodec.encodeText(packets);
    byte[] binary = EngineV3PayloadCodec.encodeBinary(packets);
    List<EnginePacket> fromText = new ArrayList<>();
    List<EnginePacket> fromBinary = new ArrayList<>();
    try {
      EngineV3PayloadCodec.decodeText(text, fromText::add);
      if (binary.length > 0) {
        EngineV3PayloadCodec.decodeBinary(binary, fromBinary::add);
      }
    } catch (ProtocolException e) {
      throw new AssertionError("the encoding of decoded packets does not decode: " + text, e);
    }
    assertThat(fromText).as("decodeText(encodeText(packets))").isEqualTo(packets);
    assertThat(fromBinary).as("decodeBinary(encodeBinary(packets))").isEqualTo(packets);
  }
}
