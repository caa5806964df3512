package dev.sio.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.protocol.socketio.JsonParser;
import dev.sio.protocol.socketio.Parser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Immutable options of a Socket.IO client connection, with the names and defaults of the Node.js
 * client ({@code socket.io-client} 4.8). Build them with {@link #builder()}:
 *
 * <pre>{@code
 * ClientOptions options = ClientOptions.builder()
 *     .auth(Map.of("token", "abc"))
 *     .transports("websocket")
 *     .retries(3)
 *     .ackTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 */
public final class ClientOptions {
  /** The options with every default. */
  public static final ClientOptions DEFAULTS = builder().build();

  private final String path;
  private final Map<String, String> query;
  private final Map<String, String> extraHeaders;
  private final List<String> transports;
  private final boolean upgrade;
  private final boolean rememberUpgrade;
  private final boolean tryAllTransports;
  private final boolean timestampRequests;
  private final String timestampParam;
  private final boolean withCredentials;
  private final boolean perMessageDeflate;
  private final int perMessageDeflateThreshold;
  private final SSLContext sslContext;
  private final boolean hostnameVerification;
  private final boolean reconnection;
  private final int reconnectionAttempts;
  private final Duration reconnectionDelay;
  private final Duration reconnectionDelayMax;
  private final double randomizationFactor;
  private final Duration timeout;
  private final boolean autoConnect;
  private final Object auth;
  private final Supplier<?> authSupplier;
  private final int retries;
  private final Duration ackTimeout;
  private final Parser parser;
  private final ObjectMapper objectMapper;
  private final ClientProtocol protocol;

  private ClientOptions(Builder b) {
    this.path = b.path;
    this.query = Collections.unmodifiableMap(new LinkedHashMap<>(b.query));
    this.extraHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraHeaders));
    this.transports = List.copyOf(b.transports);
    this.upgrade = b.upgrade;
    this.rememberUpgrade = b.rememberUpgrade;
    this.tryAllTransports = b.tryAllTransports;
    this.timestampRequests = b.timestampRequests;
    this.timestampParam = b.timestampParam;
    this.withCredentials = b.withCredentials;
    this.perMessageDeflate = b.perMessageDeflate;
    this.perMessageDeflateThreshold = b.perMessageDeflateThreshold;
    this.sslContext = b.sslContext;
    this.hostnameVerification = b.hostnameVerification;
    this.reconnection = b.reconnection;
    this.reconnectionAttempts = b.reconnectionAttempts;
    this.reconnectionDelay = b.reconnectionDelay;
    this.reconnectionDelayMax = b.reconnectionDelayMax;
    this.randomizationFactor = b.randomizationFactor;
    this.timeout = b.timeout;
    this.autoConnect = b.autoConnect;
    this.auth = b.auth;
    this.authSupplier = b.authSupplier;
    this.retries = b.retries;
    this.ackTimeout = b.ackTimeout;
    this.parser = b.parser;
    this.objectMapper = b.objectMapper;
    this.protocol = b.protocol;
  }

  /** {@return a builder with every default} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding these options, to change some of them} */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@return the Engine.IO path, with a trailing slash; default {@code "/socket.io/"}} */
  public String path() {
    return path;
  }

  /** {@return query parameters added to every request (besides those of the URI)} */
  public Map<String, String> query() {
    return query;
  }

  /** {@return headers added to every HTTP request and to the WebSocket handshake} */
  public Map<String, String> extraHeaders() {
    return extraHeaders;
  }

  /**
   * {@return the transports to use, in order of preference; default {@code [polling, websocket]}}
   */
  public List<String> transports() {
    return transports;
  }

  /** {@return whether to upgrade from polling to WebSocket; default true} */
  public boolean upgrade() {
    return upgrade;
  }

  /**
   * {@return whether to open with WebSocket directly once a WebSocket connection succeeded; false}
   */
  public boolean rememberUpgrade() {
    return rememberUpgrade;
  }

  /** {@return whether to try the next transport when the first fails to open; default false} */
  public boolean tryAllTransports() {
    return tryAllTransports;
  }

  /** {@return whether polling requests carry a cache-busting timestamp parameter; default true} */
  public boolean timestampRequests() {
    return timestampRequests;
  }

  /** {@return the name of the timestamp parameter; default {@code "t"}} */
  public String timestampParam() {
    return timestampParam;
  }

  /** {@return whether cookies set by the server are kept and sent back; default false} */
  public boolean withCredentials() {
    return withCredentials;
  }

  /**
   * Whether the WebSocket transport offers permessage-deflate (default true, as the Node.js
   * client's {@code perMessageDeflate: {threshold: 1024}}); used only when the server accepts it.
   *
   * @return true when compression is offered
   */
  public boolean perMessageDeflate() {
    return perMessageDeflate;
  }

  /**
   * The smallest message, in bytes, sent compressed over a deflating WebSocket (default 1024);
   * smaller ones and those emitted with {@code compress(false)} go uncompressed.
   *
   * @return the threshold in bytes
   */
  public int perMessageDeflateThreshold() {
    return perMessageDeflateThreshold;
  }

  /** {@return the TLS context for {@code https}/{@code wss} URIs, or null for the JDK default} */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** {@return whether the server certificate must match the host name; default true} */
  public boolean hostnameVerification() {
    return hostnameVerification;
  }

  /** {@return whether to reconnect automatically; default true} */
  public boolean reconnection() {
    return reconnection;
  }

  /** {@return attempts before giving up; default {@link Integer#MAX_VALUE} (infinite)} */
  public int reconnectionAttempts() {
    return reconnectionAttempts;
  }

  /** {@return the first reconnection delay; default 1 s} */
  public Duration reconnectionDelay() {
    return reconnectionDelay;
  }

  /** {@return the longest reconnection delay; default 5 s} */
  public Duration reconnectionDelayMax() {
    return reconnectionDelayMax;
  }

  /** {@return the jitter of the reconnection delay, 0 to 1; default 0.5} */
  public double randomizationFactor() {
    return randomizationFactor;
  }

  /** {@return how long a connection attempt may take, or null for no limit; default 20 s} */
  public Duration timeout() {
    return timeout;
  }

  /** {@return whether sockets connect as soon as they are created; default true} */
  public boolean autoConnect() {
    return autoConnect;
  }

  /**
   * {@return the payload of the CONNECT packet for this connection attempt: the supplier's value
   * when one was given (called at each attempt), else the fixed value, else null}
   */
  public Object auth() {
    return authSupplier != null ? authSupplier.get() : auth;
  }

  /**
   * {@return how many times an emit is retried when not acknowledged in time; default 0 (no queue)}
   */
  public int retries() {
    return retries;
  }

  /** {@return the acknowledgement timeout of every emit, or null for none (the default)} */
  public Duration ackTimeout() {
    return ackTimeout;
  }

  /** {@return the Socket.IO parser, or null for the default JSON parser} */
  public Parser parser() {
    return parser;
  }

  /** {@return the Jackson mapper that converts arguments and binds typed events} */
  public ObjectMapper objectMapper() {
    return objectMapper;
  }

  /**
   * {@return the protocol generation: {@link ClientProtocol#V4} (the default, Socket.IO 3.x and 4.x
   * servers) or {@link ClientProtocol#V2} (Socket.IO 2.x servers)}
   */
  public ClientProtocol protocol() {
    return protocol;
  }

  /** Whether a {@code auth} value or supplier is set. */
  boolean hasAuth() {
    return auth != null || authSupplier != null;
  }

  /** Builds {@link ClientOptions}; {@link #build()} checks the values. */
  public static final class Builder {
    private String path = "/socket.io/";
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private List<String> transports = List.of("polling", "websocket");
    private boolean upgrade = true;
    private boolean rememberUpgrade;
    private boolean tryAllTransports;
    private boolean timestampRequests = true;
    private String timestampParam = "t";
    private boolean withCredentials;
    private boolean perMessageDeflate = true;
    private int perMessageDeflateThreshold = 1024;
    private SSLContext sslContext;
    private boolean hostnameVerification = true;
    private boolean reconnection = true;
    private int reconnectionAttempts = Integer.MAX_VALUE;
    private Duration reconnectionDelay = Duration.ofMillis(1000);
    private Duration reconnectionDelayMax = Duration.ofMillis(5000);
    private double randomizationFactor = 0.5;
    private Duration timeout = Duration.ofMillis(20000);
    private boolean autoConnect = true;
    private Object auth;
    private Supplier<?> authSupplier;
    private int retries;
    private Duration ackTimeout;
    private Parser parser;
    private ObjectMapper objectMapper = DefaultMapper.INSTANCE;
    private ClientProtocol protocol = ClientProtocol.V4;

    private Builder() {}

    private Builder(ClientOptions o) {
      path = o.path;
      query.putAll(o.query);
      extraHeaders.putAll(o.extraHeaders);
      transports = o.transports;
      upgrade = o.upgrade;
      rememberUpgrade = o.rememberUpgrade;
      tryAllTransports = o.tryAllTransports;
      timestampRequests = o.timestampRequests;
      timestampParam = o.timestampParam;
      withCredentials = o.withCredentials;
      perMessageDeflate = o.perMessageDeflate;
      perMessageDeflateThreshold = o.perMessageDeflateThreshold;
      sslContext = o.sslContext;
      hostnameVerification = o.hostnameVerification;
      reconnection = o.reconnection;
      reconnectionAttempts = o.reconnectionAttempts;
      reconnectionDelay = o.reconnectionDelay;
      reconnectionDelayMax = o.reconnectionDelayMax;
      randomizationFactor = o.randomizationFactor;
      timeout = o.timeout;
      autoConnect = o.autoConnect;
      auth = o.auth;
      authSupplier = o.authSupplier;
      retries = o.retries;
      ackTimeout = o.ackTimeout;
      parser = o.parser;
      objectMapper = o.objectMapper;
      protocol = o.protocol;
    }

    /**
     * The Engine.IO path; a trailing slash is added when missing.
     *
     * @param path the Engine.IO path; a trailing slash is added when missing
     * @return this builder
     */
    public Builder path(String path) {
      this.path = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * Adds one query parameter to every request.
     *
     * @param name the name
     * @param value adds one query parameter to every request
     * @return this builder
     */
    public Builder query(String name, String value) {
      query.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds query parameters to every request.
     *
     * @param parameters adds query parameters to every request
     * @return this builder
     */
    public Builder query(Map<String, String> parameters) {
      parameters.forEach(this::query);
      return this;
    }

    /**
     * Adds one header to every HTTP request and to the WebSocket handshake.
     *
     * @param name the name
     * @param value adds one header to every HTTP request and to the WebSocket handshake
     * @return this builder
     */
    public Builder extraHeader(String name, String value) {
      extraHeaders.put(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds headers to every HTTP request and to the WebSocket handshake.
     *
     * @param headers adds headers to every HTTP request and to the WebSocket handshake
     * @return this builder
     */
    public Builder extraHeaders(Map<String, String> headers) {
      headers.forEach(this::extraHeader);
      return this;
    }

    /**
     * The transports in order of preference: {@code "polling"} and/or {@code "websocket"}.
     *
     * @param transports the transports in order of preference: {@code "polling"} and/or {@code
     *     "websocket"}
     * @return this builder
     */
    public Builder transports(String... transports) {
      this.transports = new ArrayList<>(List.of(transports));
      return this;
    }

    /**
     * Whether to upgrade from polling to WebSocket (default true).
     *
     * @param upgrade whether to upgrade from polling to WebSocket (default true)
     * @return this builder
     */
    public Builder upgrade(boolean upgrade) {
      this.upgrade = upgrade;
      return this;
    }

    /**
     * Whether to go straight to WebSocket after a WebSocket connection succeeded once.
     *
     * @param rememberUpgrade whether to go straight to WebSocket after a WebSocket connection
     *     succeeded once
     * @return this builder
     */
    public Builder rememberUpgrade(boolean rememberUpgrade) {
      this.rememberUpgrade = rememberUpgrade;
      return this;
    }

    /**
     * Whether to try the next transport when one fails to open.
     *
     * @param tryAllTransports whether to try the next transport when one fails to open
     * @return this builder
     */
    public Builder tryAllTransports(boolean tryAllTransports) {
      this.tryAllTransports = tryAllTransports;
      return this;
    }

    /**
     * Whether polling requests carry a cache-busting timestamp (default true).
     *
     * @param timestampRequests whether polling requests carry a cache-busting timestamp (default
     *     true)
     * @return this builder
     */
    public Builder timestampRequests(boolean timestampRequests) {
      this.timestampRequests = timestampRequests;
      return this;
    }

    /**
     * The name of the cache-busting parameter (default {@code "t"}).
     *
     * @param timestampParam the name of the cache-busting parameter (default {@code "t"})
     * @return this builder
     */
    public Builder timestampParam(String timestampParam) {
      this.timestampParam = Objects.requireNonNull(timestampParam, "timestampParam");
      return this;
    }

    /**
     * Whether to keep the server's cookies and send them back (sticky sessions).
     *
     * @param withCredentials whether to keep the server's cookies and send them back (sticky
     *     sessions)
     * @return this builder
     */
    public Builder withCredentials(boolean withCredentials) {
      this.withCredentials = withCredentials;
      return this;
    }

    /**
     * Whether the WebSocket transport offers permessage-deflate to the server (default true, as in
     * the Node.js client; the server decides: Node's and Sio's servers accept it only with their
     * own {@code perMessageDeflate} option on). Polling is not affected.
     *
     * @param perMessageDeflate false to never compress WebSocket messages
     * @return this builder
     */
    public Builder perMessageDeflate(boolean perMessageDeflate) {
      this.perMessageDeflate = perMessageDeflate;
      return this;
    }

    /**
     * The smallest message in bytes that is compressed when permessage-deflate is in use (default
     * 1024, the Node.js client's {@code perMessageDeflate.threshold}).
     *
     * @param threshold the size in bytes, at least 0
     * @return this builder
     */
    public Builder perMessageDeflateThreshold(int threshold) {
      this.perMessageDeflateThreshold = threshold;
      return this;
    }

    /**
     * The TLS context (with its trust managers) for {@code https}/{@code wss} URIs.
     *
     * @param sslContext the TLS context (with its trust managers) for {@code https}/{@code wss}
     *     URIs
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /**
     * Whether the server certificate must match the host name (default true).
     *
     * @param hostnameVerification whether the server certificate must match the host name (default
     *     true)
     * @return this builder
     */
    public Builder hostnameVerification(boolean hostnameVerification) {
      this.hostnameVerification = hostnameVerification;
      return this;
    }

    /**
     * Whether to reconnect automatically (default true).
     *
     * @param reconnection whether to reconnect automatically (default true)
     * @return this builder
     */
    public Builder reconnection(boolean reconnection) {
      this.reconnection = reconnection;
      return this;
    }

    /**
     * Attempts before {@code reconnect_failed} (default infinite).
     *
     * @param reconnectionAttempts attempts before {@code reconnect_failed} (default infinite)
     * @return this builder
     */
    public Builder reconnectionAttempts(int reconnectionAttempts) {
      this.reconnectionAttempts = reconnectionAttempts;
      return this;
    }

    /**
     * The first reconnection delay (default 1 s), doubled at each attempt.
     *
     * @param reconnectionDelay the first reconnection delay (default 1 s), doubled at each attempt
     * @return this builder
     */
    public Builder reconnectionDelay(Duration reconnectionDelay) {
      this.reconnectionDelay = Objects.requireNonNull(reconnectionDelay, "reconnectionDelay");
      return this;
    }

    /**
     * The longest reconnection delay (default 5 s).
     *
     * @param reconnectionDelayMax the longest reconnection delay (default 5 s)
     * @return this builder
     */
    public Builder reconnectionDelayMax(Duration reconnectionDelayMax) {
      this.reconnectionDelayMax =
          Objects.requireNonNull(reconnectionDelayMax, "reconnectionDelayMax");
      return this;
    }

    /**
     * The jitter of reconnection delays, from 0 to 1 (default 0.5).
     *
     * @param randomizationFactor the jitter of reconnection delays, from 0 to 1 (default 0.5)
     * @return this builder
     */
    public Builder randomizationFactor(double randomizationFactor) {
      this.randomizationFactor = randomizationFactor;
      return this;
    }

    /**
     * How long a connection attempt may take; null for no limit (default 20 s).
     *
     * @param timeout how long a connection attempt may take; null for no limit (default 20 s)
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Whether sockets connect when created (default true).
     *
     * @param autoConnect whether sockets connect when created (default true)
     * @return this builder
     */
    public Builder autoConnect(boolean autoConnect) {
      this.autoConnect = autoConnect;
      return this;
    }

    /**
     * A fixed CONNECT payload: any value Jackson turns into a JSON object (a {@code Map}, a record,
     * a {@code JsonNode}). Replaces a supplier given before.
     *
     * @param auth a fixed CONNECT payload: any value Jackson turns into a JSON object (a {@code
     *     Map}, a record, a {@code JsonNode})
     * @return this builder
     */
    public Builder auth(Object auth) {
      this.auth = auth;
      this.authSupplier = null;
      return this;
    }

    /**
     * A CONNECT payload computed at each connection and reconnection attempt.
     *
     * @param auth a CONNECT payload computed at each connection and reconnection attempt
     * @return this builder
     */
    public Builder auth(Supplier<?> auth) {
      this.authSupplier = Objects.requireNonNull(auth, "auth");
      this.auth = null;
      return this;
    }

    /**
     * Retries of unacknowledged emits: with a value above 0, every emit waits for an
     * acknowledgement and is sent again (in order, one at a time) until acknowledged or tried
     * {@code retries + 1} times.
     *
     * @param retries retries of unacknowledged emits: with a value above 0, every emit waits for an
     *     acknowledgement and is sent again (in order, one at a time) until acknowledged or tried
     *     {@code retries + 1} times
     * @return this builder
     */
    public Builder retries(int retries) {
      this.retries = retries;
      return this;
    }

    /**
     * The default acknowledgement timeout of emits (none by default).
     *
     * @param ackTimeout the default acknowledgement timeout of emits (none by default)
     * @return this builder
     */
    public Builder ackTimeout(Duration ackTimeout) {
      this.ackTimeout = ackTimeout;
      return this;
    }

    /**
     * The Socket.IO parser: the default JSON one, or the msgpack one from {@code sio-msgpack}.
     *
     * @param parser the Socket.IO parser: the default JSON one, or the msgpack one from {@code
     *     sio-msgpack}
     * @return this builder
     */
    public Builder parser(Parser parser) {
      this.parser = parser;
      return this;
    }

    /**
     * The Jackson mapper for arguments and typed events, used as it is; default {@code
     * JsonParser.defaultMapper()} (java.time, {@code Optional}, dates as JavaScript writes them).
     *
     * @param objectMapper the Jackson mapper for arguments and typed events, used as it is; default
     *     {@code JsonParser.defaultMapper()} (java.time, {@code Optional}, dates as JavaScript
     *     writes them)
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
      return this;
    }

    /**
     * The protocol generation of the server: {@link ClientProtocol#V4} (default) for Socket.IO 3.x
     * and 4.x servers, {@link ClientProtocol#V2} for Socket.IO 2.x servers (Engine.IO v3; npm
     * {@code socket.io-client} 2.x is the Node.js counterpart). With {@code V2}, {@code auth} is
     * refused by {@link #build()} (the v2 protocol has no CONNECT payload: pass such values with
     * {@link #query(String, String)}, which also goes into the CONNECT of every namespace but the
     * main one) and connection state recovery does not exist.
     *
     * @param protocol the generation
     * @return this builder
     */
    public Builder protocol(ClientProtocol protocol) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      return this;
    }

    /**
     * Checks the values and builds the options.
     *
     * @return the client options
     * @throws IllegalArgumentException naming the first invalid value
     */
    public ClientOptions build() {
      if (!path.endsWith("/")) {
        path = path + "/";
      }
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/': " + path);
      }
      if (transports.isEmpty()) {
        throw new IllegalArgumentException("transports must not be empty");
      }
      for (String t : transports) {
        if (!"polling".equals(t) && !"websocket".equals(t)) {
          throw new IllegalArgumentException(
              "unknown transport '" + t + "' (expected polling or websocket)");
        }
      }
      if (perMessageDeflateThreshold < 0) {
        throw new IllegalArgumentException(
            "perMessageDeflateThreshold must be >= 0: " + perMessageDeflateThreshold);
      }
      if (reconnectionAttempts < 0) {
        throw new IllegalArgumentException("reconnectionAttempts must be >= 0");
      }
      requirePositive(reconnectionDelay, "reconnectionDelay");
      requirePositive(reconnectionDelayMax, "reconnectionDelayMax");
      if (randomizationFactor < 0 || randomizationFactor > 1) {
        throw new IllegalArgumentException(
            "randomizationFactor must be between 0 and 1: " + randomizationFactor);
      }
      if (timeout != null) {
        requirePositive(timeout, "timeout");
      }
      if (retries < 0) {
        throw new IllegalArgumentException("retries must be >= 0");
      }
      if (ackTimeout != null) {
        requirePositive(ackTimeout, "ackTimeout");
      }
      if (protocol == ClientProtocol.V2 && (auth != null || authSupplier != null)) {
        throw new IllegalArgumentException(AUTH_WITH_V2);
      }
      return new ClientOptions(this);
    }

    private static void requirePositive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
    }
  }

  /** Why {@code auth} is refused with {@link ClientProtocol#V2}. */
  static final String AUTH_WITH_V2 =
      "auth is not supported by Socket.IO v2 servers (protocol V2 has no CONNECT payload):"
          + " send the values as query parameters";

  private static final class DefaultMapper {
    static final ObjectMapper INSTANCE = JsonParser.defaultMapper();
  }
}
