package dev.sio.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sio.*} properties of a Spring Boot application. Every property is optional: an unset
 * one keeps Sio's default, which is Node's ({@code pingInterval} 25 s, {@code pingTimeout} 20 s,
 * {@code maxHttpBufferSize} 1 MB, both transports, no CORS).
 *
 * <pre>
 * sio.path=/socket.io/
 * sio.cors.origins=https://chat.example.com
 * sio.recovery.max-disconnection-duration=2m
 * sio.mode=netty
 * sio.port=3000
 * </pre>
 */
@ConfigurationProperties("sio")
public class SioProperties {
  /** Whether to configure a Socket.IO server at all. */
  private boolean enabled = true;

  /** Where the server is served; {@code auto} picks the Servlet container when there is one. */
  private Mode mode = Mode.AUTO;

  /** The path of the endpoint, under {@code server.servlet.context-path} in Servlet mode. */
  private String path = "/socket.io/";

  /** The address of the server's own Netty listener ({@code sio.mode=netty}). */
  private String host = "127.0.0.1";

  /** The port of the server's own Netty listener ({@code sio.mode=netty}; 0: an ephemeral one). */
  private int port = 3000;

  /** The interval between two heartbeats (Node's default: 25 s). */
  private Duration pingInterval;

  /** How long a client may take to answer a heartbeat (Node's default: 20 s). */
  private Duration pingTimeout;

  /** The largest message or polling body in bytes (Node's default: 1 000 000). */
  private Integer maxHttpBufferSize;

  /** The transports offered, in order ({@code polling}, {@code websocket}). */
  private List<String> transports = new ArrayList<>();

  /** Whether to serve the browser client at {@code <path>socket.io.js} (default: true). */
  private Boolean serveClient;

  /** How long a client may take to join a namespace after the handshake (default: 45 s). */
  private Duration connectTimeout;

  /** Whether handlers bind events with the application's {@code ObjectMapper} bean. */
  private boolean useApplicationObjectMapper = true;

  private final Cors cors = new Cors();
  private final Recovery recovery = new Recovery();
  private final Engine engine = new Engine();
  private final Servlet servlet = new Servlet();
  private final Metrics metrics = new Metrics();
  private final Redis redis = new Redis();

  /** Where the Socket.IO server is served. */
  public enum Mode {
    /** In the application's Servlet container when it has one, else on Sio's own Netty port. */
    AUTO,
    /** In the application's Servlet container, on its port and under its context path. */
    SERVLET,
    /** On Sio's own Netty listener at {@code sio.host}:{@code sio.port}. */
    NETTY
  }

  /** CORS of the endpoint (Node's {@code cors} option). */
  public static class Cors {
    /** The allowed origins; {@code *} allows any. Empty: no CORS headers. */
    private List<String> origins = new ArrayList<>();

    /** Whether to send {@code Access-Control-Allow-Credentials: true}. */
    private boolean credentials;

    /** {@return the allowed origins} */
    public List<String> getOrigins() {
      return origins;
    }

    /**
     * Sets the allowed origins.
     *
     * @param origins the origins; {@code *} allows any
     */
    public void setOrigins(List<String> origins) {
      this.origins = origins;
    }

    /** {@return whether credentials are allowed} */
    public boolean isCredentials() {
      return credentials;
    }

    /**
     * Sets whether credentials are allowed.
     *
     * @param credentials whether credentials are allowed
     */
    public void setCredentials(boolean credentials) {
      this.credentials = credentials;
    }
  }

  /** Connection state recovery (off unless a duration is set). */
  public static class Recovery {
    /** How long a disconnected client may come back with its rooms and missed packets. */
    private Duration maxDisconnectionDuration;

    /** Whether a recovered client skips the connection middlewares (Node's default: true). */
    private boolean skipMiddlewares = true;

    /** {@return the recovery window, or null when recovery is off} */
    public Duration getMaxDisconnectionDuration() {
      return maxDisconnectionDuration;
    }

