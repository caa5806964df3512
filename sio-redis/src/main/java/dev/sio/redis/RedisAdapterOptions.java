package dev.sio.redis;

import dev.sio.redis.internal.RedisErrors;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of the Redis adapters ({@link RedisAdapterFactory}). Immutable; build with {@link
 * #builder()}. The defaults are those of the Node.js adapters, so a Sio server joins a Node cluster
 * with no option set; every server of a cluster must use the same adapter kind and prefix.
 *
 * <pre>{@code
 * RedisAdapterOptions.builder()
 *     .uri("rediss://:secret@redis.example.com:6380")   // TLS and password
 *     .keyPrefix("socket.io")
 *     .requestsTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 */
public final class RedisAdapterOptions {
  private final String uri;
  private final String keyPrefix;
  private final Duration requestsTimeout;
  private final boolean publishOnSpecificResponseChannel;
  private final SubscriptionMode subscriptionMode;
  private final String streamName;
  private final int maxLen;
  private final int readCount;
  private final Duration blockTime;
  private final String sessionKeyPrefix;
  private final boolean onlyPlaintext;

  private RedisAdapterOptions(Builder b) {
    this.uri = b.uri;
    this.keyPrefix = b.keyPrefix;
    this.requestsTimeout = b.requestsTimeout;
    this.publishOnSpecificResponseChannel = b.publishOnSpecificResponseChannel;
    this.subscriptionMode = b.subscriptionMode;
    this.streamName = b.streamName;
    this.maxLen = b.maxLen;
    this.readCount = b.readCount;
    this.blockTime = b.blockTime;
    this.sessionKeyPrefix = b.sessionKeyPrefix;
    this.onlyPlaintext = b.onlyPlaintext;
  }

  /** A builder with the Node defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The Redis server as URI text (password, database and TLS included); {@code
   * redis://127.0.0.1:6379}.
   */
  public String uri() {
    return uri;
  }

  /**
   * The prefix of every channel: {@code key} of the classic adapter, {@code channelPrefix} of the
   * sharded and streams adapters; {@code "socket.io"}.
   */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** How long fetchSockets and serverSideEmitWithAck wait for the other servers; 5 s. */
  public Duration requestsTimeout() {
    return requestsTimeout;
  }

  /** Classic: answer on the requester's own response channel; false (the shared channel). */
  public boolean publishOnSpecificResponseChannel() {
    return publishOnSpecificResponseChannel;
  }

  /** Sharded: which channels to subscribe to; {@link SubscriptionMode#DYNAMIC}. */
  public SubscriptionMode subscriptionMode() {
    return subscriptionMode;
  }

  /** Streams: the stream key; {@code "socket.io"}. */
  public String streamName() {
    return streamName;
  }

  /** Streams: the approximate maximum length of the stream ({@code MAXLEN ~}); 10000. */
  public int maxLen() {
    return maxLen;
  }

  /** Streams: entries read per XREAD; 100. */
  public int readCount() {
    return readCount;
  }

  /** Streams: how long one XREAD blocks; 5 s. */
  public Duration blockTime() {
    return blockTime;
  }

  /** Streams: the key prefix of persisted sessions; {@code "sio:session:"}. */
  public String sessionKeyPrefix() {
    return sessionKeyPrefix;
  }

  /** Streams: never write binary as base64 msgpack (binary is then lost); false. */
  public boolean onlyPlaintext() {
    return onlyPlaintext;
  }

  /** Builds {@link RedisAdapterOptions}. */
  public static final class Builder {
    private String uri = "redis://127.0.0.1:6379";
    private String keyPrefix = "socket.io";
    private Duration requestsTimeout = Duration.ofSeconds(5);
    private boolean publishOnSpecificResponseChannel;
    private SubscriptionMode subscriptionMode = SubscriptionMode.DYNAMIC;
    private String streamName = "socket.io";
    private int maxLen = 10_000;
    private int readCount = 100;
    private Duration blockTime = Duration.ofSeconds(5);
    private String sessionKeyPrefix = "sio:session:";
    private boolean onlyPlaintext;

    private Builder() {}

    /**
     * The Redis server as a URI: {@code redis://[:password@]host:port[/db]}, or {@code rediss://}.
     */
    public Builder uri(String uri) {
      RedisErrors.parseUri(Objects.requireNonNull(uri, "uri"));
      this.uri = uri;
      return this;
    }

    /** See {@link RedisAdapterOptions#keyPrefix()}. */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** See {@link RedisAdapterOptions#requestsTimeout()}. */
    public Builder requestsTimeout(Duration requestsTimeout) {
      this.requestsTimeout = requestsTimeout;
      return this;
    }

    /** See {@link RedisAdapterOptions#publishOnSpecificResponseChannel()}. */
    public Builder publishOnSpecificResponseChannel(boolean value) {
      this.publishOnSpecificResponseChannel = value;
      return this;
    }

    /** See {@link RedisAdapterOptions#subscriptionMode()}. */
    public Builder subscriptionMode(SubscriptionMode mode) {
      this.subscriptionMode = mode;
      return this;
    }

    /** See {@link RedisAdapterOptions#streamName()}. */
    public Builder streamName(String streamName) {
      this.streamName = streamName;
      return this;
    }

    /** See {@link RedisAdapterOptions#maxLen()}. */
    public Builder maxLen(int maxLen) {
      this.maxLen = maxLen;
      return this;
    }

    /** See {@link RedisAdapterOptions#readCount()}. */
    public Builder readCount(int readCount) {
      this.readCount = readCount;
      return this;
    }

    /** See {@link RedisAdapterOptions#blockTime()}. */
    public Builder blockTime(Duration blockTime) {
      this.blockTime = blockTime;
      return this;
    }

    /** See {@link RedisAdapterOptions#sessionKeyPrefix()}. */
    public Builder sessionKeyPrefix(String sessionKeyPrefix) {
      this.sessionKeyPrefix = sessionKeyPrefix;
      return this;
    }

    /** See {@link RedisAdapterOptions#onlyPlaintext()}. */
    public Builder onlyPlaintext(boolean onlyPlaintext) {
      this.onlyPlaintext = onlyPlaintext;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the first invalid option
     */
    public RedisAdapterOptions build() {
      require(keyPrefix != null && !keyPrefix.isEmpty(), "keyPrefix must not be empty");
      require(
          requestsTimeout != null && !requestsTimeout.isNegative() && !requestsTimeout.isZero(),
          "requestsTimeout must be positive");
      require(subscriptionMode != null, "subscriptionMode must not be null");
      require(streamName != null && !streamName.isEmpty(), "streamName must not be empty");
      require(maxLen > 0, "maxLen must be positive");
      require(readCount > 0, "readCount must be positive");
      require(
          blockTime != null && !blockTime.isNegative() && !blockTime.isZero(),
          "blockTime must be positive");
      require(
          sessionKeyPrefix != null && !sessionKeyPrefix.isEmpty(),
          "sessionKeyPrefix must not be empty");
      return new RedisAdapterOptions(this);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
