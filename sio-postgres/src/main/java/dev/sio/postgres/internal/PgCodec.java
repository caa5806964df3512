package dev.sio.postgres.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.ClusterMessage;
import dev.sio.cluster.ClusterProtocol;
import dev.sio.cluster.internal.JsonValues;
import dev.sio.cluster.internal.MsgpackValues;
import java.nio.charset.StandardCharsets;

/**
 * The Postgres adapter's encodings of a {@link ClusterMessage}: the JSON of a notification, or
 * msgpack in the attachments table with a small JSON header in the notification. Pure and
 * thread-safe.
 */
public final class PgCodec {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PgCodec() {}

  /** One message ready to publish: the notification, and the attachment when there is one. */
  public record Encoded(byte[] json, byte[] attachment) {
    /** The bytes this message holds while it waits. */
    public int bytes() {
      return json != null ? json.length : attachment.length;
    }
  }

  /**
   * Encodes as the Node adapter does: msgpack into the table when a binary-capable type has binary
   * or when the JSON is longer than {@code threshold} bytes (or too long for NOTIFY at all), else
   * the JSON itself.
   *
   * @param node the message object, keys in the order they go on the wire
   * @param binaryTypes whether {@code type} may carry binary (the adapter's and the emitter's sets
   *     differ)
   */
  public static Encoded encode(ObjectNode node, boolean binaryType, int threshold) {
    if (binaryType && MsgpackValues.hasBinary(node.get("data"))) {
      return new Encoded(null, MsgpackValues.encode(node));
    }
    byte[] json = JsonValues.stringify(node);
    if (json.length > threshold || json.length >= PgProtocol.NOTIFY_PAYLOAD_LIMIT) {
      return new Encoded(null, MsgpackValues.encode(node));
    }
    return new Encoded(json, null);
  }

  /** True for the types the adapter sends as msgpack when they have binary. */
  public static boolean adapterBinaryType(int type) {
    return type == ClusterProtocol.BROADCAST
        || type == ClusterProtocol.BROADCAST_ACK
        || type == ClusterProtocol.SERVER_SIDE_EMIT
        || type == ClusterProtocol.SERVER_SIDE_EMIT_RESPONSE;
  }

  /** True for the types the emitter sends as msgpack when they have binary. */
  public static boolean emitterBinaryType(int type) {
    return type == ClusterProtocol.BROADCAST
        || type == ClusterProtocol.SERVER_SIDE_EMIT
        || type == ClusterProtocol.SERVER_SIDE_EMIT_RESPONSE;
  }

  /** The notification of an attachment: {@code {"uid":…,"type":…,"attachmentId":"id"}}. */
  public static byte[] header(String uid, int type, long attachmentId) {
    ObjectNode h = NODES.objectNode();
    h.put("uid", uid);
    h.put("type", type);
    h.put(PgProtocol.ATTACHMENT_ID, Long.toString(attachmentId)); // node-pg reads int8 as text
    return JsonValues.stringify(h);
  }

  /**
   * Parses a notification's payload.
   *
   * @throws IllegalArgumentException when it is not a JSON object
   */
  public static JsonNode parseNotification(String payload) {
    JsonNode n = JsonValues.parse(payload.getBytes(StandardCharsets.UTF_8));
    if (!n.isObject()) {
      throw new IllegalArgumentException("notification payload must be a JSON object");
    }
    return n;
  }

  /**
   * The attachment id of a header, or -1 when the notification is a whole message.
   *
   * @throws IllegalArgumentException when the id is neither an integer nor its text
   */
  public static long attachmentId(JsonNode notification) {
    JsonNode id = notification.get(PgProtocol.ATTACHMENT_ID);
    if (id == null || id.isNull()) {
      return -1;
    }
    if (id.isIntegralNumber() && id.canConvertToLong()) {
      return id.longValue();
    }
    if (id.isTextual()) {
      try {
        return Long.parseLong(id.textValue());
      } catch (NumberFormatException e) {
        // below
      }
    }
    throw new IllegalArgumentException("invalid attachmentId: " + id);
  }

  /** Decodes an attachment's msgpack. */
  public static JsonNode decodeAttachment(byte[] payload) {
    return MsgpackValues.decode(payload);
  }

  /**
   * The message of {@code node}, in any key order. A message without {@code nsp} (the official
   * {@code @socket.io/postgres-emitter} 0.1.1 writes none) belongs to the namespace of its packet,
   * else to that of the channel it came on.
   *
   * @param channelNsp the namespace of the channel the notification came on
   * @throws IllegalArgumentException when it is not a cluster message
   */
  public static ClusterMessage message(JsonNode node, String channelNsp) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("cluster message must be an object");
    }
    if (!node.path("nsp").isTextual()) {
      ObjectNode copy = ((ObjectNode) node).deepCopy();
      JsonNode packetNsp = node.path("data").path("packet").path("nsp");
      copy.put("nsp", packetNsp.isTextual() ? packetNsp.textValue() : channelNsp);
      node = copy;
    }
    return ClusterMessage.fromNode(node);
  }
}
