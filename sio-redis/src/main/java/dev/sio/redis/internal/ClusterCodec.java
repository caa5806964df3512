package dev.sio.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.ClusterMessage;
import dev.sio.cluster.internal.JsonValues;
import dev.sio.cluster.internal.MsgpackValues;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three encodings of {@link ClusterMessage}s: sharded pub/sub (JSON, or msgpack when binary),
 * streams entries (string fields, {@code data} as JSON or base64 msgpack) and streams pub/sub
 * (always msgpack). Pure and thread-safe.
 */
public final class ClusterCodec {
  private ClusterCodec() {}

  /**
   * Sharded: {@code JSON.stringify(message)}, or notepack when a binary-capable type has binary.
   */
  public static byte[] encodeSharded(ClusterMessage message) {
    ObjectNode node = message.toNode();
    return message.mayContainBinary() && MsgpackValues.hasBinary(message.data())
        ? MsgpackValues.encode(node)
        : JsonValues.stringify(node);
  }

  /**
   * Sharded: JSON when the first byte is <code>{</code>, else msgpack.
   *
   * @throws IllegalArgumentException when the bytes are not a cluster message
   */
  public static ClusterMessage decodeSharded(byte[] bytes) {
    JsonNode node =
        JsonValues.looksLikeJson(bytes) ? JsonValues.parse(bytes) : MsgpackValues.decode(bytes);
    return ClusterMessage.fromNode(node);
  }

  /** Streams pub/sub: always msgpack of {@code {type, data, uid, nsp}}. */
  public static byte[] encodeMsgpack(ClusterMessage message) {
    return MsgpackValues.encode(message.toNode());
  }

  /**
   * Streams pub/sub: msgpack only.
   *
   * @throws IllegalArgumentException when the bytes are not a msgpack cluster message
   */
  public static ClusterMessage decodeMsgpack(byte[] bytes) {
    return ClusterMessage.fromNode(MsgpackValues.decode(bytes));
  }

  /**
   * A stream entry: {@code uid, nsp, type (decimal), data}; {@code data} is JSON, or base64 msgpack
   * when a binary-capable type has binary and {@code onlyPlaintext} is false.
   */
  public static Map<String, String> encodeEntry(ClusterMessage message, boolean onlyPlaintext) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("uid", message.uid());
    fields.put("nsp", message.nsp());
    fields.put("type", Integer.toString(message.type()));
    if (message.data() != null) {
      boolean binary =
          !onlyPlaintext && message.mayContainBinary() && MsgpackValues.hasBinary(message.data());
      fields.put(
          "data",
          binary
              ? Base64.getEncoder().encodeToString(MsgpackValues.encode(message.data()))
              : JsonValues.stringifyToString(message.data()));
    }
    return fields;
  }

  /**
   * Reads a stream entry.
   *
   * @throws IllegalArgumentException when a field is missing or malformed
   */
  public static ClusterMessage decodeEntry(Map<String, String> fields) {
    String uid = fields.get("uid");
    String nsp = fields.get("nsp");
    String type = fields.get("type");
    if (uid == null || nsp == null || type == null) {
      throw new IllegalArgumentException("stream entry lacks uid, nsp or type");
    }
    int code;
    try {
      code = Integer.parseInt(type);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("stream entry has a non-numeric type: " + type);
    }
    String data = fields.get("data");
    JsonNode node = null;
    if (data != null && !data.isEmpty()) {
      node =
          data.startsWith("{")
              ? JsonValues.parse(data)
              : MsgpackValues.decode(Base64.getDecoder().decode(data));
    }
    return new ClusterMessage(uid, nsp, code, node);
  }

  /** Stream entry fields from Lettuce's byte-keyed map. */
  public static Map<String, String> utf8Fields(Map<byte[], byte[]> raw) {
    Map<String, String> fields = new LinkedHashMap<>();
    raw.forEach(
        (k, v) ->
            fields.put(
                new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
    return fields;
  }
}
