package dev.sio.protocol.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sio.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer target for the Engine.IO text codecs: the input (UTF-8) is a polling payload for {@link
 * PollingPayloadCodec} and each of its records a packet for {@link EnginePacketCodec}.
 *
 * <p>Invariants: decoding ends with packets or a {@link ProtocolException}, nothing else; the
 * streaming decode delivers exactly the packets before the first bad record; every decoded payload
 * encodes and decodes back to the same packets; each record decodes alone as it did in the payload.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/sio/protocol/engineio/
 * PollingPayloadCodecJazzerTestInputs/decode/}; {@code ./sio fuzz payload} fuzzes.
 */
class PollingPayloadCodecJazzerTest {
  @FuzzTest(maxDuration = "2m")
  void decode(byte[] input) {
    String payload = new String(input, StandardCharsets.UTF_8);
    List<EnginePacket> streamed = new ArrayList<>();
    ProtocolException streamError = null;
    try {
      PollingPayloadCodec.decode(payload, streamed::add);
    } catch (ProtocolException e) {
      streamError = e;
    }
    List<EnginePacket> whole;
    try {
      whole = PollingPayloadCodec.decode(payload);
    } catch (ProtocolException e) {
      assertThat(streamError).as("the streaming decode fails too").isNotNull();
      assertThat(e.getMessage()).isEqualTo(streamError.getMessage()).isNotBlank();
      checkRecordsBefore(payload, streamed);
      return;
    }
    assertThat(streamError).as("the streaming decode succeeds too").isNull();
    assertThat(streamed).isEqualTo(whole);
    assertThat(whole).isNotEmpty();

    String encoded = PollingPayloadCodec.encode(whole);
    try {
      assertThat(PollingPayloadCodec.decode(encoded))
          .as("decode(encode(packets))")
          .isEqualTo(whole);
    } catch (ProtocolException e) {
      throw new AssertionError("the encoding of decoded packets does not decode: " + encoded, e);
    }
    checkRecordsBefore(payload, whole);
  }

  /** Each of the first {@code packets.size()} records decodes alone to the same packet. */
  private static void checkRecordsBefore(String payload, List<EnginePacket> packets) {
    int start = 0;
    for (EnginePacket expected : packets) {
      int end = payload.indexOf(PollingPayloadCodec.SEPARATOR, start);
      if (end < 0) {
        end = payload.length();
      }
      try {
        assertThat(EnginePacketCodec.decodeText(payload.substring(start, end))).isEqualTo(expected);
      } catch (ProtocolException e) {
        throw new AssertionError("a record decoded in the payload fails alone", e);
      }
      if (!expected.isBinary()) {
        assertThat(EnginePacketCodec.encodeText(expected)).isEqualTo(payload.substring(start, end));
      }
      start = end + 1;
    }
  }
}
