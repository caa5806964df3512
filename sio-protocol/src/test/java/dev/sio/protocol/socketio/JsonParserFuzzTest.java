package dev.sio.protocol.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded, seeded mutation of valid encodings: the decoder may only answer with a packet, with null
 * (waiting for attachments) or with a {@link ProtocolException}; whatever it accepts must encode
 * again, stably.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsonParserFuzzTest {
  private static final int ITERATIONS = 30_000;
  private static final String ALPHABET = "0123456789-/,[]{}\":._ablrtuenx\\ \u00e9\ud800\u0000";

  private final JsonParser parser = JsonParser.create();

  @Test
  void mutatedInputOnlyEverFailsWithProtocolException() {
    List<List<Object>> corpus = new ArrayList<>();
    JsonNode vectors = Vectors.load("/vectors/socketio-json.json");
    for (String section : List.of("cases", "malformed", "lenient")) {
      for (JsonNode c : vectors.get(section)) {
        corpus.add(Vectors.messages(c.has("encoded") ? c.get("encoded") : c.get("input")));
      }
    }
    Random random = new Random(20261121L);
    int accepted = 0;
    for (int n = 0; n < ITERATIONS; n++) {
      List<Object> messages = mutate(corpus.get(random.nextInt(corpus.size())), random);
      Parser.Decoder decoder = parser.newDecoder();
      for (Object m : messages) {
        SocketPacket packet;
        try {
          packet = m instanceof String ? decoder.decode((String) m) : decoder.decode((byte[]) m);
        } catch (ProtocolException expected) {
          continue;
        } catch (Throwable t) {
          throw new AssertionError("decoding " + escaped(messages) + " threw " + t, t);
        }
        if (packet != null) {
          accepted++;
          checkReencodes(packet, messages);
        }
      }
    }
    // the mutations must leave enough valid input to exercise the accepting paths too
    assertThat(accepted).isGreaterThan(ITERATIONS / 20);
  }

  @Test
  void randomTreesSurviveEncodeAndDecode() throws ProtocolException {
    Random random = new Random(7L);
    for (int n = 0; n < 5_000; n++) {
      SocketPacketType type = random.nextBoolean() ? SocketPacketType.EVENT : SocketPacketType.ACK;
      JsonNode data = RandomTrees.eventArgs(random);
      long id = random.nextBoolean() ? SocketPacket.NO_ID : random.nextInt(Integer.MAX_VALUE);
      String nsp = random.nextBoolean() ? "/" : "/n" + random.nextInt(10);
      SocketPacket packet = new SocketPacket(type, nsp, data, id);
      SocketPacket back = JsonParserTest.decodeAll(parser.newDecoder(), parser.encode(packet));
      assertThat(back.type()).isEqualTo(type);
      assertThat(back.namespace()).isEqualTo(nsp);
      assertThat(back.id()).isEqualTo(id);
      // numbers compare by value: the text of 2.0 is 2, read back as an int
      assertThat(
              back.data()
                  .equals(
                      (x, y) ->
                          x.isNumber() && y.isNumber()
                              ? (x.doubleValue() == y.doubleValue() ? 0 : 1) // -0.0 == 0
                              : x.equals(y) ? 0 : 1,
                      data))
          .as("%s", data)
          .isTrue();
    }
  }

  private void checkReencodes(SocketPacket packet, List<Object> source) {
    if (hasLoneSurrogateKey(packet.data())) {
      // Known Jackson limit: it refuses an escaped lone surrogate in a key ("\ud800"), which
      // JSON.stringify writes and so do we; the raw form decodes. Encoding must still work.
      assertThat(parser.encode(packet)).isNotEmpty();
      return;
    }
    try {
      List<Object> once = parser.encode(packet);
      SocketPacket again = JsonParserTest.decodeAll(parser.newDecoder(), once);
      assertThat(Vectors.printable(parser.encode(again))).isEqualTo(Vectors.printable(once));
    } catch (ProtocolException | RuntimeException e) {
      fail("re-encoding what " + escaped(source) + " decoded to failed: " + e, e);
    }
  }

  private static boolean hasLoneSurrogateKey(JsonNode node) {
    if (node == null) {
      return false;
    }
    for (var field : node.properties()) {
      String key = field.getKey();
      for (int i = 0; i < key.length(); i++) {
        char c = key.charAt(i);
        if (Character.isHighSurrogate(c)
            && i + 1 < key.length()
            && Character.isLowSurrogate(key.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return true;
        }
      }
    }
    for (JsonNode child : node) {
      if (hasLoneSurrogateKey(child)) {
        return true;
      }
    }
    return false;
  }

  private static String escaped(List<Object> messages) {
    try {
      return Vectors.MAPPER
          .writer()
          .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
          .writeValueAsString(Vectors.printable(messages));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static List<Object> mutate(List<Object> original, Random random) {
    List<Object> messages = new ArrayList<>(original);
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds && !messages.isEmpty(); r++) {
      int which = random.nextInt(messages.size());
      Object m = messages.get(which);
      switch (random.nextInt(10)) {
        case 0:
          messages.remove(which);
          break;
        case 1:
          messages.add(random.nextInt(messages.size() + 1), m);
          break;
        case 2:
          messages.add(random.nextInt(messages.size() + 1), new byte[] {(byte) random.nextInt()});
          break;
        default:
          messages.set(
              which, m instanceof String ? mutate((String) m, random) : mutate((byte[]) m, random));
      }
    }
    return messages;
  }

  private static String mutate(String s, Random random) {
    StringBuilder b = new StringBuilder(s);
    int at = b.length() == 0 ? 0 : random.nextInt(b.length());
    char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    switch (random.nextInt(5)) {
      case 0:
        b.insert(at, c);
        break;
      case 1:
        if (b.length() > 0) {
          b.deleteCharAt(at);
        }
        break;
      case 2:
        b.setLength(at);
        break;
      case 3:
        b.insert(at, b.substring(at, Math.min(b.length(), at + 1 + random.nextInt(8))));
        break;
      default:
        if (b.length() > 0) {
          b.setCharAt(at, c);
        }
    }
    return b.toString();
  }

  private static byte[] mutate(byte[] bytes, Random random) {
    byte[] copy = bytes.clone();
    if (copy.length > 0) {
      copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
    }
    return copy;
  }
}
