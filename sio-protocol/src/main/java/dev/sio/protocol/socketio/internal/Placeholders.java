package dev.sio.protocol.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.protocol.ProtocolException;
import java.util.List;
import java.util.Map;

/**
 * Puts received attachments back in place of their placeholders {@code
 * {"_placeholder":true,"num":n}}, anywhere in arrays and objects, as socket.io-parser's {@code
 * reconstructPacket} does. The tree is changed in place. Stricter than Node: each attachment is
 * referenced by one placeholder only (socket.io-parser's encoder never writes one twice), so that a
 * few attachments cannot stand for many copies when the packet is sent on (an amplification).
 */
public final class Placeholders {
  private Placeholders() {}

  /**
   * Returns {@code data} with every placeholder replaced by a {@link BinaryNode} of its attachment.
   *
   * @throws ProtocolException when a placeholder's {@code num} is not an index into {@code
   *     attachments}, or one is used twice
   */
  public static JsonNode reconstruct(JsonNode data, List<byte[]> attachments)
      throws ProtocolException {
    return reconstruct(data, attachments, new boolean[attachments.size()]);
  }

  private static JsonNode reconstruct(JsonNode data, List<byte[]> attachments, boolean[] used)
      throws ProtocolException {
    if (data == null) {
      return null;
    }
    if (data.isObject()) {
      JsonNode flag = data.get("_placeholder");
      if (flag != null && flag.isBoolean() && flag.booleanValue()) {
        int index = index(data.get("num"), attachments.size());
        if (used[index]) {
          throw new ProtocolException(
              "illegal attachments: placeholder num " + index + " is used twice");
        }
        used[index] = true;
        return BinaryNode.valueOf(attachments.get(index));
      }
      ObjectNode object = (ObjectNode) data;
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        JsonNode value = field.getValue();
        if (value.isContainerNode()) {
          JsonNode replaced = reconstruct(value, attachments, used);
          if (replaced != value) {
            field.setValue(replaced);
          }
        }
      }
    } else if (data.isArray()) {
      ArrayNode array = (ArrayNode) data;
      for (int i = 0, n = array.size(); i < n; i++) {
        JsonNode value = array.get(i);
        if (value.isContainerNode()) {
          JsonNode replaced = reconstruct(value, attachments, used);
          if (replaced != value) {
            array.set(i, replaced);
          }
        }
      }
    }
    return data;
  }

  private static int index(JsonNode num, int count) throws ProtocolException {
    if (num != null && num.isNumber()) {
      double value = num.doubleValue();
      if (value >= 0 && value < count && value == Math.rint(value)) {
        return (int) value;
      }
    }
    throw new ProtocolException(
        "illegal attachments: placeholder num "
            + (num == null ? "(missing)" : num.toString())
            + " does not point at one of the "
            + count
            + " attachment(s)");
  }
}
