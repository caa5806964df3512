package dev.sio.protocol.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.protocol.socketio.Vectors;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The framing against the real engine.io-parser 5.2.3: {@code vectors/engineio-stream.json} is
 * written by {@code vectors/generate-stream-vectors.js} from Node's {@code
 * createPacketEncoderStream} (29 chosen and 300 random packets: header and payload chunks) and
 * {@code createPacketDecoderStream} (41 chosen inputs, 300 text frames of bytes around the UTF-8
 * boundaries and 500 random streams, a fifth of them with a byte changed, a fifth cut short, a
 * fifth with bytes inserted, a fifth random bytes, under maxPayloads from 1 to 1000000). A Node
 * {@code error} packet must be a {@code ProtocolException} here, after the same packets.
 */
@Timeout(60)
class EngineStreamVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNode VECTORS = Vectors.load("/vectors/engineio-stream.json");

  @Test
  void comesFromTheExpectedParser() {
    assertThat(VECTORS.get("engineIoParser").textValue()).isEqualTo("5.2.3");
    assertThat(VECTORS.get("encode")).hasSize(329);
    assertThat(VECTORS.get("decode")).hasSize(841);
  }

  @Test
  void encodesAsNodeDoes() throws NoSuchAlgorithmException {
    for (JsonNode v : VECTORS.get("encode")) {
      String name = v.get("name").textValue();
      EnginePacket packet = packet(v.get("packet"));
      byte[] payload = EngineStreamCodec.payload(packet);
      JsonNode expected = v.get("payload");
      if (expected.isTextual()) {
        assertThat(HEX.formatHex(payload)).as(name).isEqualTo(expected.textValue());
      } else if (expected.has("$range")) {
        assertThat(payload).as(name).isEqualTo(range(expected.get("$range").intValue()));
      } else {
        assertThat(payload.length).as(name).isEqualTo(expected.get("length").intValue());
        assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(payload)))
            .as(name)
            .isEqualTo(expected.get("$sha256").textValue());
      }
      assertThat(HEX.formatHex(EngineStreamCodec.header(payload.length, packet.isBinary())))
          .as(name)
          .isEqualTo(v.get("header").textValue());
      byte[] frame = EngineStreamCodec.encode(packet);
      assertThat(HEX.formatHex(frame, 0, v.get("header").textValue().length() / 2))
          .as(name)
          .isEqualTo(v.get("header").textValue());
      assertThat(Arrays.copyOfRange(frame, frame.length - payload.length, frame.length))
          .as(name)
          .isEqualTo(payload);
    }
  }

  @Test
  void decodesAsNodeDoes() {
    Random random = new Random(20261203);
    int errors = 0;
    int lenientBase64 = 0;
    for (JsonNode v : VECTORS.get("decode")) {
      String name = v.get("name").textValue();
      byte[] input = HEX.parseHex(v.get("input").textValue());
      int maxPayload = v.get("maxPayload").intValue();
      List<Object> decoded = EngineStreamDecoderTest.decodeChunks(maxPayload, List.of(input));
      List<Object> node = new ArrayList<>();
      for (JsonNode p : v.get("packets")) {
        node.add(p.get("type").textValue().equals("error") ? "error" : packet(p));
      }
      List<Object> ours =
          decoded.stream()
              .map(o -> o instanceof String s && s.startsWith("error: ") ? "error" : o)
              .toList();
      int last = decoded.size() - 1;
      if (last >= 0
          && decoded.get(last).equals("error: Invalid base64 in binary packet")
          && node.size() > last
          && node.get(last) instanceof EnginePacket p
          && p.isBinary()) {
        // Node's Buffer.from(s, "base64") skips characters outside the alphabet; Sio's
        // EnginePacketCodec (polling, WebSocket and this framing alike) refuses them.
        lenientBase64++;
        assertThat(ours.subList(0, last))
            .as("%s: %s", name, decoded)
            .isEqualTo(node.subList(0, last));
      } else {
        assertThat(ours).as("%s: %s", name, decoded).isEqualTo(node);
      }
      if (node.contains("error")) {
        errors++;
      }
      // split anywhere, byte by byte (only the shorter ones split at every boundary: time)
      if (input.length <= 300) {
        EngineStreamDecoderTest.assertDecodesSplitAnywhere(maxPayload, input, decoded);
      } else {
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < input.length; ) {
          int n = Math.min(input.length - i, 1 + random.nextInt(40));
          chunks.add(Arrays.copyOfRange(input, i, i + n));
          i += n;
        }
        assertThat(EngineStreamDecoderTest.decodeChunks(maxPayload, chunks))
            .as(name)
            .isEqualTo(decoded);
      }
    }
    assertThat(errors).isEqualTo(240); // so both outcomes are well covered
    assertThat(lenientBase64).isEqualTo(1);
  }

  /** A Node packet of the vectors as Sio's: {@code message} without data is {@code message("")}. */
  private static EnginePacket packet(JsonNode p) {
    EnginePacketType type = type(p.get("type").textValue());
    JsonNode data = p.get("data");
    if (data == null) {
      return type == EnginePacketType.MESSAGE
          ? EnginePacket.message("")
          : EnginePacket.of(type, null);
    }
    if (data.isTextual()) {
      return EnginePacket.of(type, data.textValue());
    }
    if (data.has("$range")) {
      return EnginePacket.binary(range(data.get("$range").intValue()));
    }
    return EnginePacket.binary(HEX.parseHex(data.get("$bin").textValue()));
  }

  private static EnginePacketType type(String name) {
    return switch (name) {
      case "open" -> EnginePacketType.OPEN;
      case "close" -> EnginePacketType.CLOSE;
      case "ping" -> EnginePacketType.PING;
      case "pong" -> EnginePacketType.PONG;
      case "message" -> EnginePacketType.MESSAGE;
      case "upgrade" -> EnginePacketType.UPGRADE;
      case "noop" -> EnginePacketType.NOOP;
      default -> throw new IllegalArgumentException("packet type " + name);
    };
  }

  private static byte[] range(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }
}
