package dev.sio.redis;

import dev.sio.redis.internal.RedisErrors;
import java.util.Objects;

/**
 * Options of a {@link RedisEmitter}. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * RedisEmitterOptions.builder().uri("redis://:secret@127.0.0.1:6379").keyPrefix("socket.io").build()
 * }</pre>
 */
public final class RedisEmitterOptions {
  private final String uri;
  private final String keyPrefix;

  private RedisEmitterOptions(Builder b) {
    this.uri = b.uri;
    this.keyPrefix = b.keyPrefix;
  }

  /**
   * {@return a builder with Node's defaults: {@code redis://127.0.0.1:6379}, prefix {@code
   * socket.io}}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the Redis server (password, database and TLS included)} */
  public String uri() {
    return uri;
  }

  /** {@return the channel prefix ({@code key} in Node), {@code "socket.io"} by default} */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** Builds {@link RedisEmitterOptions}. */
  public static final class Builder {
    private String uri = "redis://127.0.0.1:6379";
    private String keyPrefix = "socket.io";

    private Builder() {}

    /**
     * The Redis server as a URI ({@code redis://}, {@code rediss://} for TLS).
     *
     * @param uri the Redis server as a URI ({@code redis://}, {@code rediss://} for TLS)
     * @return this builder
     */
    public Builder uri(String uri) {
      RedisErrors.parseUri(Objects.requireNonNull(uri, "uri"));
      this.uri = uri;
      return this;
    }

    /**
     * The channel prefix; must match the servers' adapters.
     *
     * @param keyPrefix the channel prefix; must match the servers' adapters
     * @return this builder
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the redis emitter options
     * @throws IllegalArgumentException when the key prefix is empty
     */
    public RedisEmitterOptions build() {
      if (keyPrefix == null || keyPrefix.isEmpty()) {
        throw new IllegalArgumentException("keyPrefix must not be empty");
      }
      return new RedisEmitterOptions(this);
    }
  }
}
