package dev.sio.cluster.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The other nodes of a cluster as socket.io-adapter's {@code ClusterAdapterWithHeartbeat} knows
 * them: every node heard from, with when it was last heard; one silent for longer than the
 * heartbeat timeout seems down and is dropped. Knows nothing of Redis, so that any heartbeat-based
 * adapter can use it. Thread-safe.
 */
public final class ClusterNodes {
  private final long timeoutNanos;
  // Any thread: uid -> System.nanoTime() of its last message.
  private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

  /** Nodes silent for longer than {@code timeout} are dropped by {@link #expired}. */
  public ClusterNodes(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  /** Node {@code uid} was heard from at {@code nanos}. */
  public void seen(String uid, long nanos) {
    lastSeen.put(uid, nanos);
  }

  /** Node {@code uid} said goodbye; true if it was known. */
  public boolean remove(String uid) {
    return uid != null && lastSeen.remove(uid) != null;
  }

  /** Drops and returns the nodes silent for longer than the timeout at {@code now}. */
  public List<String> expired(long now) {
    List<String> down = new ArrayList<>();
    lastSeen.forEach(
        (uid, seen) -> {
          if (now - seen > timeoutNanos && lastSeen.remove(uid, seen)) {
            down.add(uid);
          }
        });
    return down;
  }

  /** How many other nodes are known. */
  public int size() {
    return lastSeen.size();
  }

  /** The known nodes' uids (a copy). */
  public Set<String> uids() {
    return Set.copyOf(lastSeen.keySet());
  }
}
