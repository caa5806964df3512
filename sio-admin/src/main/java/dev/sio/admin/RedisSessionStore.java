package dev.sio.admin;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin sessions in Redis, shared by every server of a cluster and readable by Node's {@code
 * RedisStore} of {@code @socket.io/admin-ui} 0.5.1: a session is the key {@code <prefix>#<id>}
 * holding {@code "true"}, expiring after the session duration (defaults {@code "socket.io-admin"}
 * and 24 hours, as Node's). Node sets the key then its expiry in a {@code MULTI}; this store writes
 * both in one {@code SET … EX}.
 *
 * <p>Needs {@code io.lettuce:lettuce-core} on the classpath (an optional dependency of sio-admin,
 * already there with sio-redis). The connection is the caller's: it is used, never closed.
 *
 * <pre>{@code
 * RedisClient redis = RedisClient.create("redis://localhost:6379");
 * StatefulRedisConnection<String, String> connection = redis.connect();
 * AdminUi.instrument(io, AdminOptions.builder()
 *     .auth(AdminAuth.basic("admin", hash))
 *     .store(RedisSessionStore.of(connection))
 *     .build());
 * }</pre>
 */
public final class RedisSessionStore implements AdminSessionStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);

  /** Node's default key prefix. */
  public static final String DEFAULT_PREFIX = "socket.io-admin";

  /** Node's default session duration (86 400 s). */
  public static final Duration DEFAULT_SESSION_DURATION = Duration.ofDays(1);

  private final StatefulRedisConnection<String, String> connection;
  private final String prefix;
  private final long seconds;

  private RedisSessionStore(
      StatefulRedisConnection<String, String> connection, String prefix, Duration duration) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(duration, "sessionDuration");
    if (duration.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "sessionDuration must be at least 1 second, not " + duration);
    }
    this.seconds = duration.toSeconds();
  }

  /** A store with Node's prefix and duration. */
  public static RedisSessionStore of(StatefulRedisConnection<String, String> connection) {
    return of(connection, DEFAULT_PREFIX, DEFAULT_SESSION_DURATION);
  }

  /**
   * A store with keys {@code <prefix>#<id>} valid for {@code sessionDuration} (whole seconds).
   *
   * @throws IllegalArgumentException when the duration is under one second
   */
  public static RedisSessionStore of(
      StatefulRedisConnection<String, String> connection, String prefix, Duration sessionDuration) {
    return new RedisSessionStore(connection, prefix, sessionDuration);
  }

  /** The key of {@code sessionId}: {@code <prefix>#<id>} (Node's {@code computeKey}). */
  public String key(String sessionId) {
    return prefix + "#" + sessionId;
  }

  @Override
  public CompletableFuture<Boolean> doesSessionExist(String sessionId) {
    return connection
        .async()
        .exists(key(sessionId))
        .toCompletableFuture()
        .thenApply(count -> count != null && count == 1L);
  }

  @Override
  public void saveSession(String sessionId) {
    connection
        .async()
        .set(key(sessionId), "true", SetArgs.Builder.ex(seconds))
        .whenComplete(
            (ok, error) -> {
              if (error != null) {
                LOG.warn("admin UI: saving a session in Redis failed", error);
              }
            });
  }
}
