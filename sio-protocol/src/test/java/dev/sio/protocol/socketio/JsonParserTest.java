package dev.sio.protocol.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JsonParser against vectors produced by npm socket.io-parser, plus malformed input. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsonParserTest {
  private static final JsonNode VECTORS = Vectors.load("/vectors/socketio-json.json");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final JsonParser parser = JsonParser.create();

  @Test
  void vectorsComeFromTheNodeVersionSocketIo484Installs() {
    assertThat(VECTORS.get("packages").get("socket.io-parser").textValue()).isEqualTo("4.2.7");
    assertThat(VECTORS.get("cases").size()).isGreaterThan(30);
  }

  @Test
  void encodesEveryPacketExactlyAsNode() {
    for (JsonNode c : VECTORS.get("cases")) {
      SocketPacket packet = Vectors.packet(c.get("packet"));
      List<Object> expected = Vectors.messages(c.get("encoded"));
      assertThat(Vectors.printable(parser.encode(packet)))
          .as(c.get("name").textValue())
          .isEqualTo(Vectors.printable(expected));
    }
  }

  @Test
  void decodesEveryNodeEncodingToWhatNodeDecodes() throws ProtocolException {
    for (JsonNode c : VECTORS.get("cases")) {
      String name = c.get("name").textValue();
      assertThat(c.has("nodeDecoded")).as(name).isTrue();
      SocketPacket expected = Vectors.packet(c.get("nodeDecoded").get(0));
      assertThat(decodeAll(parser.newDecoder(), Vectors.messages(c.get("encoded"))))
          .as(name)
          .isEqualTo(expected);
    }
  }

  @Test
  void encodesAndDecodesRandomPacketsExactlyAsNode() throws ProtocolException {
    assertThat(VECTORS.get("random").size()).isEqualTo(400);
    for (JsonNode c : VECTORS.get("random")) {
      SocketPacket packet = Vectors.packet(c.get("packet"));
      List<Object> expected = Vectors.messages(c.get("encoded"));
      assertThat(Vectors.printable(parser.encode(packet)))
          .as(c.get("packet").toString())
          .isEqualTo(Vectors.printable(expected));
      SocketPacket decoded = decodeAll(parser.newDecoder(), expected);
      assertThat(Vectors.printable(parser.encode(decoded))).isEqualTo(Vectors.printable(expected));
    }
  }

  @Test
  void decodesBinaryPacketsAsEventAndAckLikeNode() throws ProtocolException {
    Parser.Decoder decoder = parser.newDecoder();
    assertThat(decoder.decode("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]")).isNull();
    SocketPacket packet = decoder.decode(new byte[] {1, 2});
    assertThat(packet.type()).isEqualTo(SocketPacketType.ACK);
    assertThat(packet.id()).isEqualTo(15);
    assertThat(packet.data().get(1)).isEqualTo(BinaryNode.valueOf(new byte[] {1, 2}));
  }

  /** Our message for every malformed input in the vectors. */
  private static final Map<String, String> ERRORS = new LinkedHashMap<>();

  static {
    String attachmentsSyntax =
        "Illegal attachments: expected the attachment count and '-' after the type";
    String connect = "invalid payload: CONNECT expects an object or nothing";
    String disconnect = "invalid payload: DISCONNECT carries no payload";
    String event = "invalid payload: EVENT expects a non-empty array starting with an event name";
    String ack = "invalid payload: ACK expects an array";
    String connectError = "invalid payload: CONNECT_ERROR expects an object or a string";
    String json = "invalid payload: not valid JSON";
    ERRORS.put("", "empty packet");
    ERRORS.put("7", "unknown packet type '7'");
    ERRORS.put("9", "unknown packet type '9'");
    ERRORS.put("x", "unknown packet type 'x'");
    ERRORS.put(" ", "unknown packet type ' '");
    for (String s : List.of("5", "51", "5a-", "51.23-", "5-[\"a\"]")) {
      ERRORS.put(s, attachmentsSyntax);
    }
    ERRORS.put("511-[\"a\"]", "too many attachments: 11 (the limit is 10)");
    for (String s : List.of("0[]", "0\"x\"", "0/admin,\"invalid\"")) {
      ERRORS.put(s, connect);
    }
    ERRORS.put("0 ", json);
    for (String s : List.of("1{}", "1/admin,{}", "1[]")) {
      ERRORS.put(s, disconnect);
    }
    for (String s :
        List.of(
            "2",
            "2[]",
            "2{}",
            "2\"x\"",
            "2[true,\"foo\"]",
            "2[null,\"bar\"]",
            "2[{\"toString\":\"foo\"}]",
            "2/admin,{}",
            "2/admin[\"a\"]")) {
      ERRORS.put(s, event);
    }
    for (String name :
        List.of(
            "connect",
            "connect_error",
            "disconnect",
            "disconnecting",
            "newListener",
            "removeListener")) {
      String expected = "invalid payload: \"" + name + "\" is a reserved event name";
      ERRORS.put("2[\"" + name + "\"]", expected);
      ERRORS.put("2[\"" + name + "\",\"123\"]", expected);
    }
    for (String s :
        List.of(
            "2/admin,\"invalid",
            "2[\"a\"",
            "2[\"a\"]x",
            "2[\"a\"] [1]",
            "2admin,[\"a\"]",
            "21a[\"a\"]",
            "442[\"some\",\"data\"",
            "2['a']",
            "2[\"a\",]",
            "2[NaN]",
            "2[01]")) {
      ERRORS.put(s, json);
    }
    ERRORS.put(
        "299999999999999999999[\"a\"]", "invalid packet id: 99999999999999999999 is too large");
    for (String s : List.of("3", "3{}", "3\"x\"")) {
      ERRORS.put(s, ack);
    }
    for (String s : List.of("4", "4[]", "41")) {
      ERRORS.put(s, connectError);
    }
    String placeholder = "[\"51-[\\\"a\\\",{\\\"_placeholder\\\":true%s}]\",{\"$bin\":\"01\"}]";
    ERRORS.put(
        "[\"51-[\\\"a\\\",{\\\"_placeholder\\\":true,\\\"num\\\":0}]\",\"2[\\\"b\\\"]\"]",
        "got plaintext data when reconstructing a packet (0 of 1 attachments received)");
    ERRORS.put("[{\"$bin\":\"01\"}]", "got binary data when not reconstructing a packet");
    ERRORS.put(
        "[\"2[\\\"a\\\"]\",{\"$bin\":\"01\"}]", "got binary data when not reconstructing a packet");
    ERRORS.put(
        String.format(placeholder, ",\\\"num\\\":1"),
        "illegal attachments: placeholder num 1 does not point at one of the 1 attachment(s)");
    ERRORS.put(
        String.format(placeholder, ",\\\"num\\\":-1"),
        "illegal attachments: placeholder num -1 does not point at one of the 1 attachment(s)");
    ERRORS.put(
        String.format(placeholder, ",\\\"num\\\":\\\"0\\\""),
        "illegal attachments: placeholder num \"0\" does not point at one of the 1"
            + " attachment(s)");
    ERRORS.put(
        String.format(placeholder, ""),
        "illegal attachments: placeholder num (missing) does not point at one of the 1"
            + " attachment(s)");
    ERRORS.put(
        "[\"52-[\\\"a\\\",{\\\"_placeholder\\\":true,\\\"num\\\":0}]\",{\"$bin\":\"01\"},\"2[\\\"b\\\"]\"]",
        "got plaintext data when reconstructing a packet (1 of 2 attachments received)");
    ERRORS.put(
        "50-[\"a\",{\"_placeholder\":true,\"num\":0}]",
        "Illegal attachments: 0 (a binary packet carries at least one attachment)");
  }

  /**
   * Found by the json fuzz target: two attachments referenced by many placeholders would be sent on
   * as many attachments. Node's decoder accepts it; its encoder never writes it.
   */
  @Test
  void refusesAnAttachmentReferencedTwice() {
    List<Object> messages =
        List.of(
            "52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1},"
                + "{\"_placeholder\":true,\"num\":0}]",
            new byte[] {1},
            new byte[] {2});
    assertThatThrownBy(() -> decodeAll(parser.newDecoder(), messages))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("illegal attachments: placeholder num 0 is used twice");
  }

  /** Inputs Node's decoder lets through that we refuse (each explained in JsonPacketDecoder). */
  private static final Set<String> STRICTER_THAN_NODE =
      Set.of("", " ", "0 ", "2", "3", "4", "41", "2/admin[\"a\"]", "299999999999999999999[\"a\"]");

  @Test
  void rejectsEveryMalformedInputWithAnExactMessage() {
    Set<String> seen = new HashSet<>();
    for (JsonNode c : VECTORS.get("malformed")) {
      JsonNode input = c.get("input");
      String key =
          input.size() == 1 && input.get(0).isTextual()
              ? input.get(0).textValue()
              : input.toString();
      seen.add(key);
      String expected = ERRORS.get(key);
      assertThat(expected).as("expected message for %s", key).isNotNull();
      assertThat(c.has("nodeError"))
          .as("Node rejects %s too", key)
          .isEqualTo(!STRICTER_THAN_NODE.contains(key));
      Parser.Decoder decoder = parser.newDecoder();
      assertThatThrownBy(() -> feed(decoder, Vectors.messages(input)))
          .as(key)
          .isInstanceOf(ProtocolException.class)
          .hasMessage(expected);
    }
    for (String key : ERRORS.keySet()) {
      if (!seen.contains(key)) {
        // reserved names with extra args are only in our table
        assertThatThrownBy(() -> parser.newDecoder().decode(key))
            .isInstanceOf(ProtocolException.class)
            .hasMessage(ERRORS.get(key));
      }
    }
  }

  @Test
  void acceptsWhatNodeAcceptsWhereTheFormatIsLoose() throws ProtocolException {
    for (JsonNode c : VECTORS.get("lenient")) {
      List<Object> input = Vectors.messages(c.get("input"));
      SocketPacket node = Vectors.packet(c.get("nodeDecoded").get(0));
      if (node.type() == SocketPacketType.EVENT && node.data() == null) {
        // "2/admin": Node's decoder keeps it, its isPacketValid refuses it, and so do we
        assertThatThrownBy(() -> decodeAll(parser.newDecoder(), input))
            .isInstanceOf(ProtocolException.class);
        continue;
      }
      SocketPacket ours = decodeAll(parser.newDecoder(), input);
      if (input.get(0).equals("2  [\"spaces\"] ")) {
        // Node reads the spaces as ack id 0 (Number(" ") == 0); we read no id.
        node = new SocketPacket(node.type(), node.namespace(), node.data(), SocketPacket.NO_ID);
      }
      // compare as JSON text: Jackson keeps 1.0 a double where JavaScript has the number 1
      assertThat(Vectors.printable(parser.encode(ours)))
          .as(c.get("input").toString())
          .isEqualTo(Vectors.printable(parser.encode(node)));
      assertThat(ours.type()).isEqualTo(node.type());
      assertThat(ours.id()).isEqualTo(node.id());
    }
  }

  @Test
  void namespaceWithoutCommaRunsToTheEnd() throws ProtocolException {
    assertThat(parser.newDecoder().decode("0/admin"))
        .isEqualTo(new SocketPacket(SocketPacketType.CONNECT, "/admin", null, SocketPacket.NO_ID));
    assertThat(parser.newDecoder().decode("1/admin"))
        .isEqualTo(new SocketPacket(SocketPacketType.DISCONNECT, "/admin", null, -1));
    assertThatThrownBy(() -> parser.newDecoder().decode("2/admin"))
        .hasMessage("invalid payload: EVENT expects a non-empty array starting with an event name");
  }

  @Test
  void plainEventKeepsPlaceholderLookalikes() throws ProtocolException {
    SocketPacket p = parser.newDecoder().decode("2[\"a\",{\"_placeholder\":true,\"num\":0}]");
    assertThat(p.data().get(1).isObject()).isTrue();
  }

  @Test
  void choosesBinaryTypesByContentAndTakesBinaryTypesAsGiven() {
    ArrayNode data = F.arrayNode().add("x");
    assertThat(parser.encode(new SocketPacket(SocketPacketType.BINARY_EVENT, "/", data, 1)))
        .containsExactly("21[\"x\"]");
    assertThat(parser.encode(new SocketPacket(SocketPacketType.BINARY_ACK, "/a", data, 2)))
        .containsExactly("3/a,2[\"x\"]");
    ArrayNode bin = F.arrayNode().add("x").add(F.binaryNode(new byte[] {7}));
    List<Object> out = parser.encode(new SocketPacket(SocketPacketType.BINARY_EVENT, "/", bin, -1));
    assertThat(out.get(0)).isEqualTo("51-[\"x\",{\"_placeholder\":true,\"num\":0}]");
    assertThat((byte[]) out.get(1)).containsExactly(7);
  }

  @Test
  void writesNumbersAndEdgeValuesLikeJsonStringify() {
    ArrayNode data =
        F.arrayNode()
            .add("n")
            .add(-0.0)
            .add(Double.NaN)
            .add(Double.POSITIVE_INFINITY)
            .add(3.0)
            .add(0.1f)
            .add(1e21)
            .add(new java.math.BigDecimal("1.50"))
            .add(new java.math.BigInteger("123456789012345678901234567890"))
            .add(MissingNode.getInstance())
            .add(F.nullNode());
    ObjectNode object = F.objectNode();
    object.set("gone", MissingNode.getInstance());
    object.put("kept", 1);
    data.add(object);
    data.add(F.pojoNode(new byte[] {1}));
    data.add(F.pojoNode(List.of("a", 2)));
    List<Object> out = parser.encode(new SocketPacket(SocketPacketType.EVENT, "/", data, -1));
    assertThat(out.get(0))
        .isEqualTo(
            "51-[\"n\",0,null,null,3,0.1,1e+21,1.5,123456789012345678901234567890,null,null,"
                + "{\"kept\":1},{\"_placeholder\":true,\"num\":0},[\"a\",2]]");
  }

  @Test
  void refusesBinaryOutsideEventsAndNamespacesWithoutSlash() {
    ObjectNode auth = F.objectNode().put("token", "x");
    auth.set("key", F.binaryNode(new byte[] {1}));
    assertThatThrownBy(
            () -> parser.encode(new SocketPacket(SocketPacketType.CONNECT, "/", auth, -1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("binary values may only be sent in EVENT and ACK packets");
    assertThatThrownBy(
            () -> parser.encode(new SocketPacket(SocketPacketType.DISCONNECT, "admin", null, -1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("namespace must start with '/': \"admin\"");
  }

  @Test
  void encodingABinaryPacketLeavesTheNextPacketUntouched() {
    ArrayNode bin = F.arrayNode().add("x").add(F.binaryNode(new byte[] {7}));
    parser.encode(new SocketPacket(SocketPacketType.EVENT, "/", bin, -1));
    assertThat(
            parser.encode(
                new SocketPacket(SocketPacketType.EVENT, "/", F.arrayNode().add("y"), -1)))
        .containsExactly("2[\"y\"]");
  }

  @Test
  void maxAttachmentsIsConfigurable() throws ProtocolException {
    String eleven = "511-[\"a\"]";
    Parser.Decoder decoder = parser.withMaxAttachments(11).newDecoder();
    assertThat(decoder.decode(eleven)).isNull();
    for (int i = 0; i < 10; i++) {
      assertThat(decoder.decode(new byte[] {(byte) i})).isNull();
    }
    assertThat(decoder.decode(new byte[] {10}).data()).isEqualTo(F.arrayNode().add("a"));
    assertThatThrownBy(() -> parser.withMaxAttachments(1).newDecoder().decode("52-[\"a\"]"))
        .hasMessage("too many attachments: 2 (the limit is 1)");
    assertThatThrownBy(() -> parser.newDecoder().decode("5" + "9".repeat(30) + "-[\"a\"]"))
        .hasMessage("too many attachments: 999999999999… (the limit is 10)");
    assertThatThrownBy(() -> parser.withMaxAttachments(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resetDropsAPartlyReceivedPacket() throws ProtocolException {
    Parser.Decoder decoder = parser.newDecoder();
    assertThat(decoder.decode("51-[\"hello\"]")).isNull();
    decoder.reset();
    assertThat(decoder.decode("2[\"hello\"]").data()).isEqualTo(F.arrayNode().add("hello"));
    assertThatThrownBy(() -> decoder.decode(new byte[] {1}))
        .hasMessage("got binary data when not reconstructing a packet");
  }

  @Test
  void decoderRecoversAfterAnError() throws ProtocolException {
    Parser.Decoder decoder = parser.newDecoder();
    assertThat(decoder.decode("52-[\"a\",{\"_placeholder\":true,\"num\":5}]")).isNull();
    assertThat(decoder.decode(new byte[] {1})).isNull();
    assertThatThrownBy(() -> decoder.decode(new byte[] {2})).isInstanceOf(ProtocolException.class);
    assertThat(decoder.decode("2[\"b\"]").data()).isEqualTo(F.arrayNode().add("b"));
  }

  @Test
  void usesTheGivenMapper() {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    JsonParser custom = JsonParser.create(mapper);
    assertThat(custom.mapper()).isSameAs(mapper);
    assertThat(JsonParser.create().mapper()).isSameAs(JsonParser.defaultMapper());
    assertThat(JsonParser.create(JsonParser.defaultMapper())).isSameAs(JsonParser.create());
    assertThat(custom.maxAttachments()).isEqualTo(JsonParser.DEFAULT_MAX_ATTACHMENTS);
  }

  @Test
  void roundTripsEveryVectorThroughOurOwnEncoder() throws ProtocolException {
    for (JsonNode c : VECTORS.get("cases")) {
      SocketPacket packet = Vectors.packet(c.get("nodeDecoded").get(0));
      assertThat(decodeAll(parser.newDecoder(), parser.encode(packet)))
          .as(c.get("name").textValue())
          .isEqualTo(packet);
    }
  }

  /** Feeds every message, whatever comes out. */
  static void feed(Parser.Decoder decoder, List<Object> messages) throws ProtocolException {
    for (Object m : messages) {
      if (m instanceof String) {
        decoder.decode((String) m);
      } else {
        decoder.decode((byte[]) m);
      }
    }
  }

  static SocketPacket decodeAll(Parser.Decoder decoder, List<Object> messages)
      throws ProtocolException {
    SocketPacket result = null;
    List<Object> remaining = new ArrayList<>(messages);
    while (!remaining.isEmpty()) {
      Object m = remaining.remove(0);
      if (result != null) {
        fail("a packet completed before message " + m);
      }
      result = m instanceof String ? decoder.decode((String) m) : decoder.decode((byte[]) m);
    }
    return result;
  }
}
