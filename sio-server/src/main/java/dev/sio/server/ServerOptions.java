package dev.sio.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.netty.HttpListenerOptions;
import dev.sio.protocol.socketio.JsonParser;
import dev.sio.protocol.socketio.Parser;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The options of a {@link SocketIoServer}, with Node's names and defaults. Immutable; made by
 * {@link #builder()}.
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder()
 *     .port(3000)
 *     .connectionStateRecovery(RecoveryOptions.defaults())
 *     .build();
 * }</pre>
 */
public final class ServerOptions {
  private final boolean serveClient;
  private final Duration connectTimeout;
  private final Parser parser;
  private final RecoveryOptions connectionStateRecovery;
  private final boolean cleanupEmptyChildNamespaces;
  private final AdapterFactory adapter;
  private final ObjectMapper objectMapper;
  private final EngineOptions engine;
  private final HttpListenerOptions listener;
  private final int warmUpConnections;

  private ServerOptions(Builder b) {
    this.engine = b.engine.build();
    this.listener = b.listener.build();
    this.serveClient = b.serveClient;
    this.connectTimeout = b.connectTimeout;
    this.objectMapper = b.objectMapper != null ? b.objectMapper : JsonParser.defaultMapper();
    this.parser = b.parser != null ? b.parser : JsonParser.create(objectMapper);
    this.connectionStateRecovery = b.connectionStateRecovery;
    this.cleanupEmptyChildNamespaces = b.cleanupEmptyChildNamespaces;
    this.adapter = b.adapter;
    this.warmUpConnections = b.warmUpConnections;
  }

  /** The default of {@link Builder#warmUpConnections(int)}. */
  public static final int DEFAULT_WARM_UP = 500;

  /** The system property that changes {@link #DEFAULT_WARM_UP} ({@code 0}: no warm-up). */
  public static final String WARM_UP_PROPERTY = "sio.warmUpConnections";

  /** {@return a builder with Node's defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Node's defaults.
   *
   * @return the new server options
   */
  public static ServerOptions defaults() {
    return builder().build();
  }

  /** {@return whether the official client bundle is served under the path (default true)} */
  public boolean serveClient() {
    return serveClient;
  }

  /** {@return how long a connection may stay without joining a namespace (default 45 s)} */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** {@return the Socket.IO parser (default: JSON)} */
  public Parser parser() {
    return parser;
  }

  /** {@return connection state recovery, or {@code null} when off (the default)} */
  public RecoveryOptions connectionStateRecovery() {
    return connectionStateRecovery;
  }

  /**
   * {@return whether a dynamic child namespace is removed when its last socket leaves (default
   * false)}
   */
  public boolean cleanupEmptyChildNamespaces() {
    return cleanupEmptyChildNamespaces;
  }

  /**
   * Makes each namespace's adapter (default: {@link InMemoryAdapter}).
   *
   * @return the adapter factory
   */
  public AdapterFactory adapter() {
    return adapter;
  }

  /**
   * Binds typed events and turns emitted values into JSON.
   *
   * @return the object mapper
   */
  public ObjectMapper objectMapper() {
    return objectMapper;
  }

  /** {@return the Engine.IO options (path default {@code "/socket.io/"}, Node's other defaults)} */
  public EngineOptions engine() {
    return engine;
  }

  /** {@return the options of the server's own listener (standalone mode): host, port, TLS} */
  public HttpListenerOptions listener() {
    return listener;
  }

  /**
   * {@return connections that warm the connection path up before the JVM's first start (0: none)}
   */
  public int warmUpConnections() {
    return warmUpConnections;
  }

  /** {@return the path, for example {@code "/socket.io/"} (always ends with a slash)} */
  public String path() {
    return engine.path();
  }

