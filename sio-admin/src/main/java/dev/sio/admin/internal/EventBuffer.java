package dev.sio.admin.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregated events of {@code server_stats} ({@code EventBuffer} of
 * {@code @socket.io/admin-ui}): counts per second, type and sub-type, handed out and cleared at
 * each stats tick. Bounded: at most {@link #MAX_KEYS} keys between two ticks (2 s × a handful of
 * types and close reasons in practice); beyond that new keys are dropped, existing ones still
 * count. Thread-safe.
 */
public final class EventBuffer {
  /** The most distinct (second, type, sub-type) keys kept between two ticks. */
  public static final int MAX_KEYS = 1024;

  private record Key(long timestamp, String type, String subType) {}

  // Guarded by this: counts by key, in first-seen order.
  private final Map<Key, long[]> counts = new LinkedHashMap<>();

  /** Adds {@code count} to ({@code now} truncated to the second, type, subType or null). */
  public void push(String type, String subType, long count) {
    long second = System.currentTimeMillis() / 1000 * 1000;
    Key key = new Key(second, type, subType);
    synchronized (this) {
      long[] value = counts.get(key);
      if (value == null) {
        if (counts.size() >= MAX_KEYS) {
          return;
        }
        value = new long[1];
        counts.put(key, value);
      }
      value[0] += count;
    }
  }

  /** {@code [{timestamp, type, subType?, count}]} since the last call, and clears. */
  public List<Map<String, Object>> drain() {
    List<Map<String, Object>> out;
    synchronized (this) {
      out = new ArrayList<>(counts.size());
      for (Map.Entry<Key, long[]> e : counts.entrySet()) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("timestamp", e.getKey().timestamp());
        event.put("type", e.getKey().type());
        if (e.getKey().subType() != null) {
          event.put("subType", e.getKey().subType());
        }
        event.put("count", e.getValue()[0]);
        out.add(event);
      }
      counts.clear();
    }
    return out;
  }
}
