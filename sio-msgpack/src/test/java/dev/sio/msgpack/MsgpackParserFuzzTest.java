package dev.sio.msgpack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.socketio.RandomTrees;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import dev.sio.protocol.socketio.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded, seeded mutation of valid msgpack packets: the decoder may only answer with a packet or a
 * {@link ProtocolException}, and whatever it accepts must encode and decode back to the same value.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MsgpackParserFuzzTest {
  private static final int ITERATIONS = 30_000;

  /** Bytes that start interesting msgpack formats: headers, ext, never-used, big lengths. */
  private static final int[] INTERESTING = {
    0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6,
    0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcf, 0xd0, 0xd3, 0xd4, 0xd7, 0xd8, 0xd9, 0xdb, 0xdc,
    0xdd, 0xde, 0xdf, 0xe0, 0xff
  };

  private final MsgpackParser parser = MsgpackParser.create();

  @Test
  void mutatedInputOnlyEverFailsWithProtocolException() {
    JsonNode vectors = Vectors.load("/vectors/socketio-msgpack.json");
    List<byte[]> corpus = new ArrayList<>();
    for (String section : List.of("cases", "decodeOnly", "malformed")) {
      for (JsonNode c : vectors.get(section)) {
        JsonNode bin = c.has("encoded") ? c.get("encoded").get(0) : c.get("input");
        if (bin.has("$bin") && bin.get("$bin").textValue().length() < 4096) {
          corpus.add(HexFormat.of().parseHex(bin.get("$bin").textValue()));
        }
      }
    }
    Random random = new Random(20261121L);
    int accepted = 0;
    for (int n = 0; n < ITERATIONS; n++) {
      byte[] input = mutate(corpus.get(random.nextInt(corpus.size())), random);
      SocketPacket packet;
      try {
        packet = parser.newDecoder().decode(input);
      } catch (ProtocolException expected) {
        continue;
      } catch (Throwable t) {
        throw new AssertionError("decoding " + HexFormat.of().formatHex(input) + " threw " + t, t);
      }
      accepted++;
      byte[] again = (byte[]) parser.encode(packet).get(0);
      SocketPacket back;
      try {
        back = parser.newDecoder().decode(again);
      } catch (ProtocolException e) {
        throw new AssertionError("re-decoding " + HexFormat.of().formatHex(input) + ": " + e, e);
      }
      assertThat(Vectors.sameValue(back.data(), packet.data()))
          .as(HexFormat.of().formatHex(input))
          .isTrue();
      assertThat(back.namespace()).isEqualTo(packet.namespace());
      assertThat(back.id()).isEqualTo(packet.id());
    }
    // binary mutations mostly break the packet; enough must survive to exercise the accept path
    assertThat(accepted).isGreaterThan(ITERATIONS / 100);
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
      SocketPacket back = parser.newDecoder().decode((byte[]) parser.encode(packet).get(0));
      assertThat(back.type()).isEqualTo(type);
      assertThat(back.namespace()).isEqualTo(nsp);
      assertThat(back.id()).isEqualTo(id);
      // numbers compare by value: 2.0 travels as the integer 2, as notepack writes it
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

  private static byte[] mutate(byte[] original, Random random) {
    byte[] bytes = original;
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      byte b =
          random.nextBoolean()
              ? (byte) INTERESTING[random.nextInt(INTERESTING.length)]
              : (byte) random.nextInt();
      switch (random.nextInt(5)) {
        case 0:
          bytes = Arrays.copyOf(bytes, at); // truncate
          break;
        case 1: // insert
          byte[] longer = new byte[bytes.length + 1];
          System.arraycopy(bytes, 0, longer, 0, at);
          longer[at] = b;
          System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
          bytes = longer;
          break;
        case 2: // delete
          if (bytes.length > 0) {
            byte[] shorter = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, shorter, 0, at);
            System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
            bytes = shorter;
          }
          break;
        default: // replace
          if (bytes.length > 0) {
            bytes = bytes.clone();
            bytes[at] = b;
          }
      }
    }
    return bytes;
  }
}
