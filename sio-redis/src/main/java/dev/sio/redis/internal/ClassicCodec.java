package dev.sio.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.internal.JsonValues;
import dev.sio.cluster.internal.MsgpackValues;
import dev.sio.cluster.internal.PacketNodes;
import dev.sio.cluster.internal.WireOptions;
import dev.sio.protocol.socketio.SocketPacket;

/**
 * Encodes and decodes the classic adapter's messages, byte for byte as {@code
 * @socket.io/redis-adapter} 8.3 and {@code @socket.io/redis-emitter} 5.1 write them. Every method
 * is pure and thread-safe.
 */
public final class ClassicCodec {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ClassicCodec() {}

  /** A decoded broadcast: {@code [uid, packet, opts]}. */
  public record Broadcast(String uid, SocketPacket packet, WireOptions options) {}

  /** {@code msgpack([uid, packet, {rooms, except, flags}])}; the packet carries its {@code nsp}. */
  public static byte[] encodeBroadcast(String uid, SocketPacket packet, WireOptions options) {
    ArrayNode array = NODES.arrayNode(3);
    array.add(uid);
    array.add(PacketNodes.toNode(packet, true));
    array.add(options.toNode());
    return MsgpackValues.encode(array);
  }

  /** The emitter's broadcast: uid {@code "emitter"}, options in the order rooms, flags, except. */
  public static byte[] encodeEmitterBroadcast(SocketPacket packet, WireOptions options) {
    ArrayNode array = NODES.arrayNode(3);
    array.add(ClassicProtocol.EMITTER_UID);
    array.add(PacketNodes.toNode(packet, true));
    array.add(options.toEmitterNode());
    return MsgpackValues.encode(array);
  }

  /**
   * Decodes a broadcast; a packet without {@code nsp} belongs to {@code "/"}.
   *
   * @throws IllegalArgumentException when it is not {@code [uid, packet, opts]}
   */
  public static Broadcast decodeBroadcast(byte[] bytes) {
    JsonNode node = MsgpackValues.decode(bytes);
    if (!node.isArray() || node.size() < 3) {
      throw new IllegalArgumentException("broadcast must be an array [uid, packet, opts]");
    }
    return new Broadcast(
        node.get(0).asText(),
        PacketNodes.fromNode(node.get(1), "/"),
        WireOptions.fromNode(node.get(2)));
  }

  /**
   * Decodes a request or a response: JSON when the first byte is <code>{</code>, else msgpack.
   *
   * @throws IllegalArgumentException when it is neither, or not an object
   */
  public static ObjectNode decodeRequest(byte[] bytes) {
    JsonNode node =
        JsonValues.looksLikeJson(bytes) ? JsonValues.parse(bytes) : MsgpackValues.decode(bytes);
    if (!node.isObject()) {
      throw new IllegalArgumentException("request must be an object");
    }
    return (ObjectNode) node;
  }

  /** Request type 5: {@code {uid, requestId, type, opts:{rooms, except}}} (JSON). */
  public static byte[] fetchSocketsRequest(String uid, String requestId, WireOptions opts) {
    ObjectNode n = head(uid, requestId, ClassicProtocol.REMOTE_FETCH);
    n.set("opts", opts.toNodeWithoutFlags());
    return JsonValues.stringify(n);
  }

  /** Response to 0 or 5: {@code {requestId, sockets}} (JSON). */
  public static byte[] socketsResponse(String requestId, ArrayNode sockets) {
    ObjectNode n = NODES.objectNode();
    n.put("requestId", requestId);
    n.set("sockets", sockets);
    return JsonValues.stringify(n);
  }

  /** Request type 1: {@code {uid, requestId, type}} (JSON). */
  public static byte[] allRoomsRequest(String uid, String requestId) {
    return JsonValues.stringify(head(uid, requestId, ClassicProtocol.ALL_ROOMS));
  }

