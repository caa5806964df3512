package dev.sio.engine;

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
    this.allocator = b.allocator;
  }

  /** A builder: all interfaces, port 0 (ephemeral), plain HTTP, Netty's default thread count. */
  public static Builder builder() {
    return new Builder();
  }

  /** The address to bind ({@code 0.0.0.0}, all IPv4 interfaces, by default). */
  public String host() {
    return host;
  }

  /** The port to bind; 0 picks a free one (see {@link HttpListener#port()}). */
  public int port() {
    return port;
  }

  /** The PEM certificate chain, or {@code null}. */
  public Path certificatePem() {
    return certificatePem;
  }

  /** The PEM PKCS#8 private key, or {@code null}. */
  public Path privateKeyPem() {
    return privateKeyPem;
  }

  /** The PKCS12 or JKS key store, or {@code null}. */
  public Path keyStore() {
    return keyStore;
  }

  /** The key store password (a copy), or {@code null}. */
  public char[] keyStorePassword() {
    return keyStorePassword == null ? null : keyStorePassword.clone();
  }

  /** True when TLS is configured (https and wss). */
  public boolean tls() {
    return certificatePem != null || keyStore != null;
  }

  /** Event loop threads; 0 means Netty's default (twice the cores). */
  public int eventLoopThreads() {
    return eventLoopThreads;
  }

  /** Whether native epoll is used when available (default true); NIO otherwise. */
  public boolean nativeTransport() {
    return nativeTransport;
  }

  /**
   * How long an HTTP connection may stay silent while it owes the server a request (none under way,
   * or one half-sent) before it is closed (default 60 s). A pending long-polling GET is never cut;
   * WebSocket connections are watched by the Engine.IO heartbeat instead.
   */
  public java.time.Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * The buffer allocator of the listener's connections, or {@code null} for Netty's default ({@code
   * ByteBufAllocator.DEFAULT}, chosen by {@code -Dio.netty.allocator.type}; see docs/SOAK.md).
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
    private io.netty.buffer.ByteBufAllocator allocator; // null: Netty's default

    private Builder() {}

    /**
     * The buffer allocator of every connection (default {@code null}: Netty's {@code
     * ByteBufAllocator.DEFAULT}); for example a {@code PooledByteBufAllocator} sized to the event
     * loops, whose retained memory is bounded by its arenas and caches.
     */
    public Builder allocator(io.netty.buffer.ByteBufAllocator allocator) {
      this.allocator = allocator;
      return this;
    }

    /** Idle HTTP connections are closed after this (default 60 s); see {@link #idleTimeout()}. */
    public Builder idleTimeout(java.time.Duration idleTimeout) {
      this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
      return this;
    }

    /** The address to bind; {@code "127.0.0.1"} for loopback only. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port (0 = ephemeral). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** TLS from a PEM certificate chain and an unencrypted PEM PKCS#8 private key. */
    public Builder tlsPem(Path certificateChain, Path privateKey) {
      this.certificatePem = Objects.requireNonNull(certificateChain, "certificateChain");
      this.privateKeyPem = Objects.requireNonNull(privateKey, "privateKey");
      return this;
    }

    /** TLS from a PKCS12 or JKS key store (the type is detected) holding one key entry. */
    public Builder tlsKeyStore(Path keyStore, char[] password) {
      this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
      this.keyStorePassword = Objects.requireNonNull(password, "password").clone();
      return this;
    }

    /** Event loop threads (0 = Netty's default). */
    public Builder eventLoopThreads(int threads) {
      this.eventLoopThreads = threads;
      return this;
    }

    /** Use native epoll when available (default true). */
    public Builder nativeTransport(boolean nativeTransport) {
      this.nativeTransport = nativeTransport;
      return this;
    }

    /** Validates and builds. */
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
      if (certificatePem != null && keyStore != null) {
        throw new IllegalArgumentException("set either tlsPem or tlsKeyStore, not both");
      }
      return new HttpListenerOptions(this);
    }
  }
}
