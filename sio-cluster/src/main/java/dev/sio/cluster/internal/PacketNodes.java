package dev.sio.cluster.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;

/**
 * A Socket.IO packet as an object inside cluster messages: {@code {type, data, nsp?, id?}}. The
 * type is always the plain one (2 for events, even with binary): each receiving server runs its own
 * parser.
 */
public final class PacketNodes {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PacketNodes() {}

  /**
   * The object form of {@code packet}.
   *
   * @param includeNamespace true for the classic adapter and the emitters, which set {@code nsp}
   */
  public static ObjectNode toNode(SocketPacket packet, boolean includeNamespace) {
    ObjectNode node = NODES.objectNode();
    node.put("type", plain(packet.type()).code());
    node.set("data", packet.data() == null ? NODES.nullNode() : packet.data());
    if (includeNamespace) {
      node.put("nsp", packet.namespace());
    }
    if (packet.hasId()) {
      node.put("id", packet.id());
    }
    return node;
  }

  /**
   * Reads the object form.
   *
   * @param defaultNamespace the namespace when the object has no {@code nsp}
   * @throws IllegalArgumentException when it is not a packet object
   */
  public static SocketPacket fromNode(JsonNode node, String defaultNamespace) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("packet must be an object");
    }
    JsonNode type = node.get("type");
    SocketPacketType t = type != null && type.isInt() ? SocketPacketType.of(type.intValue()) : null;
    if (t == null) {
      throw new IllegalArgumentException("packet has an invalid type: " + type);
    }
    JsonNode nsp = node.get("nsp");
    JsonNode id = node.get("id");
    return new SocketPacket(
        t,
        nsp != null && nsp.isTextual() ? nsp.textValue() : defaultNamespace,
        node.get("data"),
        id != null && id.canConvertToLong() && id.isIntegralNumber()
            ? id.longValue()
            : SocketPacket.NO_ID);
  }

  private static SocketPacketType plain(SocketPacketType type) {
    return switch (type) {
      case BINARY_EVENT -> SocketPacketType.EVENT;
      case BINARY_ACK -> SocketPacketType.ACK;
      default -> type;
    };
  }
}