    /**
     * Sets the recovery window.
     *
     * @param maxDisconnectionDuration the window; null turns recovery off
     */
    public void setMaxDisconnectionDuration(Duration maxDisconnectionDuration) {
      this.maxDisconnectionDuration = maxDisconnectionDuration;
    }

    /** {@return whether a recovered client skips the middlewares} */
    public boolean isSkipMiddlewares() {
      return skipMiddlewares;
    }

    /**
     * Sets whether a recovered client skips the middlewares.
     *
     * @param skipMiddlewares whether a recovered client skips the middlewares
     */
    public void setSkipMiddlewares(boolean skipMiddlewares) {
      this.skipMiddlewares = skipMiddlewares;
    }
  }

  /** Engine.IO options below Socket.IO. */
  public static class Engine {
    /** Whether WebSocket messages may be compressed (Node's default: false). */
    private Boolean perMessageDeflate;

    /** Whether polling answers may be compressed (Node's default: true). */
    private Boolean httpCompression;

    /** The most bytes queued for one session before it is closed. */
    private Long maxBufferedBytes;

    /** The most bytes queued for all sessions together. */
    private Long maxTotalBufferedBytes;

    /** How long a closing WebSocket may take to drain. */
    private Duration closeTimeout;

    /** Whether Engine.IO v3 clients (Socket.IO v2) may connect (default: false). */
    private Boolean allowEio3;

    /** {@return whether WebSocket compression is on, or null for the default} */
    public Boolean getPerMessageDeflate() {
      return perMessageDeflate;
    }

    /**
     * Sets whether WebSocket compression is on.
     *
     * @param perMessageDeflate whether WebSocket compression is on
     */
    public void setPerMessageDeflate(Boolean perMessageDeflate) {
      this.perMessageDeflate = perMessageDeflate;
    }

    /** {@return whether polling compression is on, or null for the default} */
    public Boolean getHttpCompression() {
      return httpCompression;
    }

    /**
     * Sets whether polling compression is on.
     *
     * @param httpCompression whether polling compression is on
     */
    public void setHttpCompression(Boolean httpCompression) {
      this.httpCompression = httpCompression;
    }

    /** {@return the per-session bound in bytes, or null for the default} */
    public Long getMaxBufferedBytes() {
      return maxBufferedBytes;
    }

    /**
     * Sets the per-session bound.
     *
     * @param maxBufferedBytes the bound in bytes
     */
    public void setMaxBufferedBytes(Long maxBufferedBytes) {
      this.maxBufferedBytes = maxBufferedBytes;
    }

    /** {@return the bound for all sessions in bytes, or null for the default} */
    public Long getMaxTotalBufferedBytes() {
      return maxTotalBufferedBytes;
    }

    /**
     * Sets the bound for all sessions.
     *
     * @param maxTotalBufferedBytes the bound in bytes
     */
    public void setMaxTotalBufferedBytes(Long maxTotalBufferedBytes) {
      this.maxTotalBufferedBytes = maxTotalBufferedBytes;
    }

    /** {@return the close drain deadline, or null for the default} */
    public Duration getCloseTimeout() {
      return closeTimeout;
    }

    /**
     * Sets the close drain deadline.
     *
     * @param closeTimeout the deadline
     */
    public void setCloseTimeout(Duration closeTimeout) {
      this.closeTimeout = closeTimeout;
    }

    /** {@return whether Engine.IO v3 clients are allowed, or null for the default} */
    public Boolean getAllowEio3() {
      return allowEio3;
    }

    /**
     * Sets whether Engine.IO v3 clients are allowed.
     *
     * @param allowEio3 whether Engine.IO v3 clients are allowed
     */
    public void setAllowEio3(Boolean allowEio3) {
      this.allowEio3 = allowEio3;
    }
  }

  /** The Servlet binding's own threads and bounds ({@code sio.mode=servlet}). */
  public static class Servlet {
    /** The number of Sio loops that own the sessions (default: the available processors). */
    private Integer loopThreads;

    /** A WebSocket's queued bytes at which it stops being writable (default: 64 KiB). */
    private Integer writeBufferHighWaterMark;

