package dev.sio.admin;

import dev.sio.admin.internal.InMemorySessionStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Where the admin namespace keeps the session ids of logged-in UIs, so that a UI reconnects without
 * the password ({@code store} of {@code @socket.io/admin-ui}). Implementations must be thread-safe
 * and non-blocking.
 */
public interface AdminSessionStore {
  /**
   * Completes with true when {@code sessionId} was saved and has not expired.
   *
   * @param sessionId the session id
   * @return a future of {@code true} when the session is valid
   */
  CompletableFuture<Boolean> doesSessionExist(String sessionId);

  /**
   * Saves a new session id.
   *
   * @param sessionId the session id
   */
  void saveSession(String sessionId);

  /**
   * {@return a store in this JVM: at most {@code maxSessions} sessions (the oldest is forgotten
   * first), each valid for {@code ttl}} Node's {@code InMemoryStore} keeps every session forever.
   *
   * @param maxSessions the most sessions kept
   * @param ttl how long a session stays valid
   */
  static AdminSessionStore inMemory(int maxSessions, Duration ttl) {
    return new InMemorySessionStore(maxSessions, ttl);
  }

  /**
   * {@return the default: {@link #inMemory} with 10 000 sessions of 24 hours (the session duration
   * of Node's {@code RedisStore})}
   */
  static AdminSessionStore inMemory() {
    return inMemory(10_000, Duration.ofDays(1));
  }
}
