package dev.sio.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.internal.PacketNodes;
import dev.sio.cluster.internal.WireOptions;
import dev.sio.protocol.socketio.SocketPacket;

/**
 * One message of the {@code ClusterAdapter} protocol (socket.io-adapter 2.5), shared by the sharded
 * and the streams adapters: {@code {type, data, uid, nsp}}. The builders below put the keys of
 * {@code data} in the order Node writes them.
 *
 * @param uid the sender (16 hex characters, or {@code "emitter"})
 * @param nsp the namespace
 * @param type one of the {@code ClusterProtocol} codes
 * @param data the payload, or {@code null} for the heartbeat kinds
 */
public record ClusterMessage(String uid, String nsp, int type, JsonNode data) {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** {@code {type, data, uid, nsp}}: the order the adapters write. */
  public ObjectNode toNode() {
    ObjectNode n = NODES.objectNode();
    n.put("type", type);
    if (data != null) {
      n.set("data", data);
    }
    n.put("uid", uid);
    n.put("nsp", nsp);
    return n;
  }

  /** {@code {uid, nsp, type, data}}: the order the emitters write. */
  public ObjectNode toEmitterNode() {
    ObjectNode n = NODES.objectNode();
    n.put("uid", uid);
    n.put("nsp", nsp);
    n.put("type", type);
    if (data != null) {
      n.set("data", data);
    }
    return n;
  }

  /**
   * Reads a message object in any key order.
   *
   * @throws IllegalArgumentException when a field is missing or has the wrong kind
   */
  public static ClusterMessage fromNode(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("cluster message must be an object");
    }
    JsonNode uid = n.get("uid");
    JsonNode nsp = n.get("nsp");
    JsonNode type = n.get("type");
    if (uid == null || !uid.isTextual()) {
      throw new IllegalArgumentException("cluster message has no uid");
    }
    if (nsp == null || !nsp.isTextual()) {
      throw new IllegalArgumentException("cluster message has no nsp");
    }
    if (type == null || !type.isInt()) {
      throw new IllegalArgumentException("cluster message has no numeric type");
    }
    return new ClusterMessage(uid.textValue(), nsp.textValue(), type.intValue(), n.get("data"));
  }

  /** The {@code requestId} inside {@code data}, or {@code null}. */
  public String requestId() {
    JsonNode id = data == null ? null : data.get("requestId");
    return id == null || id.isNull() ? null : id.asText();
  }

  /** True when this type may carry binary, so it is sent as msgpack when it does. */
  public boolean mayContainBinary() {
    return type == ClusterProtocol.BROADCAST
        || type == ClusterProtocol.FETCH_SOCKETS_RESPONSE
        || type == ClusterProtocol.SERVER_SIDE_EMIT
        || type == ClusterProtocol.SERVER_SIDE_EMIT_RESPONSE
        || type == ClusterProtocol.BROADCAST_ACK;
  }

  // ---- data builders, in Node's key order ----

  /** BROADCAST: {@code {packet, opts}} or, expecting acks, {@code {packet, requestId, opts}}. */
  public static ObjectNode broadcast(ObjectNode packet, String requestId, WireOptions opts) {
    ObjectNode d = NODES.objectNode();
    d.set("packet", packet);
    if (requestId != null) {
      d.put("requestId", requestId);
    }
    d.set("opts", opts.toNode());
    return d;
  }

  /** BROADCAST as packet plus options, the packet without {@code nsp}. */
  public static ObjectNode broadcast(SocketPacket packet, String requestId, WireOptions opts) {
    return broadcast(PacketNodes.toNode(packet, false), requestId, opts);
  }

  /** SOCKETS_JOIN / SOCKETS_LEAVE: {@code {opts, rooms}}. */
  public static ObjectNode rooms(WireOptions opts, Iterable<String> rooms) {
    ObjectNode d = NODES.objectNode();
    d.set("opts", opts.toNode());
    d.set("rooms", WireOptions.strings(rooms));
    return d;
  }

  /** DISCONNECT_SOCKETS: {@code {opts, close}}. */
  public static ObjectNode disconnect(WireOptions opts, boolean close) {
    ObjectNode d = NODES.objectNode();
    d.set("opts", opts.toNode());
    d.put("close", close);
    return d;
  }

  /** FETCH_SOCKETS: {@code {opts, requestId}}. */
  public static ObjectNode fetchSockets(WireOptions opts, String requestId) {
    ObjectNode d = NODES.objectNode();
    d.set("opts", opts.toNode());
    d.put("requestId", requestId);
    return d;
  }

  /** FETCH_SOCKETS_RESPONSE: {@code {requestId, sockets}}. */
  public static ObjectNode fetchSocketsResponse(String requestId, ArrayNode sockets) {
    ObjectNode d = NODES.objectNode();
    d.put("requestId", requestId);
    d.set("sockets", sockets);
    return d;
  }

  /** SERVER_SIDE_EMIT: {@code {packet}} or {@code {requestId, packet}}. */
  public static ObjectNode serverSideEmit(String requestId, ArrayNode packet) {
    ObjectNode d = NODES.objectNode();
    if (requestId != null) {
      d.put("requestId", requestId);
    }
    d.set("packet", packet);
    return d;
  }

  /** SERVER_SIDE_EMIT_RESPONSE and BROADCAST_ACK: {@code {requestId, packet}}. */
  public static ObjectNode response(String requestId, JsonNode packet) {
    ObjectNode d = NODES.objectNode();
    d.put("requestId", requestId);
    d.set("packet", packet == null ? NODES.nullNode() : packet);
    return d;
  }

  /** BROADCAST_CLIENT_COUNT: {@code {requestId, clientCount}}. */
  public static ObjectNode clientCount(String requestId, int clientCount) {
    ObjectNode d = NODES.objectNode();
    d.put("requestId", requestId);
    d.put("clientCount", clientCount);
    return d;
  }
}
