package dev.sio.protocol.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the vectors written by {@code vectors/generate-vectors.js}: binary values are {@code
 * {"$bin":"<hex>"}} in packets and in message lists.
 */
public final class Vectors {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Vectors() {}

  public static JsonNode load(String resource) {
    try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The portable value with each {"$bin": hex} turned into a BinaryNode. */
  public static JsonNode binaries(JsonNode node) {
    if (node.isObject()) {
      if (node.size() == 1 && node.has("$bin")) {
        return BinaryNode.valueOf(HexFormat.of().parseHex(node.get("$bin").textValue()));
      }
      ObjectNode copy = MAPPER.createObjectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        copy.set(field.getKey(), binaries(field.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = MAPPER.createArrayNode();
      node.forEach(element -> copy.add(binaries(element)));
      return copy;
    }
    return node;
  }

  /** The packet of a vector: {type, nsp, data?, id?}. */
  public static SocketPacket packet(JsonNode p) {
    JsonNode data = p.has("data") ? binaries(p.get("data")) : null;
    long id = p.has("id") ? p.get("id").longValue() : SocketPacket.NO_ID;
    return new SocketPacket(
        SocketPacketType.of(p.get("type").intValue()), p.get("nsp").textValue(), data, id);
  }

  /** The messages of a vector: strings, and byte[] for {"$bin": hex}. */
  public static List<Object> messages(JsonNode list) {
    List<Object> out = new ArrayList<>();
    for (JsonNode m : list) {
      out.add(m.isTextual() ? m.textValue() : HexFormat.of().parseHex(m.get("$bin").textValue()));
    }
    return out;
  }

  /** Numbers compare by value (JavaScript has one number type), everything else by equals. */
  public static boolean sameValue(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals(
        (x, y) ->
            x.isNumber() && y.isNumber()
                ? Double.compare(x.doubleValue(), y.doubleValue())
                : x.equals(y) ? 0 : 1,
        b);
  }

  /** Readable form of messages for assertion messages: byte[] as hex. */
  public static List<String> printable(List<Object> messages) {
    List<String> out = new ArrayList<>();
    for (Object m : messages) {
      out.add(m instanceof byte[] ? "bin:" + HexFormat.of().formatHex((byte[]) m) : (String) m);
    }
    return out;
  }
}
