package dev.sio.protocol.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which JavaScript enumerates an object's keys ({@code Object.keys}, {@code for in},
 * {@code JSON.stringify}): array-index keys ({@code "0"} to {@code "4294967294"}, no leading zero)
 * first in ascending numeric order, then the other keys in insertion order. Jackson keeps insertion
 * order only, so encoders that must match Node byte for byte walk objects through here.
 */
public final class JsKeyOrder {
  private JsKeyOrder() {}

  /** True when {@code key} is an array index, which JavaScript enumerates before other keys. */
  public static boolean isArrayIndex(String key) {
    int len = key.length();
    if (len == 0 || len > 10) {
      return false;
    }
    char first = key.charAt(0);
    if (first < '0' || first > '9' || (first == '0' && len > 1)) {
      return false;
    }
    long value = 0;
    for (int i = 0; i < len; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 4294967294L;
  }

  /**
   * The fields of {@code object} in JavaScript order; returns Jackson's own view when no key is an
   * array index (the common case: no copy).
   */
  public static Collection<Map.Entry<String, JsonNode>> fields(JsonNode object) {
    Set<Map.Entry<String, JsonNode>> fields = object.properties();
    boolean anyIndex = false;
    for (Map.Entry<String, JsonNode> entry : fields) {
      if (isArrayIndex(entry.getKey())) {
        anyIndex = true;
        break;
      }
    }
    if (!anyIndex) {
      return fields;
    }
    List<Map.Entry<String, JsonNode>> indexes = new ArrayList<>();
    List<Map.Entry<String, JsonNode>> others = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : fields) {
      (isArrayIndex(entry.getKey()) ? indexes : others).add(entry);
    }
    indexes.sort((a, b) -> Long.compare(Long.parseLong(a.getKey()), Long.parseLong(b.getKey())));
    indexes.addAll(others);
    return indexes;
  }
}