  /** Response to 1: {@code {requestId, rooms}} (JSON). */
  public static byte[] allRoomsResponse(String requestId, Iterable<String> rooms) {
    ObjectNode n = NODES.objectNode();
    n.put("requestId", requestId);
    n.set("rooms", WireOptions.strings(rooms));
    return JsonValues.stringify(n);
  }

  /** Response to the legacy single-socket 2, 3, 4: {@code {requestId}} (JSON). */
  public static byte[] emptyResponse(String requestId) {
    ObjectNode n = NODES.objectNode();
    n.put("requestId", requestId);
    return JsonValues.stringify(n);
  }

  /**
   * Request type 2 or 3: {@code {uid, type, opts:{rooms, except}, rooms}} (JSON); the emitter sends
   * no uid ({@code uid == null}).
   */
  public static byte[] roomsRequest(
      String uid, int type, WireOptions opts, Iterable<String> rooms) {
    ObjectNode n = head(uid, null, type);
    n.set("opts", opts.toNodeWithoutFlags());
    n.set("rooms", WireOptions.strings(rooms));
    return JsonValues.stringify(n);
  }

  /** Request type 4: {@code {uid, type, opts:{rooms, except}, close}} (JSON; emitter: no uid). */
  public static byte[] disconnectRequest(String uid, WireOptions opts, boolean close) {
    ObjectNode n = head(uid, null, ClassicProtocol.REMOTE_DISCONNECT);
    n.set("opts", opts.toNodeWithoutFlags());
    n.put("close", close);
    return JsonValues.stringify(n);
  }

  /** Request type 6: {@code {uid, [requestId,] type, data:[event, ...args]}} (JSON). */
  public static byte[] serverSideEmitRequest(String uid, String requestId, ArrayNode data) {
    ObjectNode n = head(uid, requestId, ClassicProtocol.SERVER_SIDE_EMIT);
    n.set("data", data);
    return JsonValues.stringify(n);
  }

  /** Response to 6: {@code {type, requestId, data: ackArg}} (JSON). */
  public static byte[] serverSideEmitResponse(String requestId, JsonNode arg) {
    ObjectNode n = NODES.objectNode();
    n.put("type", ClassicProtocol.SERVER_SIDE_EMIT);
    n.put("requestId", requestId);
    n.set("data", arg == null ? NODES.nullNode() : arg);
    return JsonValues.stringify(n);
  }

  /**
   * Request type 7: {@code msgpack({uid, requestId, type, packet, opts:{rooms, except, flags}})}.
   */
  public static byte[] broadcastWithAckRequest(
      String uid, String requestId, SocketPacket packet, WireOptions opts) {
    ObjectNode n = head(uid, requestId, ClassicProtocol.BROADCAST);
    n.set("packet", PacketNodes.toNode(packet, true));
    n.set("opts", opts.toNode());
    return MsgpackValues.encode(n);
  }

  /** Response 8: {@code {type, requestId, clientCount}} (JSON). */
  public static byte[] clientCountResponse(String requestId, int clientCount) {
    ObjectNode n = NODES.objectNode();
    n.put("type", ClassicProtocol.BROADCAST_CLIENT_COUNT);
    n.put("requestId", requestId);
    n.put("clientCount", clientCount);
    return JsonValues.stringify(n);
  }

  /** Response 9: {@code msgpack({type, requestId, packet: ackArg})}. */
  public static byte[] broadcastAckResponse(String requestId, JsonNode arg) {
    ObjectNode n = NODES.objectNode();
    n.put("type", ClassicProtocol.BROADCAST_ACK);
    n.put("requestId", requestId);
    n.set("packet", arg == null ? NODES.nullNode() : arg);
    return MsgpackValues.encode(n);
  }

  private static ObjectNode head(String uid, String requestId, int type) {
    ObjectNode n = NODES.objectNode();
    if (uid != null) {
      n.put("uid", uid);
    }
    if (requestId != null) {
      n.put("requestId", requestId);
    }
    n.put("type", type);
    return n;
  }
}