  /** Builds {@link ServerOptions}. */
  public static final class Builder {
    private boolean serveClient = true;
    private Duration connectTimeout = Duration.ofMillis(45_000);
    private Parser parser;
    private RecoveryOptions connectionStateRecovery;
    private boolean cleanupEmptyChildNamespaces;
    private AdapterFactory adapter = InMemoryAdapter::new;
    private ObjectMapper objectMapper;
    private final EngineOptions.Builder engine = EngineOptions.builder().path("/socket.io/");
    private final HttpListenerOptions.Builder listener = HttpListenerOptions.builder();
    private int warmUpConnections = Integer.getInteger(WARM_UP_PROPERTY, DEFAULT_WARM_UP);

    private Builder() {}

    /**
     * The path the server answers under (default {@code "/socket.io/"}).
     *
     * @param value the path the server answers under (default {@code "/socket.io/"})
     * @return this builder
     */
    public Builder path(String value) {
      engine.path(value);
      return this;
    }

    /**
     * Engine.IO {@code pingInterval} (default 25 s).
     *
     * @param value Engine.IO {@code pingInterval} (default 25 s)
     * @return this builder
     */
    public Builder pingInterval(Duration value) {
      engine.pingInterval(value);
      return this;
    }

    /**
     * Engine.IO {@code pingTimeout} (default 20 s).
     *
     * @param value Engine.IO {@code pingTimeout} (default 20 s)
     * @return this builder
     */
    public Builder pingTimeout(Duration value) {
      engine.pingTimeout(value);
      return this;
    }

    /**
     * Engine.IO {@code maxHttpBufferSize}, the largest message accepted (default 1 MB).
     *
     * @param bytes Engine.IO {@code maxHttpBufferSize}, the largest message accepted (default 1 MB)
     * @return this builder
     */
    public Builder maxHttpBufferSize(int bytes) {
      engine.maxHttpBufferSize(bytes);
      return this;
    }

    /**
     * Engine.IO {@code transports} (default polling and websocket).
     *
     * @param value Engine.IO {@code transports} (default polling and websocket)
     * @return this builder
     */
    public Builder transports(String... value) {
      engine.transports(value);
      return this;
    }

    /**
     * CORS for the polling transport and the client bundle.
     *
     * @param value CORS for the polling transport and the client bundle
     * @return this builder
     */
    public Builder cors(CorsOptions value) {
      engine.cors(value);
      return this;
    }

    /**
     * Serves Socket.IO v2 clients (Engine.IO v3, {@code EIO=3}) beside v3+ ones (default false, as
     * Node's {@code allowEIO3}); see {@link EngineOptions#allowEIO3()}.
     *
     * @param value serves Socket.IO v2 clients (Engine.IO v3, {@code EIO=3}) beside v3+ ones
     *     (default false, as Node's {@code allowEIO3}); see {@link EngineOptions#allowEIO3()}
     * @return this builder
     */
    public Builder allowEIO3(boolean value) {
      engine.allowEIO3(value);
      return this;
    }

    /**
     * Sets any other Engine.IO option on the engine options builder.
     *
     * @param customizer sets any other Engine.IO option on the engine options builder
     * @return this builder
     */
    public Builder engine(Consumer<EngineOptions.Builder> customizer) {
      customizer.accept(engine);
      return this;
    }

    /**
     * The host of the server's own listener (default {@code 0.0.0.0}).
     *
     * @param value the host of the server's own listener (default {@code 0.0.0.0})
     * @return this builder
     */
    public Builder host(String value) {
      listener.host(value);
      return this;
    }

    /**
     * The port of the server's own listener ({@code 0}: an ephemeral port).
     *
     * @param value the port of the server's own listener ({@code 0}: an ephemeral port)
     * @return this builder
     */
    public Builder port(int value) {
      listener.port(value);
      return this;
    }

    /**
     * Sets any other listener option (TLS, event loop threads).
     *
     * @param customizer sets any other listener option (TLS, event loop threads)
     * @return this builder
     */
    public Builder listener(Consumer<HttpListenerOptions.Builder> customizer) {
      customizer.accept(listener);
      return this;
    }

