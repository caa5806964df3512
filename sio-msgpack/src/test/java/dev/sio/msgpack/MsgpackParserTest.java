package dev.sio.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.socketio.Parser;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import dev.sio.protocol.socketio.Vectors;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MsgpackParser against vectors produced by npm socket.io-msgpack-parser, plus malformed input. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MsgpackParserTest {
  private static final JsonNode VECTORS = Vectors.load("/vectors/socketio-msgpack.json");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final MsgpackParser parser = MsgpackParser.create();

  @Test
  void vectorsComeFromTheNpmPackages() {
    assertThat(VECTORS.get("packages").get("socket.io-msgpack-parser").textValue())
        .isEqualTo("3.0.2");
    assertThat(VECTORS.get("packages").get("notepack.io").textValue()).isEqualTo("2.2.0");
    assertThat(VECTORS.get("cases").size()).isGreaterThan(30);
  }

  @Test
  void encodesEveryPacketExactlyAsNode() {
    for (JsonNode c : VECTORS.get("cases")) {
      SocketPacket packet = Vectors.packet(c.get("packet"));
      assertThat(Vectors.printable(parser.encode(packet)))
          .as(c.get("name").textValue())
          .isEqualTo(Vectors.printable(Vectors.messages(c.get("encoded"))));
    }
  }

  @Test
  void decodesEveryNodeEncodingToWhatNodeDecodes() throws ProtocolException {
    for (String section : List.of("cases", "decodeOnly")) {
      for (JsonNode c : VECTORS.get(section)) {
        String name = c.get("name").textValue();
        SocketPacket expected = Vectors.packet(c.get("nodeDecoded").get(0));
        byte[] bytes = (byte[]) Vectors.messages(c.get("encoded")).get(0);
        SocketPacket actual = parser.newDecoder().decode(bytes);
        assertThat(actual.type()).as(name).isEqualTo(expected.type());
        assertThat(actual.namespace()).as(name).isEqualTo(expected.namespace());
        assertThat(actual.id()).as(name).isEqualTo(expected.id());
        assertThat(Vectors.sameValue(actual.data(), expected.data()))
            .as("%s: %s vs %s", name, actual.data(), expected.data())
            .isTrue();
      }
    }
  }

  @Test
  void encodesAndDecodesRandomPacketsExactlyAsNode() throws ProtocolException {
    assertThat(VECTORS.get("random").size()).isGreaterThan(300);
    for (JsonNode c : VECTORS.get("random")) {
      SocketPacket packet = Vectors.packet(c.get("packet"));
      List<Object> expected = Vectors.messages(c.get("encoded"));
      assertThat(Vectors.printable(parser.encode(packet)))
          .as(c.get("packet").toString())
          .isEqualTo(Vectors.printable(expected));
      SocketPacket decoded = parser.newDecoder().decode((byte[]) expected.get(0));
      assertThat(Vectors.printable(parser.encode(decoded))).isEqualTo(Vectors.printable(expected));
    }
  }

  @Test
  void decodesExactValuesOfEachMsgpackFamily() throws ProtocolException {
    JsonNode data = decodeCase("event numbers").data();
    assertThat(data.get(1).isInt()).isTrue();
    assertThat(data.get(9)).isEqualTo(F.numberNode(4294967295L));
    assertThat(data.get(21)).isEqualTo(F.numberNode(9007199254740992L));
    JsonNode decodeOnly = decodeOnly("float32").data();
    assertThat(decodeOnly.get(1)).isEqualTo(F.numberNode(1.5));
    assertThat(decodeOnly("date").data().get(1)).isEqualTo(F.textNode("2020-01-02T03:04:05.678Z"));
    assertThat(decodeOnly("arraybuffer").data().get(1))
        .isEqualTo(F.binaryNode(new byte[] {5, 6, 7}));
    SocketPacket undefinedMembers = decodeOnly("undefined id and data members");
    assertThat(undefinedMembers.hasId()).isFalse();
    assertThat(undefinedMembers.data().get(1).isNull()).isTrue();
    assertThat(undefinedMembers.data().get(2)).isEqualTo(F.objectNode().put("b", 1));
  }

  /** Our message for each malformed vector. */
  private static final Map<String, String> ERRORS = new LinkedHashMap<>();

  static {
    String event = "invalid payload: EVENT expects a non-empty array starting with an event name";
    String connectError = "invalid payload: CONNECT_ERROR expects an object or a string";
    String type = "invalid packet type: expected an integer from 0 to 4, got ";
    ERRORS.put("text message", "the msgpack parser expects binary messages, got text");
    ERRORS.put("empty", "invalid msgpack: empty message");
    ERRORS.put("not a map", "invalid packet type: the message is not a msgpack map");
    ERRORS.put("type missing", type + "nothing");
    ERRORS.put("type 5", type + "5");
    ERRORS.put("type 7", type + "7");
    ERRORS.put("type string", type + "\"2\"");
    ERRORS.put("type float", type + "2.5");
    ERRORS.put("nsp missing", "invalid namespace: expected a string, got nothing");
    ERRORS.put("nsp number", "invalid namespace: expected a string, got 1");
    ERRORS.put("nsp without slash", "invalid namespace: \"admin\" does not start with '/'");
    ERRORS.put("connect array", "invalid payload: CONNECT expects an object or nothing");
    ERRORS.put("disconnect data", "invalid payload: DISCONNECT carries no payload");
    ERRORS.put("connect_error missing", connectError);
    ERRORS.put("connect_error number", connectError);
    ERRORS.put("event object", event);
    ERRORS.put("event missing", event);
    ERRORS.put("event empty", event);
    ERRORS.put("event reserved", "invalid payload: \"connect\" is a reserved event name");
    ERRORS.put("event bad name", event);
    ERRORS.put("ack object", "invalid payload: ACK expects an array");
    ERRORS.put("id string", "invalid packet id: expected an integer >= 0, got \"1\"");
    ERRORS.put("id float", "invalid packet id: expected an integer >= 0, got 1.5");
    ERRORS.put("id negative", "invalid packet id: expected an integer >= 0, got -1");
    ERRORS.put("trailing bytes", "invalid msgpack: 1 trailing byte(s)");
    ERRORS.put("truncated", "invalid msgpack: truncated");
    ERRORS.put("never used byte", "invalid msgpack: never-used byte 0xc1");
    ERRORS.put(
        "ext type 5",
        "invalid msgpack: unsupported extension type 5 of 2 byte(s) (notepack.io only writes"
            + " Date, undefined and ArrayBuffer)");
    ERRORS.put(
        "huge bin length",
        "invalid msgpack: a length of 4294967295 runs past the end of the message");
    ERRORS.put(
        "huge array length",
        "invalid msgpack: a length of 4294967295 runs past the end of the message");
  }

  /**
   * Accepted by npm socket.io-msgpack-parser, refused by the rules we share with the JSON parser.
   */
  private static final Set<String> STRICTER_THAN_NODE =
      Set.of(
          "nsp without slash",
          "event empty",
          "event reserved",
          "event bad name",
          "id negative",
          "ext type 5");

  @Test
  void rejectsEveryMalformedInputWithAnExactMessage() {
    assertThat(VECTORS.get("malformed").size()).isEqualTo(ERRORS.size());
    for (JsonNode c : VECTORS.get("malformed")) {
      String name = c.get("name").textValue();
      assertThat(ERRORS).as(name).containsKey(name);
      assertThat(c.has("nodeError"))
          .as("Node rejects %s", name)
          .isEqualTo(!STRICTER_THAN_NODE.contains(name));
      JsonNode input = c.get("input");
      Parser.Decoder decoder = parser.newDecoder();
      assertThatThrownBy(
              () -> {
                if (input.isTextual()) {
                  decoder.decode(input.textValue());
                } else {
                  decoder.decode(HexFormat.of().parseHex(input.get("$bin").textValue()));
                }
              })
          .as(name)
          .isInstanceOf(ProtocolException.class)
          .hasMessage(ERRORS.get(name));
    }
  }

  @Test
  void refusesDeepNestingWithoutExhaustingTheStack() {
    byte[] bytes = new byte[5000];
    java.util.Arrays.fill(bytes, (byte) 0x91);
    assertThatThrownBy(() -> parser.newDecoder().decode(bytes))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("invalid msgpack: nested deeper than 1000");
  }

  @Test
  void writesBinaryTypesAsPlainOnesAndJavaValuesAsNotepackWould() throws ProtocolException {
    ArrayNode data = F.arrayNode().add("x").add(F.binaryNode(new byte[] {1}));
    data.add(3.0).add(-0.0).add(0.5f).add(Double.NaN).add(MissingNode.getInstance());
    ObjectNode object = F.objectNode().put("b", 1).put("10", 2).put("2", 3);
    object.set("gone", MissingNode.getInstance());
    data.add(object);
    data.add(F.pojoNode(new byte[] {9}));
    byte[] bytes =
        (byte[]) parser.encode(new SocketPacket(SocketPacketType.BINARY_ACK, "/", data, 4)).get(0);
    String hex = HexFormat.of().formatHex(bytes);
    assertThat(hex)
        .isEqualTo(
            "84a474797065"
                + "03" // type: 3
                + "a464617461"
                + "99" // data: array of 9
                + "a178"
                + "c40101"
                + "03"
                + "00"
                + "cb3fe0000000000000"
                + "cb7ff8000000000000"
                + "c0"
                + "83a13203a2313002a16201" // {"2":3,"10":2,"b":1}
                + "c40109"
                + "a26964"
                + "04"
                + "a36e7370a12f");
    SocketPacket back = parser.newDecoder().decode(bytes);
    assertThat(back.type()).isEqualTo(SocketPacketType.ACK);
    assertThat(back.data().get(1)).isEqualTo(F.binaryNode(new byte[] {1}));
  }

  @Test
  void refusesNamespacesWithoutSlash() {
    assertThatThrownBy(
            () -> parser.encode(new SocketPacket(SocketPacketType.CONNECT, "x", null, -1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("namespace must start with '/': \"x\"");
  }

  @Test
  void roundTripsEveryVector() throws ProtocolException {
    for (JsonNode c : VECTORS.get("cases")) {
      SocketPacket packet = Vectors.packet(c.get("nodeDecoded").get(0));
      byte[] bytes = (byte[]) parser.encode(packet).get(0);
      SocketPacket back = parser.newDecoder().decode(bytes);
      assertThat(Vectors.sameValue(back.data(), packet.data()))
          .as(c.get("name").textValue())
          .isTrue();
      assertThat(back.id()).isEqualTo(packet.id());
    }
  }

  private SocketPacket decodeCase(String name) throws ProtocolException {
    return decodeFrom("cases", name);
  }

  private SocketPacket decodeOnly(String name) throws ProtocolException {
    return decodeFrom("decodeOnly", name);
  }

  private SocketPacket decodeFrom(String section, String name) throws ProtocolException {
    for (JsonNode c : VECTORS.get(section)) {
      if (c.get("name").textValue().equals(name)) {
        return parser.newDecoder().decode((byte[]) Vectors.messages(c.get("encoded")).get(0));
      }
    }
    throw new AssertionError("no vector " + name);
  }
}
