package dev.sio.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio.protocol.socketio.PacketArguments;
import java.util.List;

/**
 * The client's view of packet arguments: the conversions of {@link PacketArguments} under the
 * client's names.
 */
public final class Arguments {
  private Arguments() {}

  /** One value as a JSON node ({@link PacketArguments#toNode}). */
  public static JsonNode toNode(ObjectMapper mapper, Object value) {
    return PacketArguments.toNode(mapper, value);
  }

  /** {@code [event, ...args]} as the data of an EVENT packet. */
  public static ArrayNode event(ObjectMapper mapper, String event, Object[] args) {
    return PacketArguments.toArray(mapper, event, args);
  }

  /** {@code args} as the data of an ACK packet. */
  public static ArrayNode array(ObjectMapper mapper, Object[] args) {
    return PacketArguments.toArray(mapper, null, args);
  }

  /** Binds {@code node} to {@code type} ({@link PacketArguments#bind}). */
  public static <T> T bind(ObjectMapper mapper, JsonNode node, Class<T> type) {
    return PacketArguments.bind(mapper, node, type);
  }

  /** The first element of {@code args}, or null. */
  public static JsonNode first(List<JsonNode> args) {
    return args.isEmpty() ? null : args.get(0);
  }
}
