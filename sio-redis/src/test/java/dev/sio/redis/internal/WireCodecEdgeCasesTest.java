package dev.sio.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.internal.ClusterIds;
import dev.sio.cluster.internal.JsDates;
import dev.sio.cluster.internal.JsonValues;
import dev.sio.cluster.internal.MsgpackValues;
import dev.sio.cluster.internal.PacketNodes;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The value codecs on the cases the captured vectors do not cover, malformed input included. */
@Timeout(10)
class WireCodecEdgeCasesTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNodeFactory N = JsonNodeFactory.instance;

  private static String mp(Object value) {
    return HEX.formatHex(MsgpackValues.encode(JsonValues.MAPPER.valueToTree(value)));
  }

  @Test
  void numbersTakeNotepacksSmallestForm() {
    assertThat(mp(5)).isEqualTo("05");
    assertThat(mp(-7)).isEqualTo("f9");
    assertThat(mp(200)).isEqualTo("ccc8");
    assertThat(mp(-200)).isEqualTo("d1ff38");
    assertThat(mp(70000)).isEqualTo("ce00011170");
    assertThat(mp(1L << 40)).isEqualTo("cf0000010000000000");
    assertThat(mp(1.5)).isEqualTo("cb3ff8000000000000");
    assertThat(mp(2.0)).as("an integral double is an integer in JavaScript").isEqualTo("02");
    assertThat(mp(1L << 53))
        .as("beyond 2^53 JavaScript writes a float")
        .isEqualTo("cb4340000000000000");
  }

  @Test
  void decodedIntegralFloatsBecomeIntegers() {
    assertThat(MsgpackValues.decode(HEX.parseHex("cb4000000000000000")).isInt()).isTrue();
    assertThat(MsgpackValues.decode(HEX.parseHex("cb3ff8000000000000")).doubleValue())
        .isEqualTo(1.5);
  }

  @Test
  void notepackUndefinedAndUnknownExtensions() {
    assertThat(MsgpackValues.decode(HEX.parseHex("d40000")).isNull()).isTrue();
    assertThat(MsgpackValues.decode(HEX.parseHex("d40507")).toString()).isEqualTo("[5,\"Bw==\"]");
  }

  @Test
  void timestampsBecomeTheirJsonForm() {
    // timestamp 32: 2026-11-21T22:00:48Z
    assertThat(MsgpackValues.decode(HEX.parseHex("d6ff" + "6a21e0f0")).asText())
        .isEqualTo(JsDates.toJson(java.time.Instant.ofEpochSecond(0x6a21e0f0L)));
  }

  @Test
  void malformedMsgpackIsRejectedWithAClearMessage() {
    assertThatThrownBy(() -> MsgpackValues.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty msgpack payload");
    assertThatThrownBy(() -> MsgpackValues.decode(HEX.parseHex("0101")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trailing bytes after the msgpack value");
    assertThatThrownBy(() -> MsgpackValues.decode(HEX.parseHex("9201")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid msgpack payload: ");
  }

  @Test
  void jsonIsWhatJsonStringifyWrites() {
    ObjectNode n = N.objectNode();
    n.put("a", 2.0);
    n.put("b", 1.5);
    n.set("c", N.binaryNode(new byte[] {1, (byte) 255}));
    n.put("d", "é\n\"");
    n.putNull("e");
    assertThat(new String(JsonValues.stringify(n), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"a\":2,\"b\":1.5,\"c\":{\"type\":\"Buffer\",\"data\":[1,255]},\"d\":\"é\\n\\\"\",\"e\":null}");
  }

  @Test
  void malformedJsonIsRejected() {
    assertThatThrownBy(() -> JsonValues.parse("{\"a\":"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid JSON payload: ");
  }

  @Test
  void malformedMessagesAreRejectedWithTheFieldAtFault() {
    assertThatThrownBy(() -> ClassicCodec.decodeBroadcast(MsgpackValues.encode(N.objectNode())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("broadcast must be an array [uid, packet, opts]");
    assertThatThrownBy(() -> ClassicCodec.decodeRequest(MsgpackValues.encode(N.arrayNode().add(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("request must be an object");
    assertThatThrownBy(
            () ->
                ClusterCodec.decodeSharded(
                    "{\"type\":3,\"nsp\":\"/\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cluster message has no uid");
    assertThatThrownBy(() -> ClusterCodec.decodeEntry(Map.of("uid", "u", "nsp", "/", "type", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stream entry has a non-numeric type: x");
    assertThatThrownBy(() -> ClusterCodec.decodeEntry(Map.of("uid", "u")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stream entry lacks uid, nsp or type");
    assertThatThrownBy(() -> PacketNodes.fromNode(N.objectNode().put("type", 9), "/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("packet has an invalid type: 9");
    assertThatThrownBy(() -> SessionCodec.decode("gA=="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stored session lacks sid or pid");
  }

  @Test
  void idsHaveNodesShapes() {
    assertThat(ClusterIds.uid2(6)).matches("[A-Za-z0-9_-]{6}");
    assertThat(ClusterIds.hex16()).matches("[0-9a-f]{16}");
  }
}
