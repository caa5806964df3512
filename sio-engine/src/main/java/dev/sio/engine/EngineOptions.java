package dev.sio.engine;

import dev.sio.engine.internal.BindingDefaultsLookup;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of one Engine.IO endpoint, with Node's engine.io names and defaults.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.builder()
 *     .path("/engine.io/")
 *     .pingInterval(Duration.ofSeconds(25))
 *     .cors(CorsOptions.anyOrigin())
 *     .build();
 * }</pre>
 */
public final class EngineOptions {
  /** Transport name of HTTP long-polling. */
  public static final String POLLING = "polling";

  /** Transport name of WebSocket. */
  public static final String WEBSOCKET = "websocket";

  /**
   * Transport name of WebTransport (HTTP/3 over QUIC): off by default, as in Node; it needs a
   * WebTransport listener (the {@code sio-webtransport} module) attached to the endpoint.
   */
  public static final String WEBTRANSPORT = "webtransport";

  private static final long UNSET = Long.MIN_VALUE; // maxTotalBufferedBytes: the binding's default

  private final String path;
  private final long pingIntervalMillis;
  private final long pingTimeoutMillis;
  private final long upgradeTimeoutMillis;
  private final long allowRequestTimeoutMillis;
  private final int maxHttpBufferSize;
  private final List<String> transports;
  private final boolean allowUpgrades;
  private final boolean allowEIO3;
  private final AllowRequest allowRequest;
  private final CorsOptions cors;
  private final CookieOptions cookie;
  private final HeadersListener initialHeaders; // Node's "initial_headers", or null
  private final HeadersListener headers; // Node's "headers", or null
  private final boolean perMessageDeflate;
  private final boolean httpCompression;
  private final int httpCompressionThreshold;
  private final long maxBufferedBytes;
  private final long maxTotalBufferedBytes;
  private final long closeTimeoutMillis;

  private EngineOptions(Builder b) {
    this.path = b.path;
    this.pingIntervalMillis = b.pingInterval.toMillis();
    this.pingTimeoutMillis = b.pingTimeout.toMillis();
    this.upgradeTimeoutMillis = b.upgradeTimeout.toMillis();
    this.allowRequestTimeoutMillis = b.allowRequestTimeout.toMillis();
    this.maxHttpBufferSize = b.maxHttpBufferSize;
    this.transports = List.copyOf(b.transports);
    this.allowUpgrades = b.allowUpgrades;
    this.allowEIO3 = b.allowEIO3;
    this.allowRequest = b.allowRequest;
    this.cors = b.cors;
    this.cookie = b.cookie;
    this.initialHeaders = b.initialHeaders;
    this.headers = b.headers;
    this.perMessageDeflate = b.perMessageDeflate;
    this.httpCompression = b.httpCompression;
    this.httpCompressionThreshold = b.httpCompressionThreshold;
    this.maxBufferedBytes = b.maxBufferedBytes;
    this.maxTotalBufferedBytes = b.maxTotalBufferedBytes; // UNSET: resolved by the binding
    this.closeTimeoutMillis = b.closeTimeout.toMillis();
  }

  /** {@return a builder with Node's defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Node's defaults.
   *
   * @return the new engine options
   */
  public static EngineOptions defaults() {
    return builder().build();
  }

  /** {@return the request path prefix, with a trailing slash (default {@code /engine.io/})} */
  public String path() {
    return path;
  }

  /** {@return milliseconds between two pings (default 25000)} */
  public long pingIntervalMillis() {
    return pingIntervalMillis;
  }

  /**
   * {@return milliseconds to wait for a pong before closing with {@code "ping timeout"} (default
   * 20000)}
   */
  public long pingTimeoutMillis() {
    return pingTimeoutMillis;
  }

  /** {@return milliseconds an upgrade may take (default 10000)} */
  public long upgradeTimeoutMillis() {
    return upgradeTimeoutMillis;
  }

  /**
   * {@return milliseconds a handshake waits for {@link #allowRequest()} to decide (default 10000;
   * Node waits forever); then it is rejected as {@code allowRequest} would reject it}
   */
  public long allowRequestTimeoutMillis() {
    return allowRequestTimeoutMillis;
  }

  /**
   * {@return largest POST body or WebSocket message in bytes (default 1000000); {@code maxPayload}}
   */
  public int maxHttpBufferSize() {
    return maxHttpBufferSize;
  }

