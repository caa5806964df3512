package dev.sio.redis;

import dev.sio.redis.internal.RedisErrors;
import java.time.Duration;
import java.util.List;
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
  private final List<String> sentinels;
  private final String sentinelMasterName;
  private final List<String> clusterNodes;
  private final Duration reconnectDelayStep;
  private final Duration reconnectDelayMax;
  private final int offlineQueueSize;
  private final long offlineQueueBytes;
  private final Duration offlineQueueTimeout;
  private final int streamCount;
  private final boolean useShardedPubSub;
  private final StreamsFormat streamsFormat;
  private final Duration heartbeatInterval;
  private final Duration heartbeatTimeout;

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
    this.sentinels = List.copyOf(b.sentinels);
    this.sentinelMasterName = b.sentinelMasterName;
    this.clusterNodes = List.copyOf(b.clusterNodes);
    this.reconnectDelayStep = b.reconnectDelayStep;
    this.reconnectDelayMax = b.reconnectDelayMax;
    this.offlineQueueSize = b.offlineQueueSize;
    this.offlineQueueBytes = b.offlineQueueBytes;
    this.offlineQueueTimeout = b.offlineQueueTimeout;
    this.streamCount = b.streamCount;
    this.useShardedPubSub = b.useShardedPubSub;
    this.streamsFormat = b.streamsFormat;
    this.heartbeatInterval = b.heartbeatInterval;
    this.heartbeatTimeout = b.heartbeatTimeout;
  }

  /** {@return a builder with the Node defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the Redis server as URI text (password, database and TLS included); {@code
   * redis://127.0.0.1:6379}}
   */
  public String uri() {
    return uri;
  }

  /**
   * {@return the prefix of every channel: {@code key} of the classic adapter, {@code channelPrefix}
   * of the sharded and streams adapters; {@code "socket.io"}}
   */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** {@return how long fetchSockets and serverSideEmitWithAck wait for the other servers; 5 s} */
  public Duration requestsTimeout() {
    return requestsTimeout;
  }

  /**
   * {@return classic: answer on the requester's own response channel; false (the shared channel)}
   */
  public boolean publishOnSpecificResponseChannel() {
    return publishOnSpecificResponseChannel;
  }

  /** {@return sharded: which channels to subscribe to; {@link SubscriptionMode#DYNAMIC}} */
  public SubscriptionMode subscriptionMode() {
    return subscriptionMode;
  }

  /** {@return streams: the stream key; {@code "socket.io"}} */
  public String streamName() {
    return streamName;
  }

  /** {@return streams: the approximate maximum length of the stream ({@code MAXLEN ~}); 10000} */
  public int maxLen() {
    return maxLen;
  }

  /** {@return streams: entries read per XREAD; 100} */
  public int readCount() {
    return readCount;
  }

  /** {@return streams: how long one XREAD blocks; 5 s} */
  public Duration blockTime() {
    return blockTime;
  }

  /** {@return streams: the key prefix of persisted sessions; {@code "sio:session:"}} */
  public String sessionKeyPrefix() {
    return sessionKeyPrefix;
  }

  /** {@return streams: never write binary as base64 msgpack (binary is then lost); false} */
  public boolean onlyPlaintext() {
    return onlyPlaintext;
  }

  /**
   * {@return sentinels to ask for the master ({@code host:port} each); empty (connect to {@link
   * #uri()})} When set, {@link #sentinelMasterName()} names the master, and the password and
   * database of {@link #uri()} (if any) are those of the master. Node: a {@code createSentinel}
   * client.
   */
  public List<String> sentinels() {
    return sentinels;
  }

  /** {@return the master's name known to the sentinels; {@code null} unless sentinels are set} */
  public String sentinelMasterName() {
    return sentinelMasterName;
  }

  /**
   * {@return the seed nodes of a Redis Cluster ({@code host:port} each, one is enough, the others
   * are found from it); empty (no cluster: connect to {@link #uri()})} When set, the password and
   * TLS of {@link #uri()} (if any) are those of the cluster's nodes. Commands go to the owner of
   * their key's slot, shard channels are subscribed on their slot's owner, and the server count
   * sums {@code PUBSUB NUMSUB} (or {@code SHARDNUMSUB}) over every master, as Node with a
   * node-redis {@code createCluster} client. Every adapter kind works on a cluster.
   */
  public List<String> clusterNodes() {
    return clusterNodes;
  }

  /**
   * {@return reconnection: the delay grows by this step per failed attempt (the first attempt is at
   * once); 50 ms, as node-redis's default strategy {@code Math.min(retries * 50, 500)}}
   */
  public Duration reconnectDelayStep() {
    return reconnectDelayStep;
  }

  /**
   * {@return reconnection: the longest delay between two attempts; 200 ms (node-redis: 500 ms)} A
   * server has two connections to get back (commands and subscriptions), so with 200 ms it is back
   * in the cluster sooner than one node-redis client with its default; attempts to a Redis that is
   * down cost one refused connection each.
   */
  public Duration reconnectDelayMax() {
    return reconnectDelayMax;
  }

  /**
   * {@return the most messages kept while Redis is unreachable and sent once it is back
   * (node-redis's offline queue, unbounded there); 10 000} Past it, what is published is dropped,
   * counted ({@link RedisAdapterFactory#droppedMessages()}) and logged once per outage. 0 keeps
   * nothing.
   */
  public int offlineQueueSize() {
    return offlineQueueSize;
  }

  /** {@return the most payload bytes kept in the offline queue; 32 MiB} */
  public long offlineQueueBytes() {
    return offlineQueueBytes;
  }

  /** {@return how long a message may wait in the offline queue before it is dropped; 2 minutes} */
  public Duration offlineQueueTimeout() {
    return offlineQueueTimeout;
  }

  /**
   * {@return streams (0.3): the number of streams; 1 (the stream is {@link #streamName()})} With
   * more, a namespace's messages go to {@code streamName-i}, {@code i} the namespace's hash modulo
   * the count, as Node; each stream is read on its own connection.
   */
  public int streamCount() {
    return streamCount;
  }

  /** {@return streams (0.3): requests and responses over sharded pub/sub (SPUBLISH); false} */
  public boolean useShardedPubSub() {
    return useShardedPubSub;
  }

  /** {@return streams: the wire format; {@link StreamsFormat#V0_3}} */
  public StreamsFormat streamsFormat() {
    return streamsFormat;
  }

  /**
   * {@return streams 0.2: how often a server says it is alive when it has nothing else to say; 5 s}
   */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** {@return streams 0.2: after how long without a message a server is counted out; 10 s} */
  public Duration heartbeatTimeout() {
    return heartbeatTimeout;
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
    private List<String> sentinels = List.of();
    private String sentinelMasterName;
    private List<String> clusterNodes = List.of();
    private Duration reconnectDelayStep = Duration.ofMillis(50);
    private Duration reconnectDelayMax = Duration.ofMillis(200);
    private int offlineQueueSize = 10_000;
    private long offlineQueueBytes = 32L * 1024 * 1024;
    private Duration offlineQueueTimeout = Duration.ofMinutes(2);
    private int streamCount = 1;
    private boolean useShardedPubSub;
    private StreamsFormat streamsFormat = StreamsFormat.V0_3;
    private Duration heartbeatInterval = Duration.ofSeconds(5);
    private Duration heartbeatTimeout = Duration.ofSeconds(10);

    private Builder() {}

    /**
     * The Redis server as a URI: {@code redis://[:password@]host:port[/db]}, or {@code rediss://}.
     *
     * @param uri the Redis server as a URI: {@code redis://[:password@]host:port[/db]}, or {@code
     *     rediss://}
     * @return this builder
     */
    public Builder uri(String uri) {
      RedisErrors.parseUri(Objects.requireNonNull(uri, "uri"));
      this.uri = uri;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#keyPrefix()}.
     *
     * @param keyPrefix see {@link RedisAdapterOptions#keyPrefix()}
     * @return this builder
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#requestsTimeout()}.
     *
     * @param requestsTimeout see {@link RedisAdapterOptions#requestsTimeout()}
     * @return this builder
     */
    public Builder requestsTimeout(Duration requestsTimeout) {
      this.requestsTimeout = requestsTimeout;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#publishOnSpecificResponseChannel()}.
     *
     * @param value see {@link RedisAdapterOptions#publishOnSpecificResponseChannel()}
     * @return this builder
     */
    public Builder publishOnSpecificResponseChannel(boolean value) {
      this.publishOnSpecificResponseChannel = value;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#subscriptionMode()}.
     *
     * @param mode see {@link RedisAdapterOptions#subscriptionMode()}
     * @return this builder
     */
    public Builder subscriptionMode(SubscriptionMode mode) {
      this.subscriptionMode = mode;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#streamName()}.
     *
     * @param streamName see {@link RedisAdapterOptions#streamName()}
     * @return this builder
     */
    public Builder streamName(String streamName) {
      this.streamName = streamName;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#maxLen()}.
     *
     * @param maxLen see {@link RedisAdapterOptions#maxLen()}
     * @return this builder
     */
    public Builder maxLen(int maxLen) {
      this.maxLen = maxLen;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#readCount()}.
     *
     * @param readCount see {@link RedisAdapterOptions#readCount()}
     * @return this builder
     */
    public Builder readCount(int readCount) {
      this.readCount = readCount;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#blockTime()}.
     *
     * @param blockTime see {@link RedisAdapterOptions#blockTime()}
     * @return this builder
     */
    public Builder blockTime(Duration blockTime) {
      this.blockTime = blockTime;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#sessionKeyPrefix()}.
     *
     * @param sessionKeyPrefix see {@link RedisAdapterOptions#sessionKeyPrefix()}
     * @return this builder
     */
    public Builder sessionKeyPrefix(String sessionKeyPrefix) {
      this.sessionKeyPrefix = sessionKeyPrefix;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#onlyPlaintext()}.
     *
     * @param onlyPlaintext see {@link RedisAdapterOptions#onlyPlaintext()}
     * @return this builder
     */
    public Builder onlyPlaintext(boolean onlyPlaintext) {
      this.onlyPlaintext = onlyPlaintext;
      return this;
    }

    /**
     * Connects through Sentinel: {@code sentinels} as {@code host:port}, {@code masterName} the
     * master they watch. See {@link RedisAdapterOptions#sentinels()}.
     *
     * @param masterName the master name
     * @param sentinels the sentinels
     * @return this builder
     */
    public Builder sentinel(String masterName, List<String> sentinels) {
      this.sentinelMasterName = masterName;
      this.sentinels = List.copyOf(sentinels);
      return this;
    }

    /**
     * Connects to a Redis Cluster: {@code nodes} as {@code host:port}, any of its nodes. See {@link
     * RedisAdapterOptions#clusterNodes()}.
     *
     * @param nodes the seed nodes, {@code host:port} each
     * @return this builder
     */
    public Builder cluster(List<String> nodes) {
      this.clusterNodes = List.copyOf(nodes);
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#reconnectDelayStep()} and {@link #reconnectDelayMax()}.
     *
     * @param step the step
     * @param max the maximum
     * @return this builder
     */
    public Builder reconnectDelay(Duration step, Duration max) {
      this.reconnectDelayStep = step;
      this.reconnectDelayMax = max;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#offlineQueueSize()}.
     *
     * @param messages see {@link RedisAdapterOptions#offlineQueueSize()}
     * @return this builder
     */
    public Builder offlineQueueSize(int messages) {
      this.offlineQueueSize = messages;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#offlineQueueBytes()}.
     *
     * @param bytes see {@link RedisAdapterOptions#offlineQueueBytes()}
     * @return this builder
     */
    public Builder offlineQueueBytes(long bytes) {
      this.offlineQueueBytes = bytes;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#offlineQueueTimeout()}.
     *
     * @param timeout see {@link RedisAdapterOptions#offlineQueueTimeout()}
     * @return this builder
     */
    public Builder offlineQueueTimeout(Duration timeout) {
      this.offlineQueueTimeout = timeout;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#streamCount()}.
     *
     * @param streamCount see {@link RedisAdapterOptions#streamCount()}
     * @return this builder
     */
    public Builder streamCount(int streamCount) {
      this.streamCount = streamCount;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#useShardedPubSub()}.
     *
     * @param value see {@link RedisAdapterOptions#useShardedPubSub()}
     * @return this builder
     */
    public Builder useShardedPubSub(boolean value) {
      this.useShardedPubSub = value;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#streamsFormat()}.
     *
     * @param format see {@link RedisAdapterOptions#streamsFormat()}
     * @return this builder
     */
    public Builder streamsFormat(StreamsFormat format) {
      this.streamsFormat = format;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#heartbeatInterval()}.
     *
     * @param interval see {@link RedisAdapterOptions#heartbeatInterval()}
     * @return this builder
     */
    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = interval;
      return this;
    }

    /**
     * See {@link RedisAdapterOptions#heartbeatTimeout()}.
     *
     * @param timeout see {@link RedisAdapterOptions#heartbeatTimeout()}
     * @return this builder
     */
    public Builder heartbeatTimeout(Duration timeout) {
      this.heartbeatTimeout = timeout;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the redis adapter options
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
      require(
          sentinels.isEmpty() || (sentinelMasterName != null && !sentinelMasterName.isEmpty()),
          "sentinelMasterName must not be empty when sentinels are set");
      for (String s : sentinels) {
        requireHostPort("a sentinel", s);
      }
      require(
          sentinels.isEmpty() || clusterNodes.isEmpty(),
          "sentinels and cluster nodes exclude each other");
      for (String s : clusterNodes) {
        requireHostPort("a cluster node", s);
      }
      require(
          positive(reconnectDelayMax)
              && reconnectDelayStep != null
              && !reconnectDelayStep.isNegative(),
          "reconnectDelay needs a step >= 0 and a positive maximum");
      require(offlineQueueSize >= 0, "offlineQueueSize must not be negative");
      require(offlineQueueBytes >= 0, "offlineQueueBytes must not be negative");
      require(positive(offlineQueueTimeout), "offlineQueueTimeout must be positive");
      require(streamCount > 0, "streamCount must be positive");
      require(streamsFormat != null, "streamsFormat must not be null");
      require(
          streamsFormat == StreamsFormat.V0_3 || (streamCount == 1 && !useShardedPubSub),
          "streamCount and useShardedPubSub need streamsFormat V0_3");
      require(positive(heartbeatInterval), "heartbeatInterval must be positive");
      require(
          positive(heartbeatTimeout) && heartbeatTimeout.compareTo(heartbeatInterval) > 0,
          "heartbeatTimeout must be longer than heartbeatInterval");
      return new RedisAdapterOptions(this);
    }

    private static void requireHostPort(String what, String s) {
      require(
          s != null && s.lastIndexOf(':') > 0 && s.lastIndexOf(':') < s.length() - 1,
          what + " must be host:port, not \"" + s + "\"");
      try {
        Integer.parseInt(s.substring(s.lastIndexOf(':') + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(what + " must be host:port, not \"" + s + "\"");
      }
    }

    private static boolean positive(Duration d) {
      return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
