package dev.sio.server.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A socket's default {@code data} map: a {@link ConcurrentHashMap} that runs {@code onChange} after
 * each write through the map's own methods ({@code put}, {@code remove}, {@code compute}, …, and
 * {@code keySet().remove}, {@code entry.setValue}), as Node's admin UI sees {@code socket.data}
 * assignments through a Proxy. Removal through an iterator of a view is not reported.
 */
public final class ObservedDataMap extends ConcurrentHashMap<String, Object> {
  private static final long serialVersionUID = 1L;

  private final transient Runnable onChange; // any thread; quick and non-throwing

  /** An empty map reporting to {@code onChange}. */
  public ObservedDataMap(Runnable onChange) {
    this.onChange = onChange;
  }

  /** A copy of {@code data} (null keys and values dropped) reporting to {@code onChange}. */
  public ObservedDataMap(Map<?, ?> data, Runnable onChange) {
    this.onChange = onChange;
    data.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            super.put(String.valueOf(k), v);
          }
        });
  }

  private <T> T changed(T result) {
    if (onChange != null) {
      onChange.run();
    }
    return result;
  }

  @Override
  public Object put(String key, Object value) {
    return changed(super.put(key, value));
  }

  @Override
  public void putAll(Map<? extends String, ?> m) {
    super.putAll(m);
    changed(null);
  }

  @Override
  public Object putIfAbsent(String key, Object value) {
    Object previous = super.putIfAbsent(key, value);
    return previous == null ? changed(null) : previous;
  }

  @Override
  public Object remove(Object key) {
    Object previous = super.remove(key);
    return previous == null ? null : changed(previous);
  }

  @Override
  public boolean remove(Object key, Object value) {
    return super.remove(key, value) && changed(true);
  }

  @Override
  public boolean replace(String key, Object oldValue, Object newValue) {
    return super.replace(key, oldValue, newValue) && changed(true);
  }

  @Override
  public Object replace(String key, Object value) {
    Object previous = super.replace(key, value);
    return previous == null ? null : changed(previous);
  }

  @Override
  public void clear() {
    boolean had = !isEmpty();
    super.clear();
    if (had) {
      changed(null);
    }
  }

  @Override
  public Object compute(
      String key, BiFunction<? super String, ? super Object, ? extends Object> remapping) {
    return changed(super.compute(key, remapping));
  }

  @Override
  public Object computeIfAbsent(String key, Function<? super String, ? extends Object> mapping) {
    boolean had = containsKey(key);
    Object value = super.computeIfAbsent(key, mapping);
    return had ? value : changed(value);
  }

  @Override
  public Object computeIfPresent(
      String key, BiFunction<? super String, ? super Object, ? extends Object> remapping) {
    boolean had = containsKey(key);
    Object value = super.computeIfPresent(key, remapping);
    return had ? changed(value) : value;
  }

  @Override
  public Object merge(
      String key,
      Object value,
      BiFunction<? super Object, ? super Object, ? extends Object> remapping) {
    return changed(super.merge(key, value, remapping));
  }

  @Override
  public void replaceAll(BiFunction<? super String, ? super Object, ? extends Object> function) {
    super.replaceAll(function);
    changed(null);
  }
}