  /** {@return enabled transports (default polling and websocket)} */
  public List<String> transports() {
    return transports;
  }

  /**
   * {@return true when {@code name} is an enabled transport}
   *
   * @param name the name
   */
  public boolean allowsTransport(String name) {
    return transports.contains(name);
  }

  /** {@return whether polling sessions may upgrade to WebSocket (default true)} */
  public boolean allowUpgrades() {
    return allowUpgrades;
  }

  /**
   * {@return whether Engine.IO v3 clients ({@code EIO=3}: Socket.IO v2 clients such as
   * socket.io-client 2.x) are served beside v4 ones (default false, as Node's {@code allowEIO3})}
   * Unlike Node, only an explicit {@code EIO=3} means v3; a missing or other {@code EIO} is refused
   * either way.
   */
  public boolean allowEIO3() {
    return allowEIO3;
  }

  /** {@return the handshake check, or {@code null} for none} */
  public AllowRequest allowRequest() {
    return allowRequest;
  }

  /** {@return CORS rules, or {@code null} when off (the default)} */
  public CorsOptions cors() {
    return cors;
  }

  /** {@return the sid cookie, or {@code null} when off (the default)} */
  public CookieOptions cookie() {
    return cookie;
  }

  /**
   * {@return node's {@code initial_headers}: changes the handshake's response headers, or {@code
   * null}}
   */
  public HeadersListener initialHeaders() {
    return initialHeaders;
  }

  /** {@return node's {@code headers}: changes the headers of every response, or {@code null}} */
  public HeadersListener headers() {
    return headers;
  }

  /** {@return whether WebSocket permessage-deflate is offered (default false)} */
  public boolean perMessageDeflate() {
    return perMessageDeflate;
  }

  /** {@return whether polling responses are gzip/deflate compressed (default true)} */
  public boolean httpCompression() {
    return httpCompression;
  }

  /** {@return smallest polling response compressed, in bytes (default 1024)} */
  public int httpCompressionThreshold() {
    return httpCompressionThreshold;
  }

  /**
   * {@return most bytes queued for one session, in its write buffer and its connection's outbound
   * buffer together, before it is closed with {@code "transport error"} (default 8 MiB)} Not in
   * Node, whose buffers are unbounded.
   */
  public long maxBufferedBytes() {
    return maxBufferedBytes;
  }

  /**
   * {@return most bytes queued for all sessions of this endpoint together (default half of Netty's
   * maximum direct memory, at least {@link #maxBufferedBytes()})} Over it, sessions holding more
   * than a fair share ({@code maxTotalBufferedBytes / sessions holding 64 KiB or more}) are closed
   * with {@code "transport error"}. Not in Node.
   *
   * <p>The default is the binding's: the Netty binding's is half of Netty's maximum direct memory.
   * These options do not know their binding; unset, this reports the default of the binding found
   * on the class path ({@link dev.sio.engine.spi.BindingDefaults}; without one, half of the maximum
   * heap), and an endpoint applies its own binding's ({@link #maxTotalBufferedBytes(long)}).
   */
  public long maxTotalBufferedBytes() {
    return maxTotalBufferedBytes(BindingDefaultsLookup.maxTotalBufferedBytes());
  }

  /**
   * {@return the bound a binding applies: the one set, or when unset the larger of {@link
   * #maxBufferedBytes()} and {@code bindingDefault}} For bindings.
   *
   * @param bindingDefault the binding's default for all sessions of an endpoint (Netty: half of its
   *     maximum direct memory)
   */
  public long maxTotalBufferedBytes(long bindingDefault) {
    return maxTotalBufferedBytes != UNSET
        ? maxTotalBufferedBytes
        : Math.max(maxBufferedBytes, bindingDefault);
  }

  /**
   * {@return milliseconds an orderly close may take before the connection is cut (default 30000, as
   * {@code ws}'s {@code closeTimeout} and engine.io's polling close): a WebSocket close frame that
   * is not written, a polling close waiting for the next GET, a session waiting to flush its
   * buffer}
   */
  public long closeTimeoutMillis() {
    return closeTimeoutMillis;
  }