    /**
     * Serve the official client bundle at {@code <path>/socket.io.js} and friends.
     *
     * @param value serve the official client bundle at {@code <path>/socket.io.js} and friends
     * @return this builder
     */
    public Builder serveClient(boolean value) {
      this.serveClient = value;
      return this;
    }

    /**
     * How long a connection may stay without joining a namespace before it is closed.
     *
     * @param value how long a connection may stay without joining a namespace before it is closed
     * @return this builder
     */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
      return this;
    }

    /**
     * The Socket.IO parser, for example {@code MsgpackParser.create()}.
     *
     * @param value the Socket.IO parser, for example {@code MsgpackParser.create()}
     * @return this builder
     */
    public Builder parser(Parser value) {
      this.parser = Objects.requireNonNull(value, "parser");
      return this;
    }

    /**
     * Turns connection state recovery on ({@code null}: off).
     *
     * @param value turns connection state recovery on ({@code null}: off)
     * @return this builder
     */
    public Builder connectionStateRecovery(RecoveryOptions value) {
      this.connectionStateRecovery = value;
      return this;
    }

    /**
     * Turns connection state recovery on with {@code maxDisconnectionDuration}, skipping
     * middlewares.
     *
     * @param maxDisconnectionDuration turns connection state recovery on with {@code
     *     maxDisconnectionDuration}, skipping middlewares
     * @return the new builder
     */
    public Builder connectionStateRecovery(Duration maxDisconnectionDuration) {
      return connectionStateRecovery(new RecoveryOptions(maxDisconnectionDuration, true));
    }

    /**
     * Remove a dynamic child namespace when its last socket leaves.
     *
     * @param value remove a dynamic child namespace when its last socket leaves
     * @return this builder
     */
    public Builder cleanupEmptyChildNamespaces(boolean value) {
      this.cleanupEmptyChildNamespaces = value;
      return this;
    }

    /**
     * Makes each namespace's adapter, for example a Redis adapter.
     *
     * @param value makes each namespace's adapter, for example a Redis adapter
     * @return this builder
     */
    public Builder adapter(AdapterFactory value) {
      this.adapter = Objects.requireNonNull(value, "adapter");
      return this;
    }

    /**
     * The Jackson mapper for typed events and emitted values (and the default JSON parser), used as
     * it is; default {@link JsonParser#defaultMapper()} (java.time, {@code Optional}, dates as
     * JavaScript writes them). Start from {@link JsonParser#newMapper()} to keep those.
     *
     * @param value the Jackson mapper for typed events and emitted values (and the default JSON
     *     parser), used as it is; default {@link JsonParser#defaultMapper()} (java.time, {@code
     *     Optional}, dates as JavaScript writes them)
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper value) {
      this.objectMapper = Objects.requireNonNull(value, "objectMapper");
      return this;
    }

    /**
     * How many in-process WebSocket connections warm the connection path up before the first server
     * of this JVM starts listening (default {@value #DEFAULT_WARM_UP}, or the system property
     * {@value #WARM_UP_PROPERTY}; {@code 0}: none). They go to a private server on an ephemeral
     * port of {@code 127.0.0.1} (no handler, middleware or adapter of this server sees them) and
     * take at most 2 s of CPU and 4 s; then the start waits, at most 1 s, for the JIT compiler to
     * finish what they queued. A fresh JVM's first connections (the reconnection storm after a
     * restart) then meet loaded classes and compiled code.
     *
     * @param value the number of warm-up connections ({@code 0}: none)
     * @return this builder
     */
    public Builder warmUpConnections(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("warmUpConnections must be >= 0, got " + value);
      }
      this.warmUpConnections = value;
      return this;
    }

    /**
     * Checks and builds the options.
     *
     * @return the server options
     */
    public ServerOptions build() {
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException(
            "connectTimeout must be positive, got " + connectTimeout);
      }
      return new ServerOptions(this);
    }
  }
}
