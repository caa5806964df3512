package dev.sio.protocol.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/** Seeded random Jackson trees with every kind of value the parsers must carry. */
public final class RandomTrees {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] KEYS = {"a", "b", "1", "10", "2", "_placeholder", "num", "é", ""};
  private static final String CHARS = "aZ09 \"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u2028\u20ac";

  private RandomTrees() {}

  /** An event payload: a name, then random arguments. */
  public static ArrayNode eventArgs(Random random) {
    ArrayNode args = F.arrayNode().add("ev" + random.nextInt(100));
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      args.add(value(random, 3));
    }
    return args;
  }

  public static JsonNode value(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 10 : 7);
    switch (kind) {
      case 0:
        return F.textNode(string(random));
      case 1:
        return F.numberNode(random.nextInt());
      case 2:
        return F.numberNode(random.nextLong() >> random.nextInt(64));
      case 3:
        double d =
            random.nextBoolean()
                ? random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)
                : random.nextInt(1000) / 8.0;
        return F.numberNode(random.nextBoolean() ? d : -d);
      case 4:
        return random.nextBoolean() ? F.booleanNode(random.nextBoolean()) : F.nullNode();
      case 5:
        byte[] bytes = new byte[random.nextInt(5)];
        random.nextBytes(bytes);
        return F.binaryNode(bytes);
      case 6:
        return F.textNode(string(random) + "\ud83d\ude00");
      case 7:
      case 8:
        ObjectNode object = F.objectNode();
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
          String key =
              KEYS[random.nextInt(KEYS.length)] + (random.nextBoolean() ? "" : string(random));
          // {"_placeholder":true} in a packet with binary is a placeholder, in Node as here
          JsonNode value = key.equals("_placeholder") ? F.textNode("x") : value(random, depth - 1);
          object.set(key, value);
        }
        return object;
      default:
        ArrayNode array = F.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          array.add(value(random, depth - 1));
        }
        return array;
    }
  }

  private static String string(Random random) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      b.append(CHARS.charAt(random.nextInt(CHARS.length())));
    }
    return b.toString();
  }
}
