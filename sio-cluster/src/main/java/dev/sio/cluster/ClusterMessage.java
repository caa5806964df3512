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

  /** {@return this message as {@code {type, data, uid, nsp}}: the order the adapters write} */
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

  /** {@return this message as {@code {uid, nsp, type, data}}: the order the emitters write} */
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
   * @param n the decoded message object
   * @return the message
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

  /** {@return the {@code requestId} inside {@code data}, or {@code null}} */
  public String requestId() {
    JsonNode id = data == null ? null : data.get("requestId");
    return id == null || id.isNull() ? null : id.asText();
  }

  /** {@return true when this type may carry binary, so it is sent as msgpack when it does} */
  public boolean mayContainBinary() {
    return type == ClusterProtocol.BROADCAST
        || type == ClusterProtocol.FETCH_SOCKETS_RESPONSE
        || type == ClusterProtocol.SERVER_SIDE_EMIT
        || type == ClusterProtocol.SERVER_SIDE_EMIT_RESPONSE
        || type == ClusterProtocol.BROADCAST_ACK;
  }

  // ---- data builders, in Node's key order ----

  /**
   * BROADCAST: {@code {packet, opts}} or, expecting acks, {@code {packet, requestId, opts}}.
   *
   * @param packet the packet as a JSON object (type, data, id; no {@code nsp})
   * @param requestId the request whose acks are expected, or {@code null} for none
   * @param opts the target rooms, excluded rooms and flags
   * @return the {@code data} object
   */
  public static ObjectNode broadcast(ObjectNode packet, String requestId, WireOptions opts) {
    ObjectNode d = NODES.objectNode();
    d.set("packet", packet);
    if (requestId != null) {
      d.put("requestId", requestId);
    }
    d.set("opts", opts.toNode());
    return d;
  }

  /**
   * BROADCAST as packet plus options, the packet without {@code nsp}.
   *
   * @param packet the packet to broadcast
   * @param requestId the request whose acks are expected, or {@code null} for none
   * @param opts the target rooms, excluded rooms and flags
   * @return the {@code data} object
   */
  public static ObjectNode broadcast(SocketPacket packet, String requestId, WireOptions opts) {
    return broadcast(PacketNodes.toNode(packet, false), requestId, opts);
  }

  /**
   * SOCKETS_JOIN / SOCKETS_LEAVE: {@code {opts, rooms}}.
   *
   * @param opts which sockets: target rooms, excluded rooms and flags
   * @param rooms the rooms to join or leave
   * @return the {@code data} object
   */
  public static ObjectNode rooms(WireOptions opts, Iterable<String> rooms) {
    ObjectNode d = NODES.objectNode();
    d.set("opts", opts.toNode());
    d.set("rooms", WireOptions.strings(rooms));
    return d;
  }

  /**
   * DISCONNECT_SOCKETS: {@code {opts, close}}.
   *
   * @param opts which sockets: target rooms, excluded rooms and flags
   * @param close whether to close the underlying connections too
   * @return the {@code data} object
   */
  public static ObjectNode disconnect(WireOptions opts, boolean close) {
    ObjectNode d = NODES.objectNode();
    d.set("opts", opts.toNode());
    d.put("close", close);
    return d;
  }

  /**
   * FETCH_SOCKETS: {@code {opts, requestId}}.
   *
   * @param opts which sockets: target rooms, excluded rooms and flags
   * @param requestId the request the responses answer
   * @return the {@code data} object
   */
  public static ObjectNode fetchSockets(WireOptions opts, String requestId) {
    ObjectNode d = NODES.objectNode();
    d.set("opts", opts.toNode());
    d.put("requestId", requestId);
    return d;
  }

  /**
   * FETCH_SOCKETS_RESPONSE: {@code {requestId, sockets}}.
   *
   * @param requestId the request this answers
   * @param sockets this node's matching sockets, one object each
   * @return the {@code data} object
   */
  public static ObjectNode fetchSocketsResponse(String requestId, ArrayNode sockets) {
    ObjectNode d = NODES.objectNode();
    d.put("requestId", requestId);
    d.set("sockets", sockets);
    return d;
  }

  /**
   * SERVER_SIDE_EMIT: {@code {packet}} or {@code {requestId, packet}}.
   *
   * @param requestId the request whose acks are expected, or {@code null} for none
   * @param packet the event name followed by its arguments
   * @return the {@code data} object
   */
  public static ObjectNode serverSideEmit(String requestId, ArrayNode packet) {
    ObjectNode d = NODES.objectNode();
    if (requestId != null) {
      d.put("requestId", requestId);
    }
    d.set("packet", packet);
    return d;
  }

  /**
   * SERVER_SIDE_EMIT_RESPONSE and BROADCAST_ACK: {@code {requestId, packet}}.
   *
   * @param requestId the request this answers
   * @param packet the ack's arguments, or {@code null} (written as JSON {@code null})
   * @return the {@code data} object
   */
  public static ObjectNode response(String requestId, JsonNode packet) {
    ObjectNode d = NODES.objectNode();
    d.put("requestId", requestId);
    d.set("packet", packet == null ? NODES.nullNode() : packet);
    return d;
  }

  /**
   * BROADCAST_CLIENT_COUNT: {@code {requestId, clientCount}}.
   *
   * @param requestId the request this answers
   * @param clientCount how many clients of this node got the broadcast
   * @return the {@code data} object
   */
  public static ObjectNode clientCount(String requestId, int clientCount) {
    ObjectNode d = NODES.objectNode();
    d.put("requestId", requestId);
    d.put("clientCount", clientCount);
    return d;
  }
}
