package dev.sio.admin.internal;

import dev.sio.admin.AdminSessionStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link AdminSessionStore#inMemory}: a bounded map of session id to expiry, oldest out first. */
public final class InMemorySessionStore implements AdminSessionStore {
  private final int maxSessions;
  private final long ttlMillis;
  // Guarded by this: session id -> expiry (epoch ms), in insertion order; at most maxSessions.
  private final LinkedHashMap<String, Long> sessions = new LinkedHashMap<>();

  /** A store of at most {@code maxSessions} sessions valid for {@code ttl}. */
  public InMemorySessionStore(int maxSessions, Duration ttl) {
    if (maxSessions <= 0) {
      throw new IllegalArgumentException("maxSessions must be positive, got " + maxSessions);
    }
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, got " + ttl);
    }
    this.maxSessions = maxSessions;
    this.ttlMillis = ttl.toMillis();
  }

  @Override
  public synchronized CompletableFuture<Boolean> doesSessionExist(String sessionId) {
    Long expiry = sessions.get(sessionId);
    if (expiry != null && expiry < System.currentTimeMillis()) {
      sessions.remove(sessionId);
      expiry = null;
    }
    return CompletableFuture.completedFuture(expiry != null);
  }

  @Override
  public synchronized void saveSession(String sessionId) {
    sessions.put(sessionId, System.currentTimeMillis() + ttlMillis);
    while (sessions.size() > maxSessions) {
      Map.Entry<String, Long> oldest = sessions.entrySet().iterator().next();
      sessions.remove(oldest.getKey());
    }
  }
}
