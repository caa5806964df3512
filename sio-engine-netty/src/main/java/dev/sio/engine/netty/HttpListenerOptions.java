package dev.sio.engine.netty;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of an {@link HttpListener}: where it listens, TLS, and its event loop threads.
 *
 * <pre>{@code
 * HttpListenerOptions.builder().host("127.0.0.1").port(3000).build()
 * HttpListenerOptions.builder().port(8443).tlsPem(certPem, keyPem).build()
 * }</pre>
 */
public final class HttpListenerOptions {
  private final String host;
  private final int port;
  private final Path certificatePem;
  private final Path privateKeyPem;
  private final Path keyStore;
  private final char[] keyStorePassword;
  private final int eventLoopThreads;
  private final boolean nativeTransport;
  private final java.time.Duration idleTimeout;
  private final java.time.Duration headersTimeout;
  private final java.time.Duration requestTimeout;
  private final java.time.Duration keepAliveTimeout;
  private final int writeBufferLowWaterMark;
  private final int writeBufferHighWaterMark;
  private final int maxPipelinedRequests;
  private final io.netty.buffer.ByteBufAllocator allocator;

  private HttpListenerOptions(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.certificatePem = b.certificatePem;
    this.privateKeyPem = b.privateKeyPem;
    this.keyStore = b.keyStore;
    this.keyStorePassword = b.keyStorePassword == null ? null : b.keyStorePassword.clone();
    this.eventLoopThreads = b.eventLoopThreads;
    this.nativeTransport = b.nativeTransport;
    this.idleTimeout = b.idleTimeout;
    this.headersTimeout = b.headersTimeout;
    this.requestTimeout = b.requestTimeout;
    this.keepAliveTimeout = b.keepAliveTimeout;
    this.writeBufferLowWaterMark = b.writeBufferLowWaterMark;
    this.writeBufferHighWaterMark = b.writeBufferHighWaterMark;
    this.maxPipelinedRequests = b.maxPipelinedRequests;
    this.allocator = b.allocator;
  }

  /**
   * {@return a builder: all interfaces, port 0 (ephemeral), plain HTTP, one event loop per
   * processor}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the address to bind ({@code 0.0.0.0}, all IPv4 interfaces, by default)} */
  public String host() {
    return host;
  }

  /** {@return the port to bind; 0 picks a free one (see {@link HttpListener#port()})} */
  public int port() {
    return port;
  }

  /** {@return the PEM certificate chain, or {@code null}} */
  public Path certificatePem() {
    return certificatePem;
  }

  /** {@return the PEM PKCS#8 private key, or {@code null}} */
  public Path privateKeyPem() {
    return privateKeyPem;
  }

  /** {@return the PKCS12 or JKS key store, or {@code null}} */
  public Path keyStore() {
    return keyStore;
  }

  /** {@return the key store password (a copy), or {@code null}} */
  public char[] keyStorePassword() {
    return keyStorePassword == null ? null : keyStorePassword.clone();
  }

  /** {@return true when TLS is configured (https and wss)} */
  public boolean tls() {
    return certificatePem != null || keyStore != null;
  }

  /**
   * {@return event loop threads; 0 (the default) means one per available processor ({@code
   * io.netty.eventLoopThreads} when that system property is set), not Netty's two per processor}
   */
  public int eventLoopThreads() {
    return eventLoopThreads;
  }

  /** {@return whether native epoll is used when available (default true); NIO otherwise} */
  public boolean nativeTransport() {
    return nativeTransport;
  }

