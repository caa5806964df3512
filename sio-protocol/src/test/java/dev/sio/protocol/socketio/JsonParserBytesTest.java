package dev.sio.protocol.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The byte paths of the JSON parser: {@link Parser.Decoder#decodeText} (a WebSocket frame's UTF-8)
 * gives what {@link Parser.Decoder#decode(String)} gives, packets and errors alike, and {@link
 * Parser#encodeText} gives the text of {@link Parser#encode}.
 */
@Timeout(60)
class JsonParserBytesTest {
  private static final JsonNode VECTORS = Vectors.load("/vectors/socketio-json.json");

  private final JsonParser parser = JsonParser.create();

  @Test
  void decodesTheDifferentialVectorsAsTheTextPathDoes() {
    int compared = 0;
    for (JsonNode c : VECTORS.get("differential")) {
      assertSameOutcome(c.get("input").textValue());
      compared++;
    }
    assertThat(compared).isGreaterThan(50);
  }

  @Test
  void decodesUsualAndUnusualPacketsAsTheTextPathDoes() {
    String[] inputs = {
      "2[\"echo\",\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]",
      "21[\"echo\",\"x\"]",
      "3123[\"x\",{\"a\":[1,2,{}]},true,null]",
      "2/admin,7[\"chat\",\"hi\"]",
      "2/admin,[\"chat\"]",
      "2/,[\"chat\"]",
      "0/admin,{\"token\":\"abc\"}",
      "0",
      "0/admin",
      "1/admin,",
      "2/ünï,[\"a\"]", // a namespace beyond ASCII
      "2[\"é€\u2028😀\",{\"ключ\":\"значение\"}]",
      "2[\"escaped \\\"quote\\\" \\u00e9\"]",
      "2[\"num\",1.5,1e300,12345678901234]",
      "29223372036854775807[\"max id\"]",
      "29223372036854775808[\"id beyond a long\"]",
      "299999999999999999999999[\"id far beyond a long\"]",
      "2",
      "3",
      "4",
      "4\"error\"",
      "4{\"message\":\"nope\"}",
      "2[]",
      "2{}",
      "2\"text\"",
      "2[\"a\"]x",
      "2[\"a\"",
      "2 [\"a\"]",
      "2[\"a\"] ",
      "7[\"a\"]",
      "x[\"a\"]",
      "",
      "51-[\"bin\",{\"_placeholder\":true,\"num\":0}]",
    };
    for (String input : inputs) {
      assertSameOutcome(input);
    }
  }

  @Test
  void oneDecoderAgreesWithTheTextPathOnARandomStream() throws Exception {
    Random random = new Random(7);
    String[] names = {"a", "ab", "abc", "b", "é", "a\\\"", "\"", ""};
    Parser.Decoder bytes = parser.newDecoder();
    Parser.Decoder text = parser.newDecoder();
    for (int i = 0; i < 5_000; i++) {
      String name = names[random.nextInt(names.length)];
      String packet =
          (random.nextBoolean() ? "2" : "3")
              + (random.nextInt(3) == 0 ? "/n," : "")
              + "[\""
              + name
              + "\""
              + (random.nextBoolean() ? ",1" : "")
              + (random.nextInt(10) == 0 ? "" : "]");
      byte[] utf8 = packet.getBytes(StandardCharsets.UTF_8);
      Outcome b = outcome(() -> bytes.decodeText(utf8, 0, utf8.length));
      Outcome t = outcome(() -> text.decode(packet));
      assertThat(b).as(packet).isEqualTo(t);
    }
  }

  @Test
  void agreesWithTheTextPathOnRandomPackets() {
    Random random = new Random(20261202);
    String[] heads = {"2", "3", "21", "2/a,", "2/a,9", "0", "1", "4", "5", "2/é,"};
    String[] pieces = {
      "[",
      "]",
      "{",
      "}",
      ",",
      ":",
      "\"",
      "\"k\"",
      "\"é\"",
      "1",
      "-0",
      "01",
      "1.5",
      "true",
      "nul",
      " ",
      "\\",
      "\\n",
      "😀",
      "\u0001",
      "[\"e\",",
      "{\"a\":",
      "null",
      "123456789012"
    };
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder(heads[random.nextInt(heads.length)]);
      for (int n = random.nextInt(8); n > 0; n--) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      if (random.nextBoolean()) {
        sb.append("]");
      }
      assertSameOutcome(sb.toString());
    }
  }

  @Test
  void sharesTheEventNameOfConsecutiveEventsOnly() throws Exception {
    Parser.Decoder decoder = parser.newDecoder();
    Parser.Decoder text = parser.newDecoder();
    String[] names = {"echo", "echo", "echoo", "ech", "echo", "é", "é", "e\\\"cho", "", "", "echo"};
    JsonNode previous = null;
    for (String name : names) {
      String packet = "2[\"" + name + "\",\"echo\"]";
      byte[] utf8 = packet.getBytes(StandardCharsets.UTF_8);
      SocketPacket p = decoder.decodeText(utf8, 0, utf8.length);
      assertThat(p).as(packet).isEqualTo(text.decode(packet));
      JsonNode node = p.data().get(0);
      if (previous != null
          && previous.equals(node)
          && !name.contains("é")
          && !name.contains("\\")) {
        assertThat(node).as("the same name is the same node").isSameAs(previous);
      }
      previous = node;
    }
    byte[] ack = "3[\"echo\"]".getBytes(StandardCharsets.UTF_8);
    assertThat(decoder.decodeText(ack, 0, ack.length).data().get(0).textValue()).isEqualTo("echo");
  }

  @Test
  void readsTheBytesAtAnOffsetOnly() throws Exception {
    byte[] frame = "XX2/chat,3[\"msg\",\"hi\"]YY".getBytes(StandardCharsets.UTF_8);
    SocketPacket p = parser.newDecoder().decodeText(frame, 2, frame.length - 4);
    assertThat(p).isEqualTo(parser.newDecoder().decode("2/chat,3[\"msg\",\"hi\"]"));
    assertThat(p.namespace()).isEqualTo("/chat");
    assertThat(p.id()).isEqualTo(3);
  }

  @Test
  void aTextMessageWhileAttachmentsAreExpectedIsTheSameError() throws Exception {
    Parser.Decoder decoder = parser.newDecoder();
    assertThat(decoder.decode("51-[\"bin\",{\"_placeholder\":true,\"num\":0}]")).isNull();
    byte[] text = "2[\"x\"]".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> decoder.decodeText(text, 0, text.length))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(
            "got plaintext data when reconstructing a packet (0 of 1 attachments received)");
    // the decoder holds nothing after the error: the next packet decodes
    assertThat(decoder.decodeText(text, 0, text.length).data().get(0).textValue()).isEqualTo("x");
  }

  @Test
  void aBinaryPacketAnnouncedInBytesTakesItsAttachments() throws Exception {
    Parser.Decoder decoder = parser.newDecoder();
    byte[] text = "51-[\"bin\",{\"_placeholder\":true,\"num\":0}]".getBytes(StandardCharsets.UTF_8);
    assertThat(decoder.decodeText(text, 0, text.length)).isNull();
    SocketPacket p = decoder.decode(new byte[] {1, 2, 3});
    assertThat(p.type()).isEqualTo(SocketPacketType.EVENT);
    assertThat(p.data().get(1).binaryValue()).containsExactly(1, 2, 3);
  }

  @Test
  void aDecoderWithoutTheFastPathDecodesTheBytesToo() throws Exception {
    Parser.Decoder longs =
        JsonParser.create(
                new ObjectMapper()
                    .enable(
                        com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS))
            .newDecoder();
    byte[] text = "2[\"e\",1]".getBytes(StandardCharsets.UTF_8);
    assertThat(longs.decodeText(text, 0, text.length).data().get(1).isLong()).isTrue();
  }

  @Test
  void encodesTheTextOfPacketsWithoutBinary() {
    JsonNode data = parser.mapper().valueToTree(List.of("chat", "é😀\"", 1.5, List.of(1, 2)));
    for (SocketPacket p :
        List.of(
            new SocketPacket(SocketPacketType.EVENT, "/", data, -1),
            new SocketPacket(SocketPacketType.EVENT, "/admin", data, 12),
            new SocketPacket(SocketPacketType.ACK, "/", data, 0),
            new SocketPacket(SocketPacketType.CONNECT, "/x", null, -1),
            new SocketPacket(SocketPacketType.DISCONNECT, "/", null, -1))) {
      List<Object> messages = parser.encode(p);
      CharSequence text = parser.encodeText(p);
      assertThat(text).as(p.toString()).isNotNull();
      assertThat(text.toString()).isEqualTo(messages.get(0));
      assertThat(text.length()).isEqualTo(((String) messages.get(0)).length());
      if (text.length() >= 3) {
        assertThat(text.subSequence(1, 3).toString())
            .isEqualTo(((String) messages.get(0)).substring(1, 3));
      }
    }
  }

  @Test
  void encodeTextLeavesBinaryPacketsToEncode() {
    var data =
        JsonNodeFactory.instance.arrayNode().add("file").add(BinaryNode.valueOf(new byte[2]));
    SocketPacket p = new SocketPacket(SocketPacketType.EVENT, "/", data, 3);
    assertThat(parser.encodeText(p)).isNull();
    assertThat(parser.encode(p).get(0))
        .isEqualTo("51-3[\"file\",{\"_placeholder\":true,\"num\":0}]");
    SocketPacket ack = new SocketPacket(SocketPacketType.ACK, "/", data, 3);
    assertThat(parser.encode(ack).get(0))
        .isEqualTo("61-3[\"file\",{\"_placeholder\":true,\"num\":0}]");
  }

  @Test
  void encodeTextRefusesWhatEncodeRefuses() {
    SocketPacket bad = new SocketPacket(SocketPacketType.EVENT, "nsp", null, -1);
    assertThatThrownBy(() -> parser.encodeText(bad)).isInstanceOf(IllegalArgumentException.class);
    var binary = JsonNodeFactory.instance.objectNode().set("b", BinaryNode.valueOf(new byte[1]));
    SocketPacket connect = new SocketPacket(SocketPacketType.CONNECT, "/", binary, -1);
    assertThatThrownBy(() -> parser.encodeText(connect))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("binary values may only be sent in EVENT and ACK packets");
  }

  @Test
  void theEncodedTextIsValidUntilTheThreadEncodesAgain() {
    JsonNode a = parser.mapper().valueToTree(List.of("a"));
    JsonNode b = parser.mapper().valueToTree(List.of("bb"));
    CharSequence first = parser.encodeText(new SocketPacket(SocketPacketType.EVENT, "/", a, -1));
    String copy = first.toString();
    parser.encodeText(new SocketPacket(SocketPacketType.EVENT, "/", b, -1));
    assertThat(copy).isEqualTo("2[\"a\"]");
    assertThat(first.toString()).isEqualTo("2[\"bb\"]"); // the same reused buffer
  }

  private void assertSameOutcome(String input) {
    byte[] utf8 = input.getBytes(StandardCharsets.UTF_8);
    byte[] framed = new byte[utf8.length + 6];
    System.arraycopy(utf8, 0, framed, 3, utf8.length);
    framed[0] = '[';
    framed[framed.length - 1] = '"';
    // the text a frame carries: a lone surrogate of the input cannot be sent as UTF-8
    String sent = new String(utf8, StandardCharsets.UTF_8);
    Outcome text = outcome(() -> parser.newDecoder().decode(sent));
    Outcome bytes = outcome(() -> parser.newDecoder().decodeText(framed, 3, utf8.length));
    assertThat(bytes).as(input).isEqualTo(text);
  }

  private record Outcome(SocketPacket packet, String error) {}

  private interface Decode {
    SocketPacket run() throws ProtocolException;
  }

  private static Outcome outcome(Decode decode) {
    try {
      return new Outcome(decode.run(), null);
    } catch (ProtocolException e) {
      List<String> causes = new ArrayList<>();
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        causes.add(t.getClass().getName());
      }
      return new Outcome(null, e.getMessage() + " " + causes);
    }
  }
}
