package dev.sio.protocol.socketio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.sio.protocol.socketio.JsonParser;
import dev.sio.protocol.socketio.SocketPacket;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SimpleJsonReaderTest {
  private static final ObjectReader JACKSON =
      new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final SimpleJsonReader reader = new SimpleJsonReader();

  @Test
  void readsUsualPayloadsIntoJacksonsTrees() {
    String[] inputs = {
      "[\"echo\",\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]",
      "[\"broadcast\",\"bench\",\"1732147200000 payload\"]",
      "{\"sid\":\"abc\",\"pid\":\"def\"}",
      "[]",
      "{}",
      " [ 1 , -2 , 0 , -0 , 999999999 , -999999999 ] ",
      "[true,false,null,\"\",{\"a\":[{}],\"b\":{\"c\":null}}]",
      "[\"é€\u2028😀\u007f\"]",
      "\"text\"",
      "42",
      "null",
      "{\"1\":1,\"a\":2,\"0\":3}",
      "\t[\n\"a\"\r]\n",
    };
    for (String input : inputs) {
      JsonNode simple = reader.read(input, 0);
      assertThat(simple).as(input).isNotNull();
      assertSameTree(simple, jackson(input), input);
      JsonNode fromBytes = readBytes(input);
      assertThat(fromBytes).as(input).isNotNull();
      assertSameTree(fromBytes, jackson(input), input);
    }
  }

  @Test
  void readsArraysOfEverySizeAndDepthFromItsStack() {
    StringBuilder wide = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      wide.append(i == 0 ? "" : ",").append("[").append(i).append(",[\"x\"],[]]");
    }
    String text = wide.append("]").toString();
    assertSameTree(reader.read(text, 0), jackson(text), text);
    assertSameTree(readBytes(text), jackson(text), text);
    String deep = "[".repeat(64) + "1" + "]".repeat(64);
    assertSameTree(readBytes(deep), jackson(deep), deep);
    // a failure half-way leaves nothing behind for the next read
    assertThat(reader.read("[[1,2],[3,", 0)).isNull();
    assertSameTree(reader.read("[4]", 0), jackson("[4]"), "[4]");
  }

  @Test
  void readsFromTheBytesBetweenItsBoundsOnly() {
    byte[] bytes = "xx[\"é\",1]yy".getBytes(StandardCharsets.UTF_8);
    JsonNode node = reader.read(bytes, 2, bytes.length - 2);
    assertSameTree(node, jackson("[\"é\",1]"), "offset");
    assertThat(reader.read(bytes, 2, bytes.length - 3)).isNull(); // "[\"é\",1]y"
  }

  @Test
  void readsFromAnOffset() {
    String packet = "2/chat,12[\"msg\",{\"text\":\"hi\"}]";
    assertSameTree(reader.read(packet, 9), jackson(packet.substring(9)), packet);
  }

  @Test
  void leavesEverythingElseToJackson() {
    String[] inputs = {
      "[\"a\\n\"]", // escape
      "[\"tab\there\"]", // control character
      "[1.5]",
      "[1e3]",
      "[1234567890]", // beyond 9 digits: Jackson decides int or long
      "[01]",
      "[-]",
      "{\"a\":1,\"a\":2}", // a repeated key
      "[1]x",
      "[1,]",
      "[,1]",
      "{\"a\" 1}",
      "{a:1}",
      "[tru]",
      "[truex]",
      "[nul]",
      "[\"open",
      "[1",
      "",
      "   ",
      "[" + "[".repeat(64) + "]".repeat(64) + "]", // deeper than 64
    };
    for (String input : inputs) {
      assertThat(reader.read(input, 0)).as(input).isNull();
      assertThat(readBytes(input)).as(input).isNull();
    }
  }

  @Test
  void neverDisagreesWithJacksonOnRandomText() {
    Random random = new Random(20261121);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      String text = randomJson(random, 3);
      if (random.nextInt(4) == 0) {
        text = mutate(random, text);
      }
      JsonNode simple = reader.read(text, 0);
      JsonNode fromBytes = readBytes(text);
      assertThat(fromBytes == null)
          .as("bytes and text agree on %s", text)
          .isEqualTo(simple == null);
      if (simple != null) {
        assertSameTree(fromBytes, simple, text);
      }
      JsonNode expected;
      try {
        expected = jackson(text);
      } catch (RuntimeException e) {
        assertThat(simple).as("Jackson refuses %s", text).isNull();
        continue;
      }
      if (simple != null) {
        accepted++;
        assertSameTree(simple, expected, text);
      }
    }
    assertThat(accepted).as("texts read without Jackson").isGreaterThan(2_000);
  }

  @Test
  void standsInOnlyForMappersThatMakeDefaultTrees() {
    assertThat(SimpleJsonReader.makesDefaultTrees(new ObjectMapper())).isTrue();
    assertThat(
            SimpleJsonReader.makesDefaultTrees(
                new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS)))
        .isFalse();
    assertThat(
            SimpleJsonReader.makesDefaultTrees(
                new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)))
        .isFalse();
    ObjectMapper dropsNulls = new ObjectMapper();
    dropsNulls.configure(JsonNodeFeature.READ_NULL_PROPERTIES, false);
    assertThat(SimpleJsonReader.makesDefaultTrees(dropsNulls)).isFalse();
    ObjectMapper shallow = new ObjectMapper();
    shallow
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(3).build());
    assertThat(SimpleJsonReader.makesDefaultTrees(shallow)).isFalse();
  }

  @Test
  void aParserOnAnotherMapperStillReadsWithJackson() throws Exception {
    ObjectMapper longs = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    SocketPacket p = JsonParser.create(longs).newDecoder().decode("2[\"e\",1]");
    assertThat(p.data().get(1)).isInstanceOf(LongNode.class);
    SocketPacket q = JsonParser.create(new ObjectMapper()).newDecoder().decode("2[\"e\",1]");
    assertThat(q.data().get(1)).isInstanceOf(IntNode.class);
  }

  private JsonNode readBytes(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return reader.read(utf8, 0, utf8.length);
  }

  private static JsonNode jackson(String text) {
    try {
      JsonNode node = JACKSON.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("no value");
      }
      return node;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Equal, and of the same node classes everywhere (IntNode is not LongNode). */
  private static void assertSameTree(JsonNode actual, JsonNode expected, String input) {
    assertThat(actual).as(input).isEqualTo(expected);
    assertThat(actual.getClass()).as(input).isEqualTo(expected.getClass());
    if (expected.isArray()) {
      for (int i = 0; i < expected.size(); i++) {
        assertSameTree(actual.get(i), expected.get(i), input);
      }
    } else if (expected.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> a = actual.fields();
      Iterator<Map.Entry<String, JsonNode>> e = expected.fields();
      while (e.hasNext()) {
        Map.Entry<String, JsonNode> want = e.next();
        Map.Entry<String, JsonNode> got = a.next();
        assertThat(got.getKey()).as(input).isEqualTo(want.getKey());
        assertSameTree(got.getValue(), want.getValue(), input);
      }
    }
  }

  private static String randomJson(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 6);
    String space = random.nextInt(5) == 0 ? " \n\t\r".substring(random.nextInt(4)) : "";
    switch (kind) {
      case 0:
        return space + "\"" + randomString(random) + "\"";
      case 1:
        return space + random.nextInt(2_000_000_001) / (1 + random.nextInt(100_000));
      case 2:
        return space + (random.nextLong() >> random.nextInt(64));
      case 3:
        return space + (random.nextBoolean() ? "1.5" : "-2e" + random.nextInt(30));
      case 4:
        return space + new String[] {"true", "false", "null", "-0", "0"}[random.nextInt(5)];
      case 5:
        return space + "\"" + randomString(random) + "\\\"" + "\"";
      case 6:
      case 7:
        {
          StringBuilder sb = new StringBuilder(space).append('[');
          int n = random.nextInt(4);
          for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(randomJson(random, depth - 1));
          }
          return sb.append(space).append(']').toString();
        }
      default:
        {
          StringBuilder sb = new StringBuilder(space).append('{');
          int n = random.nextInt(4);
          for (int i = 0; i < n; i++) {
            String key = new String[] {"a", "b", "1", "", "é"}[random.nextInt(5)];
            sb.append(i == 0 ? "" : ",").append('"').append(key).append("\":");
            sb.append(randomJson(random, depth - 1));
          }
          return sb.append(space).append('}').toString();
        }
    }
  }

  private static String randomString(Random random) {
    String chars = "aZ09 /\u00e9\u2028\u20ac\u007f\t";
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      sb.append(chars.charAt(random.nextInt(chars.length())));
    }
    return sb.toString();
  }

  private static String mutate(Random random, String text) {
    if (text.isEmpty()) {
      return "x";
    }
    int at = random.nextInt(text.length());
    String junk =
        new String[] {"", ",", "]", "}", "\"", ":", "x", "0", "-", "."}[random.nextInt(10)];
    return text.substring(0, at) + junk + text.substring(Math.min(text.length(), at + 1));
  }
}