  /**
   * {@return how long an HTTP connection may make no progress while the server waits on the client
   * before it is closed without an answer (default 60 s, Node's {@code server.timeout}): no byte of
   * a request, or a response the client does not read (the connection's write buffer stays above
   * its high-water mark)} A pending long-polling GET is never cut; WebSocket connections are
   * watched by the Engine.IO heartbeat instead.
   */
  public java.time.Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * {@return how long the head of a request (request line and headers) may take to arrive, from its
   * first byte; for a new connection, from the connection (default 20 s; Node's {@code
   * headersTimeout} is 60 s)} Not reset by each byte. On expiry: {@code 408 Request Timeout} and
   * the connection closes.
   */
  public java.time.Duration headersTimeout() {
    return headersTimeout;
  }

  /**
   * {@return how long a whole request (head and body) may take to arrive, from its first byte
   * (default 30 s; Node's {@code requestTimeout} is 300 s); zero disables it} The time the server
   * takes to answer (a long-polling GET) does not count. On expiry: {@code 408 Request Timeout},
   * the connection closes, and nothing of a partial body is delivered.
   */
  public java.time.Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * {@return how long a keep-alive connection may stay idle between an answer and the next request
   * before it is closed without an answer (default 5 s, as Node's {@code keepAliveTimeout})}
   */
  public java.time.Duration keepAliveTimeout() {
    return keepAliveTimeout;
  }

  /**
   * {@return bytes queued for a connection above which it stops being writable (default 64 KiB,
   * Netty's): the listener then stops reading from it (no further pipelined request, no further
   * WebSocket frame) until the queue drains below {@link #writeBufferLowWaterMark()}}
   */
  public int writeBufferHighWaterMark() {
    return writeBufferHighWaterMark;
  }

  /** {@return bytes queued below which a connection is writable again (default 32 KiB, Netty's)} */
  public int writeBufferLowWaterMark() {
    return writeBufferLowWaterMark;
  }

  /**
   * {@return how many complete requests may wait on one connection behind the one being answered
   * (HTTP/1.1 pipelining; default 1024)} Requests are answered one at a time, in order; past this
   * the rest of the input is ignored and the connection closes once the waiting requests are
   * answered.
   */
  public int maxPipelinedRequests() {
    return maxPipelinedRequests;
  }

  /**
   * {@return the buffer allocator of the listener's connections, or {@code null} for Netty's
   * default ({@code ByteBufAllocator.DEFAULT}, chosen by {@code -Dio.netty.allocator.type}; see
   * docs/SOAK.md)}
   */
  public io.netty.buffer.ByteBufAllocator allocator() {
    return allocator;
  }

  /** Builds {@link HttpListenerOptions}. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port;
    private Path certificatePem;
    private Path privateKeyPem;
    private Path keyStore;
    private char[] keyStorePassword;
    private int eventLoopThreads;
    private boolean nativeTransport = true;
    private java.time.Duration idleTimeout = java.time.Duration.ofSeconds(60);
    private java.time.Duration headersTimeout = java.time.Duration.ofSeconds(20);
    private java.time.Duration requestTimeout = java.time.Duration.ofSeconds(30);
    private java.time.Duration keepAliveTimeout = java.time.Duration.ofSeconds(5);
    private int writeBufferLowWaterMark = 32 * 1024;
    private int writeBufferHighWaterMark = 64 * 1024;
    private int maxPipelinedRequests = 1024;
    private io.netty.buffer.ByteBufAllocator allocator; // null: Netty's default

    private Builder() {}

    /**
     * The buffer allocator of every connection (default {@code null}: Netty's {@code
     * ByteBufAllocator.DEFAULT}); for example a {@code PooledByteBufAllocator} sized to the event
     * loops, whose retained memory is bounded by its arenas and caches.
     *
     * @param allocator the buffer allocator of every connection (default {@code null}: Netty's
     *     {@code ByteBufAllocator.DEFAULT}); for example a {@code PooledByteBufAllocator} sized to
     *     the event loops, whose retained memory is bounded by its arenas and caches
     * @return this builder
     */
    public Builder allocator(io.netty.buffer.ByteBufAllocator allocator) {
      this.allocator = allocator;
      return this;
    }

    /**
     * Idle HTTP connections are closed after this (default 60 s); see {@link #idleTimeout()}.
     *
     * @param idleTimeout idle HTTP connections are closed after this (default 60 s); see {@link
     *     #idleTimeout()}
     * @return this builder
     */
    public Builder idleTimeout(java.time.Duration idleTimeout) {
      this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
      return this;
    }

    /**
     * The deadline of a request's head (default 20 s); see {@link #headersTimeout()}.
     *
     * @param headersTimeout the deadline of a request's head (default 20 s); see {@link
     *     #headersTimeout()}
     * @return this builder
     */
    public Builder headersTimeout(java.time.Duration headersTimeout) {
      this.headersTimeout = Objects.requireNonNull(headersTimeout, "headersTimeout");
      return this;
    }

    /**
     * The deadline of a whole request (default 30 s, 0 = none); see {@link #requestTimeout()}.
     *
     * @param requestTimeout the deadline of a whole request (default 30 s, 0 = none); see {@link
     *     #requestTimeout()}
     * @return this builder
     */
    public Builder requestTimeout(java.time.Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Idle time between requests (default 5 s); see {@link #keepAliveTimeout()}.
     *
     * @param keepAliveTimeout idle time between requests (default 5 s); see {@link
     *     #keepAliveTimeout()}
     * @return this builder
     */
    public Builder keepAliveTimeout(java.time.Duration keepAliveTimeout) {
      this.keepAliveTimeout = Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
      return this;
    }

    /**
     * The write buffer water marks in bytes (default 32 KiB and 64 KiB).
     *
     * @param low the low water mark
     * @param high the high water mark
     * @return this builder
     */
    public Builder writeBufferWaterMark(int low, int high) {
      this.writeBufferLowWaterMark = low;
      this.writeBufferHighWaterMark = high;
      return this;
    }

    /**
     * Requests that may wait behind the one being answered (default 1024).
     *
     * @param maxPipelinedRequests requests that may wait behind the one being answered (default
     *     1024)
     * @return this builder
     */
    public Builder maxPipelinedRequests(int maxPipelinedRequests) {
      this.maxPipelinedRequests = maxPipelinedRequests;
      return this;
    }

    /**
     * The address to bind; {@code "127.0.0.1"} for loopback only.
     *
     * @param host the address to bind; {@code "127.0.0.1"} for loopback only
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The port (0 = ephemeral).
     *
     * @param port the port (0 = ephemeral)
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * TLS from a PEM certificate chain and an unencrypted PEM PKCS#8 private key.
     *
     * @param certificateChain the certificate chain
     * @param privateKey the private key
     * @return this builder
     */
    public Builder tlsPem(Path certificateChain, Path privateKey) {
      this.certificatePem = Objects.requireNonNull(certificateChain, "certificateChain");
      this.privateKeyPem = Objects.requireNonNull(privateKey, "privateKey");
      return this;
    }

    /**
     * TLS from a PKCS12 or JKS key store (the type is detected) holding one key entry.
     *
     * @param keyStore the key store
     * @param password the password
     * @return this builder
     */
    public Builder tlsKeyStore(Path keyStore, char[] password) {
      this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
      this.keyStorePassword = Objects.requireNonNull(password, "password").clone();
      return this;
    }

    /**
     * Event loop threads (0, the default: one per available processor).
     *
     * @param threads event loop threads (0: one per available processor)
     * @return this builder
     */
    public Builder eventLoopThreads(int threads) {
      this.eventLoopThreads = threads;
      return this;
    }

    /**
     * Use native epoll when available (default true).
     *
     * @param nativeTransport use native epoll when available (default true)
     * @return this builder
     */
    public Builder nativeTransport(boolean nativeTransport) {
      this.nativeTransport = nativeTransport;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the http listener options
     */
    public HttpListenerOptions build() {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      if (eventLoopThreads < 0) {
        throw new IllegalArgumentException(
            "eventLoopThreads must not be negative, got " + eventLoopThreads);
      }
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
      }
      positive("headersTimeout", headersTimeout);
      positive("keepAliveTimeout", keepAliveTimeout);
      if (requestTimeout.isNegative()) {
        throw new IllegalArgumentException(
            "requestTimeout must not be negative (zero disables it), got " + requestTimeout);
      }
      if (!requestTimeout.isZero() && headersTimeout.compareTo(requestTimeout) > 0) {
        throw new IllegalArgumentException(
            "headersTimeout ("
                + headersTimeout
                + ") must not be longer than requestTimeout ("
                + requestTimeout
                + ")");
      }
      if (writeBufferLowWaterMark < 1 || writeBufferHighWaterMark < writeBufferLowWaterMark) {
        throw new IllegalArgumentException(
            "writeBufferWaterMark needs 0 < low <= high, got low "
                + writeBufferLowWaterMark
                + " and high "
                + writeBufferHighWaterMark);
      }
      if (maxPipelinedRequests < 0) {
        throw new IllegalArgumentException(
            "maxPipelinedRequests must not be negative, got " + maxPipelinedRequests);
      }
      if (certificatePem != null && keyStore != null) {
        throw new IllegalArgumentException("set either tlsPem or tlsKeyStore, not both");
      }
      return new HttpListenerOptions(this);
    }

    private static void positive(String name, java.time.Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
    }
  }
}