    /** The queued bytes at which it is writable again (default: 32 KiB). */
    private Integer writeBufferLowWaterMark;

    /** A session's unprocessed inbound bytes at which its reader waits (default: 1 MiB). */
    private Integer inboundBacklogBytes;

    /** {@return the number of loops, or null for the default} */
    public Integer getLoopThreads() {
      return loopThreads;
    }

    /**
     * Sets the number of loops.
     *
     * @param loopThreads the number of loops
     */
    public void setLoopThreads(Integer loopThreads) {
      this.loopThreads = loopThreads;
    }

    /** {@return the high water mark, or null for the default} */
    public Integer getWriteBufferHighWaterMark() {
      return writeBufferHighWaterMark;
    }

    /**
     * Sets the high water mark.
     *
     * @param writeBufferHighWaterMark the mark in bytes
     */
    public void setWriteBufferHighWaterMark(Integer writeBufferHighWaterMark) {
      this.writeBufferHighWaterMark = writeBufferHighWaterMark;
    }

    /** {@return the low water mark, or null for the default} */
    public Integer getWriteBufferLowWaterMark() {
      return writeBufferLowWaterMark;
    }

    /**
     * Sets the low water mark.
     *
     * @param writeBufferLowWaterMark the mark in bytes
     */
    public void setWriteBufferLowWaterMark(Integer writeBufferLowWaterMark) {
      this.writeBufferLowWaterMark = writeBufferLowWaterMark;
    }

    /** {@return the inbound backlog bound, or null for the default} */
    public Integer getInboundBacklogBytes() {
      return inboundBacklogBytes;
    }

    /**
     * Sets the inbound backlog bound.
     *
     * @param inboundBacklogBytes the bound in bytes
     */
    public void setInboundBacklogBytes(Integer inboundBacklogBytes) {
      this.inboundBacklogBytes = inboundBacklogBytes;
    }
  }

  /** The Micrometer binding (when sio-micrometer and a {@code MeterRegistry} are present). */
  public static class Metrics {
    /** Whether to register Sio's meters with the application's registry. */
    private boolean enabled = true;

    /** {@return whether the meters are registered} */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the meters are registered.
     *
     * @param enabled whether the meters are registered
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The Redis adapter (when sio-redis is present and {@code sio.redis.uri} is set). */
  public static class Redis {
    /** The Redis URI, for example {@code redis://127.0.0.1:6379}; unset: no Redis adapter. */
    private String uri;

    /** Which Node adapter to be compatible with. */
    private Kind kind = Kind.CLASSIC;

    /** The channel prefix (Node's default: {@code socket.io}). */
    private String keyPrefix;

    /** How long a request to the other servers may take (Node's default: 5 s). */
    private Duration requestsTimeout;

    /** The Node adapter a Redis adapter speaks with. */
    public enum Kind {
      /** {@code @socket.io/redis-adapter}, publish/subscribe. */
      CLASSIC,
      /** {@code @socket.io/redis-adapter} with {@code createShardedAdapter} (Redis 7). */
      SHARDED,
      /** {@code @socket.io/redis-streams-adapter}. */
      STREAMS
    }

    /** {@return the Redis URI, or null when there is no Redis adapter} */
    public String getUri() {
      return uri;
    }

    /**
     * Sets the Redis URI.
     *
     * @param uri the Redis URI
     */
    public void setUri(String uri) {
      this.uri = uri;
    }

    /** {@return the adapter kind} */
    public Kind getKind() {
      return kind;
    }

    /**
     * Sets the adapter kind.
     *
     * @param kind the adapter kind
     */
    public void setKind(Kind kind) {
      this.kind = kind;
    }

    /** {@return the channel prefix, or null for the default} */
    public String getKeyPrefix() {
      return keyPrefix;
    }

    /**
     * Sets the channel prefix.
     *
     * @param keyPrefix the channel prefix
     */
    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    /** {@return the requests' timeout, or null for the default} */
    public Duration getRequestsTimeout() {
      return requestsTimeout;
    }

