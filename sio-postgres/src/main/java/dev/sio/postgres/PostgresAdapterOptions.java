package dev.sio.postgres;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of the PostgreSQL adapter ({@link PostgresAdapterFactory}). Immutable; build with {@link
 * #builder()}. The names and defaults are those of {@code @socket.io/postgres-adapter} 0.5, so a
 * Sio server joins a Node cluster with only the connection set; every server of a cluster must use
 * the same channel prefix and table.
 *
 * <pre>{@code
 * PostgresAdapterOptions.builder()
 *     .url("jdbc:postgresql://db.example.com:5432/app")
 *     .user("app").password("secret")
 *     .channelPrefix("socket.io")
 *     .build();
 * }</pre>
 */
public final class PostgresAdapterOptions {
  /** A table name as Node interpolates it into SQL: an identifier, optionally schema-qualified. */
  static final Pattern TABLE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

  private final String url;
  private final String user;
  private final String password;
  private final String applicationName;
  private final String channelPrefix;
  private final String tableName;
  private final int payloadThreshold;
  private final Duration cleanupInterval;
  private final Duration heartbeatInterval;
  private final Duration heartbeatTimeout;
  private final Duration requestsTimeout;
  private final Duration reconnectDelay;
  private final Duration connectTimeout;
  private final int offlineQueueSize;
  private final long offlineQueueBytes;
  private final boolean createTable;

  private PostgresAdapterOptions(Builder b) {
    this.url = b.url;
    this.user = b.user;
    this.password = b.password;
    this.applicationName = b.applicationName;
    this.channelPrefix = b.channelPrefix;
    this.tableName = b.tableName;
    this.payloadThreshold = b.payloadThreshold;
    this.cleanupInterval = b.cleanupInterval;
    this.heartbeatInterval = b.heartbeatInterval;
    this.heartbeatTimeout = b.heartbeatTimeout;
    this.requestsTimeout = b.requestsTimeout;
    this.reconnectDelay = b.reconnectDelay;
    this.connectTimeout = b.connectTimeout;
    this.offlineQueueSize = b.offlineQueueSize;
    this.offlineQueueBytes = b.offlineQueueBytes;
    this.createTable = b.createTable;
  }

  /** {@return a builder with the Node defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the JDBC URL of the database; {@code jdbc:postgresql://127.0.0.1:5432/postgres}} */
  public String url() {
    return url;
  }

  /** {@return the user; {@code postgres}} */
  public String user() {
    return user;
  }

  /**
   * {@return the password, or {@code null} for none (trust or peer authentication, or one in the
   * URL)}
   */
  public String password() {
    return password;
  }

  /**
   * {@return the {@code application_name} of the adapter's connections ({@code -listen} and {@code
   * -publish} appended), as {@code pg_stat_activity} shows it; {@code "sio-postgres"}}
   */
  public String applicationName() {
    return applicationName;
  }

  /**
   * {@return the prefix of the channels: namespace {@code nsp} uses {@code prefix#nsp};
   * "socket.io"}
   */
  public String channelPrefix() {
    return channelPrefix;
  }

  /** {@return the table of the payloads too large for NOTIFY; {@code "socket_io_attachments"}} */
  public String tableName() {
    return tableName;
  }

  /**
   * {@return the size in bytes above which a message's JSON goes into the table (as does any
   * message with binary) and the notification carries only its id; 8000, NOTIFY's own limit}
   */
  public int payloadThreshold() {
    return payloadThreshold;
  }

  /** {@return how often rows older than this are deleted from the table; 30 s} */
  public Duration cleanupInterval() {
    return cleanupInterval;
  }

  /** {@return how often a server that published nothing else says it is alive; 5 s} */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** {@return after how long without a message another server counts as gone; 10 s} */
  public Duration heartbeatTimeout() {
    return heartbeatTimeout;
  }

  /**
   * {@return how long fetchSockets, serverSideEmitWithAck and broadcast acks wait for the others; 5
   * s}
   */
  public Duration requestsTimeout() {
    return requestsTimeout;
  }

  /**
   * {@return the delay before reconnecting a lost connection, drawn each time between half and one
   * and a half of this (Node's {@code 2000 * (0.5 + Math.random())} ms); 2 s}
   */
  public Duration reconnectDelay() {
    return reconnectDelay;
  }

  /** {@return how long opening a connection may take; 5 s} */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * {@return how many messages may wait to be published (while the database is unreachable, or
   * slower than the server); 10000} A message over a bound is dropped and its publication fails.
   */
  public int offlineQueueSize() {
    return offlineQueueSize;
  }

  /** {@return how many payload bytes may wait to be published; 32 MiB} */
  public long offlineQueueBytes() {
    return offlineQueueBytes;
  }

  /**
   * {@return whether the table is created when missing ({@code CREATE TABLE IF NOT EXISTS}); true}
   */
  public boolean createTable() {
    return createTable;
  }

  /** Builds {@link PostgresAdapterOptions}. */
  public static final class Builder {
    private String url = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private String user = "postgres";
    private String password;
    private String applicationName = "sio-postgres";
    private String channelPrefix = "socket.io";
    private String tableName = "socket_io_attachments";
    private int payloadThreshold = 8000;
    private Duration cleanupInterval = Duration.ofSeconds(30);
    private Duration heartbeatInterval = Duration.ofSeconds(5);
    private Duration heartbeatTimeout = Duration.ofSeconds(10);
    private Duration requestsTimeout = Duration.ofSeconds(5);
    private Duration reconnectDelay = Duration.ofSeconds(2);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private int offlineQueueSize = 10_000;
    private long offlineQueueBytes = 32L * 1024 * 1024;
    private boolean createTable = true;

    private Builder() {}

    /**
     * See {@link PostgresAdapterOptions#url()}.
     *
     * @param url see {@link PostgresAdapterOptions#url()}
     * @return this builder
     */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#user()}.
     *
     * @param user see {@link PostgresAdapterOptions#user()}
     * @return this builder
     */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#password()}.
     *
     * @param password see {@link PostgresAdapterOptions#password()}
     * @return this builder
     */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#applicationName()}.
     *
     * @param applicationName see {@link PostgresAdapterOptions#applicationName()}
     * @return this builder
     */
    public Builder applicationName(String applicationName) {
      this.applicationName = applicationName;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#channelPrefix()}.
     *
     * @param channelPrefix see {@link PostgresAdapterOptions#channelPrefix()}
     * @return this builder
     */
    public Builder channelPrefix(String channelPrefix) {
      this.channelPrefix = channelPrefix;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#tableName()}.
     *
     * @param tableName see {@link PostgresAdapterOptions#tableName()}
     * @return this builder
     */
    public Builder tableName(String tableName) {
      this.tableName = tableName;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#payloadThreshold()}.
     *
     * @param payloadThreshold see {@link PostgresAdapterOptions#payloadThreshold()}
     * @return this builder
     */
    public Builder payloadThreshold(int payloadThreshold) {
      this.payloadThreshold = payloadThreshold;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#cleanupInterval()}.
     *
     * @param cleanupInterval see {@link PostgresAdapterOptions#cleanupInterval()}
     * @return this builder
     */
    public Builder cleanupInterval(Duration cleanupInterval) {
      this.cleanupInterval = cleanupInterval;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#heartbeatInterval()}.
     *
     * @param heartbeatInterval see {@link PostgresAdapterOptions#heartbeatInterval()}
     * @return this builder
     */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#heartbeatTimeout()}.
     *
     * @param heartbeatTimeout see {@link PostgresAdapterOptions#heartbeatTimeout()}
     * @return this builder
     */
    public Builder heartbeatTimeout(Duration heartbeatTimeout) {
      this.heartbeatTimeout = heartbeatTimeout;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#requestsTimeout()}.
     *
     * @param requestsTimeout see {@link PostgresAdapterOptions#requestsTimeout()}
     * @return this builder
     */
    public Builder requestsTimeout(Duration requestsTimeout) {
      this.requestsTimeout = requestsTimeout;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#reconnectDelay()}.
     *
     * @param reconnectDelay see {@link PostgresAdapterOptions#reconnectDelay()}
     * @return this builder
     */
    public Builder reconnectDelay(Duration reconnectDelay) {
      this.reconnectDelay = reconnectDelay;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#connectTimeout()}.
     *
     * @param connectTimeout see {@link PostgresAdapterOptions#connectTimeout()}
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#offlineQueueSize()}.
     *
     * @param offlineQueueSize see {@link PostgresAdapterOptions#offlineQueueSize()}
     * @return this builder
     */
    public Builder offlineQueueSize(int offlineQueueSize) {
      this.offlineQueueSize = offlineQueueSize;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#offlineQueueBytes()}.
     *
     * @param offlineQueueBytes see {@link PostgresAdapterOptions#offlineQueueBytes()}
     * @return this builder
     */
    public Builder offlineQueueBytes(long offlineQueueBytes) {
      this.offlineQueueBytes = offlineQueueBytes;
      return this;
    }

    /**
     * See {@link PostgresAdapterOptions#createTable()}.
     *
     * @param createTable see {@link PostgresAdapterOptions#createTable()}
     * @return this builder
     */
    public Builder createTable(boolean createTable) {
      this.createTable = createTable;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the options
     * @throws IllegalArgumentException naming the first option that is missing or out of range
     */
    public PostgresAdapterOptions build() {
      require(
          url != null && url.startsWith("jdbc:postgresql:"),
          "url must be a jdbc:postgresql: URL, got " + url);
      require(user != null && !user.isEmpty(), "user must be set");
      require(applicationName != null, "applicationName must not be null");
      require(channelPrefix != null && !channelPrefix.isEmpty(), "channelPrefix must not be empty");
      require(
          tableName != null && TABLE_NAME.matcher(tableName).matches(),
          "tableName must be an SQL identifier (letters, digits, _ and $, optionally schema.table), got "
              + tableName);
      require(payloadThreshold > 0, "payloadThreshold must be positive, got " + payloadThreshold);
      positive("cleanupInterval", cleanupInterval);
      positive("heartbeatInterval", heartbeatInterval);
      positive("heartbeatTimeout", heartbeatTimeout);
      positive("requestsTimeout", requestsTimeout);
      positive("connectTimeout", connectTimeout);
      Objects.requireNonNull(reconnectDelay, "reconnectDelay");
      require(
          !reconnectDelay.isNegative(),
          "reconnectDelay must not be negative, got " + reconnectDelay);
      require(
          offlineQueueSize >= 0, "offlineQueueSize must not be negative, got " + offlineQueueSize);
      require(
          offlineQueueBytes >= 0,
          "offlineQueueBytes must not be negative, got " + offlineQueueBytes);
      return new PostgresAdapterOptions(this);
    }

    private static void positive(String name, Duration d) {
      require(d != null && !d.isNegative() && !d.isZero(), name + " must be positive, got " + d);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
