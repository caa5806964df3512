package dev.sio.engine.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable multi-map in two arrays (keys in order of first appearance, and for each either its
 * one value or an array of its values), for the headers and query of a handshake, which a session
 * keeps for its whole life: a few hundred bytes less than a {@code LinkedHashMap} of {@code
 * ArrayList}s. Lookups scan the keys (a request has few). The value lists are made when asked for.
 */
public final class CompactMultiMap extends AbstractMap<String, List<String>> {
  /** The empty map. */
  public static final CompactMultiMap EMPTY = new CompactMultiMap(new String[0], new Object[0], 0);

  private final String[] keys;
  private final Object[] values; // String, or String[] for a key with several values
  private final int size;
  private Set<Entry<String, List<String>>> entries; // any thread: a benign race

  private CompactMultiMap(String[] keys, Object[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public List<String> get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : list(i);
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super List<String>> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], list(i));
    }
  }

  @Override
  public Set<Entry<String, List<String>>> entrySet() {
    Set<Entry<String, List<String>>> e = entries;
    if (e == null) {
      e = new EntrySet();
      entries = e;
    }
    return e;
  }

  private int indexOf(Object key) {
    if (key == null) {
      return -1;
    }
    for (int i = 0; i < size; i++) {
      if (keys[i] == key || keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private List<String> list(int i) {
    Object v = values[i];
    return v instanceof String s ? List.of(s) : List.of((String[]) v);
  }

  private final class EntrySet extends AbstractSet<Entry<String, List<String>>> {
    @Override
    public int size() {
      return size;
    }

    @Override
    public Iterator<Entry<String, List<String>>> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < size;
        }

        @Override
        public Entry<String, List<String>> next() {
          if (next >= size) {
            throw new NoSuchElementException();
          }
          int i = next++;
          return new SimpleImmutableEntry<>(keys[i], list(i));
        }
      };
    }
  }

  /** Collects pairs in order; a repeated key adds to that key's values. Not thread-safe. */
  public static final class Builder {
    private static final int SCAN_LIMIT = 16; // more keys than this: an index finds repeats

    private String[] keys;
    private Object[] values;
    private int size;
    private java.util.HashMap<String, Integer> index; // null until SCAN_LIMIT keys

    /** A builder sized for {@code expected} keys. */
    public Builder(int expected) {
      int n = Math.max(1, expected);
      keys = new String[n];
      values = new Object[n];
    }

    /** Adds {@code value} under {@code key}. */
    public Builder add(String key, String value) {
      int found = -1;
      if (index != null) {
        Integer at = index.get(key);
        found = at == null ? -1 : at;
      } else {
        for (int i = 0; i < size; i++) {
          if (keys[i].equals(key)) {
            found = i;
            break;
          }
        }
      }
      if (found >= 0) {
        Object v = values[found];
        if (v instanceof String s) {
          java.util.ArrayList<String> several = new java.util.ArrayList<>(4);
          several.add(s);
          several.add(value);
          values[found] = several;
        } else {
          @SuppressWarnings("unchecked")
          java.util.ArrayList<String> several = (java.util.ArrayList<String>) v;
          several.add(value);
        }
        return this;
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      keys[size] = key;
      values[size] = value;
      if (index != null) {
        index.put(key, size);
      } else if (size == SCAN_LIMIT) {
        index = new java.util.HashMap<>();
        for (int i = 0; i <= size; i++) {
          index.put(keys[i], i);
        }
      }
      size++;
      return this;
    }

    /** The map of what was added. */
    public CompactMultiMap build() {
      if (size == 0) {
        return EMPTY;
      }
      String[] k = size == keys.length ? keys : Arrays.copyOf(keys, size);
      Object[] v = size == values.length ? values : Arrays.copyOf(values, size);
      for (int i = 0; i < size; i++) {
        if (v[i] instanceof java.util.ArrayList<?> several) {
          v[i] = several.toArray(new String[0]);
        }
      }
      return new CompactMultiMap(k, v, size);
    }
  }
}
