package dev.sio.interop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;
import java.util.Base64;

/** Builds the JSON values the scenarios send; binary travels as {@code {"$bin": base64}}. */
final class Json {
  private Json() {}

  /** {@code {"$bin": base64(bytes)}}: a Buffer on the node side, {@code byte[]} in Sio. */
  static ObjectNode bin(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return bin(b);
  }

  /** {@code {"$bin": base64(bytes)}}. */
  static ObjectNode bin(byte[] bytes) {
    return object().put("$bin", Base64.getEncoder().encodeToString(bytes));
  }

  /** A new empty object. */
  static ObjectNode object() {
    return NodeScript.JSON.createObjectNode();
  }

  /** The values as a JSON array (JsonNodes as they are, others through Jackson). */
  static ArrayNode array(Object... values) {
    ArrayNode array = NodeScript.JSON.createArrayNode();
    for (Object value : values) {
      array.add(value instanceof JsonNode node ? node : NodeScript.JSON.valueToTree(value));
    }
    return array;
  }

  /** Parses JSON text (for expected values in assertions). */
  static JsonNode parse(String text) {
    try {
      return NodeScript.JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
