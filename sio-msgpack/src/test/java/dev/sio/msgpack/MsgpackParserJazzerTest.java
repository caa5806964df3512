package dev.sio.msgpack;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.socketio.Parser;
import dev.sio.protocol.socketio.SocketPacket;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Jazzer target for the msgpack parser: the input is one binary Engine.IO message.
 *
 * <p>Invariants: the decoder answers with a packet or a {@link ProtocolException}, never anything
 * else (no StackOverflowError on deep nesting, no OutOfMemoryError on huge length prefixes, no
 * runtime exception); a text message is always refused with a ProtocolException; every accepted
 * packet encodes, decodes back to the same value and encodes to the same bytes.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/sio/msgpack/
 * MsgpackParserJazzerTestInputs/decode/}; {@code ./sio fuzz msgpack} fuzzes.
 */
class MsgpackParserJazzerTest {
  private static final MsgpackParser PARSER = MsgpackParser.create();

  @FuzzTest(maxDuration = "2m")
  void decode(byte[] input) {
    checkTextRefused(PARSER.newDecoder(), input);
    Parser.Decoder decoder = PARSER.newDecoder();
    SocketPacket packet;
    try {
      packet = decoder.decode(input);
    } catch (ProtocolException expected) {
      assertThat(expected.getMessage()).as("a ProtocolException says what is wrong").isNotBlank();
      return;
    }
    assertThat(packet).isNotNull();
    List<Object> once = PARSER.encode(packet);
    assertThat(once).hasSize(1);
    byte[] encoded = (byte[]) once.get(0);
    SocketPacket back;
    try {
      back = PARSER.newDecoder().decode(encoded);
    } catch (ProtocolException e) {
      throw new AssertionError(
          "what the decoder accepted does not decode once encoded: "
              + HexFormat.of().formatHex(encoded),
          e);
    }
    assertThat(back.namespace()).isEqualTo(packet.namespace());
    assertThat(back.id()).isEqualTo(packet.id());
    assertThat(sameByValue(back.data(), packet.data()))
        .as("same data after encode and decode: %s", HexFormat.of().formatHex(input))
        .isTrue();
    assertThat(Arrays.equals((byte[]) PARSER.encode(back).get(0), encoded))
        .as("encode(decode(encode(p))) == encode(p)")
        .isTrue();
  }

  /**
   * Equal trees, numbers by value: -0.0 equals 0, as notepack writes -0 as the integer 0 (and
   * JSON.stringify as {@code 0}); NaN equals NaN.
   */
  private static boolean sameByValue(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals(
        (x, y) ->
            x.isNumber() && y.isNumber()
                ? (x.doubleValue() == y.doubleValue()
                        || Double.compare(x.doubleValue(), y.doubleValue()) == 0
                    ? 0
                    : 1)
                : x.equals(y) ? 0 : 1,
        b);
  }

  private static void checkTextRefused(Parser.Decoder decoder, byte[] input) {
    try {
      decoder.decode(new String(input, java.nio.charset.StandardCharsets.ISO_8859_1));
      throw new AssertionError("the msgpack decoder accepted a text message");
    } catch (ProtocolException expected) {
      // binary only
    }
  }
}
