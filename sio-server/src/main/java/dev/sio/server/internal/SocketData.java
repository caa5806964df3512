package dev.sio.server.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A socket's {@code data}, which may be any value as in Node: the map view the object-shaped API
 * gives, and the copy a recovered socket starts with.
 */
public final class SocketData {
  private SocketData() {}

  /**
   * {@code data} as a map.
   *
   * @throws IllegalStateException naming the type when {@code data} is not a map
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asMap(Object data) {
    if (data instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalStateException(
        "socket data is "
            + (data == null ? "null" : "a " + data.getClass().getName())
            + ", not an object: read it with dataValue()");
  }

  /**
   * What a recovered socket starts with: a mutable copy of a map (null values dropped, which a
   * {@link ConcurrentHashMap} cannot hold), any other value as it is.
   */
  public static Object restore(Object data) {
    if (data instanceof Map<?, ?> map) {
      Map<String, Object> copy = new ConcurrentHashMap<>();
      map.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              copy.put(String.valueOf(k), v);
            }
          });
      return copy;
    }
    return data;
  }
}
