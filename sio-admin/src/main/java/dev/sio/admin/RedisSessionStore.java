package dev.sio.admin;

import io.lettuce.core.RedisClient;
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
 * already there with sio-redis). {@link #connect(String)} opens its own connection, which {@link
 * #close()} closes; the {@code of(…)} overloads use a Lettuce connection of the caller's, never
 * closed here.
 *
 * <pre>{@code
 * RedisSessionStore store = RedisSessionStore.connect("redis://localhost:6379");
 * AdminUi.instrument(io, AdminOptions.builder()
 *     .auth(AdminAuth.basic("admin", hash))
 *     .store(store)
 *     .build());
 * // at shutdown, after io.close():
 * store.close();
 * }</pre>
 */
public final class RedisSessionStore implements AdminSessionStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);

  /** Node's default key prefix. */
  public static final String DEFAULT_PREFIX = "socket.io-admin";

  /** Node's default session duration (86 400 s). */
  public static final Duration DEFAULT_SESSION_DURATION = Duration.ofDays(1);

  private final RedisClient client; // null when the connection is the caller's
  private final StatefulRedisConnection<String, String> connection;
  private final String prefix;
  private final long seconds;

  private RedisSessionStore(
      RedisClient client,
      StatefulRedisConnection<String, String> connection,
      String prefix,
      Duration duration) {
    this.client = client;
    this.connection = Objects.requireNonNull(connection, "connection");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(duration, "sessionDuration");
    if (duration.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "sessionDuration must be at least 1 second, not " + duration);
    }
    this.seconds = duration.toSeconds();
  }

  /**
   * A store on its own connection to {@code uri}, with Node's prefix and duration; the main way to
   * make one.
   *
   * @param uri a Redis URI, such as {@code "redis://localhost:6379"}
   * @return a store that {@link #close()} disconnects
   * @throws IllegalArgumentException when the URI is not a Redis URI
   * @throws IllegalStateException when Redis cannot be reached
   */
  public static RedisSessionStore connect(String uri) {
    return connect(uri, DEFAULT_PREFIX, DEFAULT_SESSION_DURATION);
  }

  /**
   * A store on its own connection to {@code uri}, with keys {@code <prefix>#<id>} valid for {@code
   * sessionDuration} (whole seconds).
   *
   * @param uri a Redis URI, such as {@code "redis://localhost:6379"}
   * @param prefix the key prefix ({@link #DEFAULT_PREFIX} in Node)
   * @param sessionDuration how long a session stays valid, at least one second
   * @return a store that {@link #close()} disconnects
   * @throws IllegalArgumentException when the URI is not a Redis URI or the duration too short
   * @throws IllegalStateException when Redis cannot be reached
   */
  public static RedisSessionStore connect(String uri, String prefix, Duration sessionDuration) {
    Objects.requireNonNull(uri, "uri");
    RedisClient client;
    try {
      client = RedisClient.create(uri);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a Redis URI: " + e.getMessage(), e);
    }
    try {
      return new RedisSessionStore(client, client.connect(), prefix, sessionDuration);
    } catch (RuntimeException e) {
      client.shutdown();
      if (e instanceof IllegalArgumentException || e instanceof NullPointerException) {
        throw e;
      }
      throw new IllegalStateException("cannot connect to Redis: " + e.getMessage(), e);
    }
  }

  /**
   * Advanced use: a store over a Lettuce connection the caller owns, with Node's prefix and
   * duration. Takes a Lettuce type, so it follows the Lettuce version of the BOM; prefer {@link
   * #connect(String)}.
   *
   * @param connection an open connection with the string codec; never closed by the store
   * @return a store over that connection
   */
  public static RedisSessionStore of(StatefulRedisConnection<String, String> connection) {
    return of(connection, DEFAULT_PREFIX, DEFAULT_SESSION_DURATION);
  }

  /**
   * Advanced use: a store over a Lettuce connection the caller owns, with keys {@code
   * <prefix>#<id>} valid for {@code sessionDuration} (whole seconds); prefer {@link
   * #connect(String, String, Duration)}.
   *
   * @param connection an open connection with the string codec; never closed by the store
   * @param prefix the key prefix ({@link #DEFAULT_PREFIX} in Node)
   * @param sessionDuration how long a session stays valid, at least one second
   * @return a store over that connection
   * @throws IllegalArgumentException when the duration is under one second
   */
  public static RedisSessionStore of(
      StatefulRedisConnection<String, String> connection, String prefix, Duration sessionDuration) {
    return new RedisSessionStore(null, connection, prefix, sessionDuration);
  }

  /** Closes the connection when {@link #connect(String)} opened it; else does nothing. */
  @Override
  public void close() {
    if (client != null) {
      connection.close();
      client.shutdown();
    }
  }

  /**
   * The key of {@code sessionId}: {@code <prefix>#<id>} (Node's {@code computeKey}).
   *
   * @param sessionId the session's id
   * @return the Redis key holding it
   */
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
