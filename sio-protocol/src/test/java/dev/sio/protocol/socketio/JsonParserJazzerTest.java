package dev.sio.protocol.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Jazzer target for the JSON parser's decoder, attachments included. The input is a sequence of
 * Engine.IO messages separated by the byte {@code 0x1f}; a message whose first byte is {@code 0x00}
 * is a binary message (the bytes after it), any other is a text message (UTF-8).
 *
 * <p>Invariants: a decoder answers each message with a packet, with {@code null} (attachments
 * expected) or with a {@link ProtocolException}, never anything else (no StackOverflowError on deep
 * nesting, no runtime exception); every packet it accepts encodes, decodes again and encodes to the
 * same messages.
 *
 * <p>The regression inputs are in {@code src/test/resources/dev/sio/protocol/socketio/
 * JsonParserJazzerTestInputs/decode/}; {@code ./sio fuzz json} fuzzes (docs/FUZZING.md).
 */
class JsonParserJazzerTest {
  private static final byte MESSAGE_SEPARATOR = 0x1f;
  private static final JsonParser PARSER = JsonParser.create();

  @FuzzTest(maxDuration = "2m")
  void decode(byte[] input) {
    List<Object> messages = messages(input);
    Parser.Decoder decoder = PARSER.newDecoder();
    for (Object m : messages) {
      SocketPacket packet;
      try {
        packet = m instanceof String s ? decoder.decode(s) : decoder.decode((byte[]) m);
      } catch (ProtocolException expected) {
        assertThat(expected.getMessage()).as("a ProtocolException says what is wrong").isNotBlank();
        continue;
      }
      if (packet != null) {
        checkRoundTrip(packet);
      }
    }
    decoder.reset();
  }

  /** Splits the fuzzer's bytes into Engine.IO messages (see the class comment). */
  static List<Object> messages(byte[] input) {
    List<Object> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= input.length; i++) {
      if (i == input.length || input[i] == MESSAGE_SEPARATOR) {
        byte[] part = Arrays.copyOfRange(input, start, i);
        if (part.length > 0 && part[0] == 0) {
          out.add(Arrays.copyOfRange(part, 1, part.length));
        } else {
          out.add(new String(part, StandardCharsets.UTF_8));
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static void checkRoundTrip(SocketPacket packet) {
    List<Object> once = PARSER.encode(packet);
    assertThat(once).isNotEmpty();
    if (hasLoneSurrogateKey(packet.data())) {
      // Known Jackson limit (see JsonParserFuzzTest): an escaped lone surrogate in a key, which
      // JSON.stringify writes and so do we, is refused when read back. Encoding must still work.
      return;
    }
    if (hasNonFiniteNumber(packet.data())) {
      // 1e400 reads as Infinity (Node: a numeric event name or argument) and is written as null,
      // as JSON.stringify does: the round trip changes the value, so only encoding is checked.
      return;
    }
    SocketPacket again;
    try {
      again = JsonParserTest.decodeAll(PARSER.newDecoder(), once);
    } catch (ProtocolException e) {
      throw new AssertionError(
          "what the decoder accepted does not decode once encoded: " + Vectors.printable(once), e);
    }
    assertThat(Vectors.printable(PARSER.encode(again)))
        .as("encode(decode(encode(p))) == encode(p)")
        .isEqualTo(Vectors.printable(once));
  }

  private static boolean hasLoneSurrogateKey(JsonNode node) {
    if (node == null) {
      return false;
    }
    for (var field : node.properties()) {
      if (hasLoneSurrogate(field.getKey()) || hasLoneSurrogateKey(field.getValue())) {
        return true;
      }
    }
    for (JsonNode element : node) {
      if (hasLoneSurrogateKey(element)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasNonFiniteNumber(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
      return true;
    }
    for (JsonNode child : node) {
      if (hasNonFiniteNumber(child)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
