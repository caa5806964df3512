package dev.sio.protocol.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Converts between the Java values users emit or receive and the JSON trees that packets carry, the
 * same way on the server and the client: {@code byte[]} and {@link ByteBuffer} values become {@link
 * BinaryNode}s wherever they are (the parser sends them as attachments), everything else is bound
 * by a Jackson {@link ObjectMapper}.
 */
public final class PacketArguments {
  private PacketArguments() {}

  /**
   * {@return one value as a tree: {@code null} as JSON null, a {@link JsonNode} as it is}
   *
   * @param mapper the Jackson mapper
   * @param value one value as a tree: {@code null} as JSON null, a {@link JsonNode} as it is
   */
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

  /**
   * {@return {@code [head, ...values]} as a packet's data array: an EVENT's with the event name as
   * {@code head}, an ACK's with {@code head} null}
   *
   * @param mapper the Jackson mapper
   * @param head the event name, or null for an ACK
   * @param values the arguments
   */
  public static ArrayNode toArray(ObjectMapper mapper, String head, Object[] values) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode(values.length + (head != null ? 1 : 0));
    if (head != null) {
      array.add(head);
    }
    for (Object value : values) {
      array.add(toNode(mapper, value));
    }
    return array;
  }

  /**
   * Binds {@code node} to {@code type}: {@code byte[]} and {@link ByteBuffer} straight from a
   * binary node, a {@link JsonNode} as it is, records and POJOs with Jackson.
   *
   * @param <T> the bound type
   * @param mapper the Jackson mapper
   * @param node the node
   * @param type the class to bind to (with Jackson)
   * @return the bound value
   * @throws IllegalArgumentException when the value does not fit the type
   */
  public static <T> T bind(ObjectMapper mapper, JsonNode node, Class<T> type) {
    if (node == null) {
      node = NullNode.getInstance();
    }
    if (type.isInstance(node)) {
      return type.cast(node);
    }
    try {
      if (type == byte[].class && node.isBinary()) {
        return type.cast(node.binaryValue());
      }
      if (type == ByteBuffer.class && node.isBinary()) {
        return type.cast(ByteBuffer.wrap(node.binaryValue()));
      }
      return mapper.treeToValue(node, type);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot bind " + node.getNodeType() + " to " + type.getName() + ": " + e.getMessage(), e);
    }
  }
}
