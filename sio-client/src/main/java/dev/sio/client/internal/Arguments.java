package dev.sio.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Converts between Java values and the JSON arguments of packets with a Jackson mapper: {@code
 * byte[]} and {@link ByteBuffer} become {@link BinaryNode}s (binary attachments), anywhere.
 */
public final class Arguments {
  private Arguments() {}

  /** One value as a JSON node. */
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

  /** {@code [event, ...args]} as the data of an EVENT packet. */
  public static ArrayNode event(ObjectMapper mapper, String event, Object[] args) {
    ArrayNode data = mapper.createArrayNode();
    data.add(event);
    for (Object arg : args) {
      data.add(toNode(mapper, arg));
    }
    return data;
  }

  /** {@code args} as the data of an ACK packet. */
  public static ArrayNode array(ObjectMapper mapper, Object[] args) {
    ArrayNode data = mapper.createArrayNode();
    for (Object arg : args) {
      data.add(toNode(mapper, arg));
    }
    return data;
  }

  /**
   * Binds {@code node} to {@code type} ({@code byte[]} from a binary node, records and POJOs with
   * Jackson; {@link JsonNode} as is).
   *
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

  /** The first element of {@code args}, or null. */
  public static JsonNode first(List<JsonNode> args) {
    return args.isEmpty() ? null : args.get(0);
  }
}