  /** Builds {@link EngineOptions}. */
  public static final class Builder {
    private String path = "/engine.io/";
    private Duration pingInterval = Duration.ofMillis(25_000);
    private Duration pingTimeout = Duration.ofMillis(20_000);
    private Duration upgradeTimeout = Duration.ofMillis(10_000);
    private Duration allowRequestTimeout = Duration.ofMillis(10_000);
    private int maxHttpBufferSize = 1_000_000;
    private List<String> transports = List.of(POLLING, WEBSOCKET);
    private boolean allowUpgrades = true;
    private boolean allowEIO3;
    private AllowRequest allowRequest;
    private CorsOptions cors;
    private CookieOptions cookie;
    private HeadersListener initialHeaders;
    private HeadersListener headers;
    private boolean perMessageDeflate;
    private boolean httpCompression = true;
    private int httpCompressionThreshold = 1024;
    private long maxBufferedBytes = 8L << 20;
    private long maxTotalBufferedBytes = UNSET;
    private Duration closeTimeout = Duration.ofMillis(30_000);

    private Builder() {}

    /**
     * The path prefix; a trailing slash is added as Node does ({@code "/engine.io"} works).
     *
     * @param path the path prefix; a trailing slash is added as Node does ({@code "/engine.io"}
     *     works)
     * @return this builder
     */
    public Builder path(String path) {
      this.path = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * Time between pings.
     *
     * @param pingInterval time between pings
     * @return this builder
     */
    public Builder pingInterval(Duration pingInterval) {
      this.pingInterval = Objects.requireNonNull(pingInterval, "pingInterval");
      return this;
    }

    /**
     * Time to wait for a pong.
     *
     * @param pingTimeout time to wait for a pong
     * @return this builder
     */
    public Builder pingTimeout(Duration pingTimeout) {
      this.pingTimeout = Objects.requireNonNull(pingTimeout, "pingTimeout");
      return this;
    }

    /**
     * Time an upgrade may take.
     *
     * @param upgradeTimeout time an upgrade may take
     * @return this builder
     */
    public Builder upgradeTimeout(Duration upgradeTimeout) {
      this.upgradeTimeout = Objects.requireNonNull(upgradeTimeout, "upgradeTimeout");
      return this;
    }

    /**
     * Time a handshake waits for {@code allowRequest}'s decision before it is rejected.
     *
     * @param allowRequestTimeout time a handshake waits for {@code allowRequest}'s decision before
     *     it is rejected
     * @return this builder
     */
    public Builder allowRequestTimeout(Duration allowRequestTimeout) {
      this.allowRequestTimeout = Objects.requireNonNull(allowRequestTimeout, "allowRequestTimeout");
      return this;
    }

    /**
     * Largest POST body or WebSocket message, in bytes.
     *
     * @param bytes largest POST body or WebSocket message, in bytes
     * @return this builder
     */
    public Builder maxHttpBufferSize(int bytes) {
      this.maxHttpBufferSize = bytes;
      return this;
    }

    /**
     * Enabled transports, from {@link #POLLING}, {@link #WEBSOCKET} and {@link #WEBTRANSPORT}.
     *
     * @param transports enabled transports, from {@link #POLLING}, {@link #WEBSOCKET} and {@link
     *     #WEBTRANSPORT}
     * @return this builder
     */
    public Builder transports(String... transports) {
      this.transports = List.of(transports);
      return this;
    }

    /**
     * See {@link EngineOptions#allowEIO3()}.
     *
     * @param allowEIO3 see {@link EngineOptions#allowEIO3()}
     * @return this builder
     */
    public Builder allowEIO3(boolean allowEIO3) {
      this.allowEIO3 = allowEIO3;
      return this;
    }

    /**
     * See {@link EngineOptions#allowUpgrades()}.
     *
     * @param allowUpgrades see {@link EngineOptions#allowUpgrades()}
     * @return this builder
     */
    public Builder allowUpgrades(boolean allowUpgrades) {
      this.allowUpgrades = allowUpgrades;
      return this;
    }

    /**
     * A handshake check (default none).
     *
     * @param allowRequest a handshake check (default none)
     * @return this builder
     */
    public Builder allowRequest(AllowRequest allowRequest) {
      this.allowRequest = allowRequest;
      return this;
    }

    /**
     * CORS rules ({@code null}: off, the default).
     *
     * @param cors CORS rules ({@code null}: off, the default)
     * @return this builder
     */
    public Builder cors(CorsOptions cors) {
      this.cors = cors;
      return this;
    }

    /**
     * The sid cookie ({@code null}: off, the default).
     *
     * @param cookie the sid cookie ({@code null}: off, the default)
     * @return this builder
     */
    public Builder cookie(CookieOptions cookie) {
      this.cookie = cookie;
      return this;
    }

    /**
     * Node's {@code initial_headers} event: changes the headers of a handshake's response (the
     * first polling GET, or the WebSocket upgrade without a sid), before {@link #headers} (default
     * none; {@code null} for none).
     *
     * @param listener node's {@code initial_headers} event: changes the headers of a handshake's
     *     response (the first polling GET, or the WebSocket upgrade without a sid), before {@link
     *     #headers} (default none; {@code null} for none)
     * @return this builder
     */
    public Builder initialHeaders(HeadersListener listener) {
      this.initialHeaders = listener;
      return this;
    }

    /**
     * Node's {@code headers} event: changes the headers of every polling response and WebSocket
     * upgrade response (not of error answers) (default none; {@code null} for none).
     *
     * @param listener node's {@code headers} event: changes the headers of every polling response
     *     and WebSocket upgrade response (not of error answers) (default none; {@code null} for
     *     none)
     * @return this builder
     */
    public Builder headers(HeadersListener listener) {
      this.headers = listener;
      return this;
    }

    /**
     * Offer WebSocket permessage-deflate (default false).
     *
     * @param perMessageDeflate offer WebSocket permessage-deflate (default false)
     * @return this builder
     */
    public Builder perMessageDeflate(boolean perMessageDeflate) {
      this.perMessageDeflate = perMessageDeflate;
      return this;
    }

    /**
     * Compress polling responses (default true).
     *
     * @param httpCompression compress polling responses (default true)
     * @return this builder
     */
    public Builder httpCompression(boolean httpCompression) {
      this.httpCompression = httpCompression;
      return this;
    }

    /**
     * Smallest polling response compressed (default 1024 bytes).
     *
     * @param bytes smallest polling response compressed (default 1024 bytes)
     * @return this builder
     */
    public Builder httpCompressionThreshold(int bytes) {
      this.httpCompressionThreshold = bytes;
      return this;
    }

    /**
     * Most bytes queued for one session before it is closed (default 8 MiB).
     *
     * @param bytes most bytes queued for one session before it is closed (default 8 MiB)
     * @return this builder
     */
    public Builder maxBufferedBytes(long bytes) {
      this.maxBufferedBytes = bytes;
      return this;
    }

    /**
     * Most bytes queued for all sessions together (default half the max direct memory).
     *
     * @param bytes most bytes queued for all sessions together (default half the max direct memory)
     * @return this builder
     */
    public Builder maxTotalBufferedBytes(long bytes) {
      this.maxTotalBufferedBytes = bytes;
      return this;
    }

    /**
     * Time an orderly close may take before the connection is cut (default 30 s).
     *
     * @param closeTimeout time an orderly close may take before the connection is cut (default 30
     *     s)
     * @return this builder
     */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the engine options
     */
    public EngineOptions build() {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/', got \"" + path + "\"");
      }
      if (!path.endsWith("/")) {
        path = path + "/";
      }
      requirePositive("pingInterval", pingInterval);
      requirePositive("pingTimeout", pingTimeout);
      requirePositive("upgradeTimeout", upgradeTimeout);
      requirePositive("allowRequestTimeout", allowRequestTimeout);
      if (maxHttpBufferSize <= 0) {
        throw new IllegalArgumentException(
            "maxHttpBufferSize must be positive, got " + maxHttpBufferSize);
      }
      if (transports.isEmpty()) {
        throw new IllegalArgumentException("transports must not be empty");
      }
      for (String t : transports) {
        if (!POLLING.equals(t) && !WEBSOCKET.equals(t) && !WEBTRANSPORT.equals(t)) {
          throw new IllegalArgumentException(
              "unknown transport \"" + t + "\" (expected polling, websocket or webtransport)");
        }
      }
      if (httpCompressionThreshold < 0) {
        throw new IllegalArgumentException(
            "httpCompressionThreshold must not be negative, got " + httpCompressionThreshold);
      }
      if (maxBufferedBytes <= 0) {
        throw new IllegalArgumentException(
            "maxBufferedBytes must be positive, got " + maxBufferedBytes);
      }
      if (maxTotalBufferedBytes != UNSET && maxTotalBufferedBytes <= 0) {
        throw new IllegalArgumentException(
            "maxTotalBufferedBytes must be positive, got " + maxTotalBufferedBytes);
      }
      requirePositive("closeTimeout", closeTimeout);
      return new EngineOptions(this);
    }

    private static void requirePositive(String name, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
    }
  }
}
