package dev.sio.redis;

import dev.sio.redis.internal.RedisErrors;
import java.util.List;
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
  private final List<String> clusterNodes;
  private final String keyPrefix;

  private RedisEmitterOptions(Builder b) {
    this.uri = b.uri;
    this.clusterNodes = List.copyOf(b.clusterNodes);
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

  /**
   * {@return the seed nodes of a Redis Cluster ({@code host:port} each); empty (connect to {@link
   * #uri()})} When set, the password and TLS of {@link #uri()} are those of the cluster's nodes.
   */
  public List<String> clusterNodes() {
    return clusterNodes;
  }

  /** {@return the channel prefix ({@code key} in Node), {@code "socket.io"} by default} */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** Builds {@link RedisEmitterOptions}. */
  public static final class Builder {
    private String uri = "redis://127.0.0.1:6379";
    private List<String> clusterNodes = List.of();
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
     * Connects to a Redis Cluster: {@code nodes} as {@code host:port}, any of its nodes. See {@link
     * RedisEmitterOptions#clusterNodes()}.
     *
     * @param nodes the seed nodes, {@code host:port} each
     * @return this builder
     */
    public Builder cluster(List<String> nodes) {
      for (String n : nodes) {
        int colon = n == null ? -1 : n.lastIndexOf(':');
        boolean ok = colon > 0 && colon < n.length() - 1;
        if (ok) {
          try {
            Integer.parseInt(n.substring(colon + 1));
          } catch (NumberFormatException e) {
            ok = false;
          }
        }
        if (!ok) {
          throw new IllegalArgumentException("a cluster node must be host:port, not \"" + n + "\"");
        }
      }
      this.clusterNodes = List.copyOf(nodes);
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
