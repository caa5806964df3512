package dev.sio.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.sio.protocol.socketio.PacketArguments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The server's view of packet arguments: the conversions of {@link PacketArguments}, and slices of
 * a received data array.
 */
public final class Args {
  private Args() {}

  /** One value as a tree ({@link PacketArguments#toNode}). */
  public static JsonNode toNode(ObjectMapper mapper, Object value) {
    return PacketArguments.toNode(mapper, value);
  }

  /** {@code [head, ...values]} as a packet's data array; {@code head} may be null (acks). */
  public static ArrayNode toArray(ObjectMapper mapper, String head, Object[] values) {
    return PacketArguments.toArray(mapper, head, values);
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
