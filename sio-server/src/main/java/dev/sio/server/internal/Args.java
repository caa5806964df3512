package dev.sio.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the Java values users emit into the JSON trees packets carry. {@code byte[]} and {@link
 * ByteBuffer} values become {@link BinaryNode}s wherever they are (Jackson writes them as binary),
 * which the parser sends as attachments.
 */
public final class Args {
  private Args() {}

  /** One value as a tree. */
  public static JsonNode toNode(ObjectMapper mapper, Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof byte[] bytes) {
      return BinaryNode.valueOf(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return BinaryNode.valueOf(bytes);
    }
    return mapper.valueToTree(value);
  }

  /** {@code [head, ...values]} as a packet's data array; {@code head} may be null (acks). */
  public static ArrayNode toArray(ObjectMapper mapper, String head, Object[] values) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode(values.length + 1);
    if (head != null) {
      array.add(head);
    }
    for (Object value : values) {
      array.add(toNode(mapper, value));
    }
    return array;
  }

  /** The elements of {@code array} from index {@code from}, as an unmodifiable list. */
  public static List<JsonNode> tail(JsonNode array, int from) {
    if (array == null || !array.isArray() || array.size() <= from) {
      return List.of();
    }
    List<JsonNode> list = new ArrayList<>(array.size() - from);
    for (int i = from; i < array.size(); i++) {
      list.add(array.get(i));
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * The first element of {@code array}, or {@code NullNode} when empty (an answer without value).
   */
  public static JsonNode first(JsonNode array) {
    return array != null && array.isArray() && array.size() > 0
        ? array.get(0)
        : NullNode.getInstance();
  }
}
