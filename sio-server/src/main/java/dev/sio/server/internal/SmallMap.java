package dev.sio.server.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A map for the usual one entry (a connection's one namespace and socket): the first entry lives in
 * two fields, a second key moves them into a {@link HashMap}. Not thread-safe (a connection's event
 * loop owns it). Keys and values are never null.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class SmallMap<K, V> {
  private K key; // the only entry while map is null
  private V value;
  private Map<K, V> map; // null while at most one entry

  /** The value of {@code k}, or null. */
  public V get(K k) {
    if (map != null) {
      return map.get(k);
    }
    return key != null && key.equals(k) ? value : null;
  }

  /** Maps {@code k} to {@code v}. */
  public void put(K k, V v) {
    Objects.requireNonNull(k);
    Objects.requireNonNull(v);
    if (map != null) {
      map.put(k, v);
    } else if (key == null || key.equals(k)) {
      key = k;
      value = v;
    } else {
      map = new HashMap<>(4);
      map.put(key, value);
      map.put(k, v);
      key = null;
      value = null;
    }
  }

  /**
   * Removes {@code k} if it maps to {@code v} (compared by equality, as {@link Map#remove(Object,
   * Object)}).
   */
  public void remove(K k, V v) {
    if (map != null) {
      map.remove(k, v);
    } else if (key != null && key.equals(k) && Objects.equals(value, v)) {
      key = null;
      value = null;
    }
  }

  /** True when there is no entry. */
  public boolean isEmpty() {
    return map != null ? map.isEmpty() : key == null;
  }

  /** A copy of the values. */
  public List<V> values() {
    if (map != null) {
      return new ArrayList<>(map.values());
    }
    return key == null ? new ArrayList<>(0) : new ArrayList<>(List.of(value));
  }

  /** Removes every entry. */
  public void clear() {
    key = null;
    value = null;
    map = null;
  }
}