    /**
     * Sets the requests' timeout.
     *
     * @param requestsTimeout the timeout
     */
    public void setRequestsTimeout(Duration requestsTimeout) {
      this.requestsTimeout = requestsTimeout;
    }
  }

  /** {@return whether a server is configured} */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets whether a server is configured.
   *
   * @param enabled the value
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** {@return where the server is served} */
  public Mode getMode() {
    return mode;
  }

  /**
   * Sets where the server is served.
   *
   * @param mode the value
   */
  public void setMode(Mode mode) {
    this.mode = mode;
  }

  /** {@return the endpoint's path} */
  public String getPath() {
    return path;
  }

  /**
   * Sets the endpoint's path.
   *
   * @param path the value
   */
  public void setPath(String path) {
    this.path = path;
  }

  /** {@return the own listener's address} */
  public String getHost() {
    return host;
  }

  /**
   * Sets the own listener's address.
   *
   * @param host the value
   */
  public void setHost(String host) {
    this.host = host;
  }

  /** {@return the own listener's port} */
  public int getPort() {
    return port;
  }

  /**
   * Sets the own listener's port.
   *
   * @param port the value
   */
  public void setPort(int port) {
    this.port = port;
  }

  /** {@return the heartbeat interval, or null for the default} */
  public Duration getPingInterval() {
    return pingInterval;
  }

  /**
   * Sets the heartbeat interval.
   *
   * @param pingInterval the value
   */
  public void setPingInterval(Duration pingInterval) {
    this.pingInterval = pingInterval;
  }

  /** {@return the heartbeat timeout, or null for the default} */
  public Duration getPingTimeout() {
    return pingTimeout;
  }

  /**
   * Sets the heartbeat timeout.
   *
   * @param pingTimeout the value
   */
  public void setPingTimeout(Duration pingTimeout) {
    this.pingTimeout = pingTimeout;
  }

  /** {@return the message size bound, or null for the default} */
  public Integer getMaxHttpBufferSize() {
    return maxHttpBufferSize;
  }

  /**
   * Sets the message size bound.
   *
   * @param maxHttpBufferSize the value
   */
  public void setMaxHttpBufferSize(Integer maxHttpBufferSize) {
    this.maxHttpBufferSize = maxHttpBufferSize;
  }

  /** {@return the transports, empty for the default} */
  public List<String> getTransports() {
    return transports;
  }

  /**
   * Sets the transports.
   *
   * @param transports the value
   */
  public void setTransports(List<String> transports) {
    this.transports = transports;
  }

  /** {@return whether the browser client is served, or null for the default} */
  public Boolean getServeClient() {
    return serveClient;
  }

  /**
   * Sets whether the browser client is served.
   *
   * @param serveClient the value
   */
  public void setServeClient(Boolean serveClient) {
    this.serveClient = serveClient;
  }

  /** {@return the namespace join timeout, or null for the default} */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets the namespace join timeout.
   *
   * @param connectTimeout the value
   */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** {@return whether the application's ObjectMapper is used} */
  public boolean isUseApplicationObjectMapper() {
    return useApplicationObjectMapper;
  }

  /**
   * Sets whether the application's ObjectMapper is used.
   *
   * @param useApplicationObjectMapper the value
   */
  public void setUseApplicationObjectMapper(boolean useApplicationObjectMapper) {
    this.useApplicationObjectMapper = useApplicationObjectMapper;
  }

  /** {@return the {@code sio.cors.*} properties} */
  public Cors getCors() {
    return cors;
  }

  /** {@return the {@code sio.recovery.*} properties} */
  public Recovery getRecovery() {
    return recovery;
  }

  /** {@return the {@code sio.engine.*} properties} */
  public Engine getEngine() {
    return engine;
  }

  /** {@return the {@code sio.servlet.*} properties} */
  public Servlet getServlet() {
    return servlet;
  }

  /** {@return the {@code sio.metrics.*} properties} */
  public Metrics getMetrics() {
    return metrics;
  }

  /** {@return the {@code sio.redis.*} properties} */
  public Redis getRedis() {
    return redis;
  }
}
