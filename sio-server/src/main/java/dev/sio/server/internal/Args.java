package dev.sio.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.sio.protocol.socketio.PacketArguments;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

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

  /**
   * The elements of {@code array} from index {@code from}, as an unmodifiable list. It is a view of
   * the array (no copy): pass only an array that nobody changes afterwards, such as a decoded
   * packet's.
   */
  public static List<JsonNode> tail(JsonNode array, int from) {
    if (array == null || !array.isArray() || array.size() <= from) {
      return List.of();
    }
    return new Tail(array, from);
  }

  /** An unmodifiable view of an array's elements from {@code from}. */
  private static final class Tail extends AbstractList<JsonNode> implements RandomAccess {
    private final JsonNode array;
    private final int from;

    Tail(JsonNode array, int from) {
      this.array = array;
      this.from = from;
    }

    @Override
    public JsonNode get(int index) {
      Objects.checkIndex(index, size());
      return array.get(from + index);
    }

    @Override
    public int size() {
      return array.size() - from;
    }

    @Override
    public Object[] toArray() { // no iterator (handlers often pass args.toArray() on)
      Object[] values = new Object[size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = array.get(from + i);
      }
      return values;
    }
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
