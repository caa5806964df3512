package dev.sio.webtransport;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link WebTransportListener}: the TLS certificate (QUIC is always TLS 1.3), the UDP
 * port (by default the TCP listener's port number) and the timers.
 *
 * <pre>{@code
 * EphemeralCertificate cert = EphemeralCertificate.generate();
 * WebTransportOptions options = WebTransportOptions.builder()
 *     .certificate(cert.privateKey(), cert.certificate())
 *     .build();
 * }</pre>
 */
public final class WebTransportOptions {
  private final PrivateKey privateKey;
  private final X509Certificate[] chain;
  private final int port;
  private final Duration maxIdleTimeout;
  private final Duration settingsTimeout;
  private final Duration closeTimeout;

  private WebTransportOptions(Builder b) {
    this.privateKey = b.privateKey;
    this.chain = b.chain == null ? null : b.chain.clone();
    this.port = b.port;
    this.maxIdleTimeout = b.maxIdleTimeout;
    this.settingsTimeout = b.settingsTimeout;
    this.closeTimeout = b.closeTimeout;
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the private key of the certificate, or null to use the TCP listener's} */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** {@return the certificate chain, leaf first (a copy), or null to use the TCP listener's} */
  public X509Certificate[] certificateChain() {
    return chain == null ? null : chain.clone();
  }

  /** {@return the UDP port, or -1 for the TCP listener's port number (the default)} */
  public int port() {
    return port;
  }

  /**
   * {@return QUIC's idle timeout (default 60 s); it must exceed {@code pingInterval + pingTimeout}
   * so that Engine.IO's heartbeat, not QUIC, ends silent sessions}
   */
  public Duration maxIdleTimeout() {
    return maxIdleTimeout;
  }

  /** {@return how long a CONNECT waits for the client's SETTINGS (default 2 s)} */
  public Duration settingsTimeout() {
    return settingsTimeout;
  }

  /**
   * {@return how long a server close waits for the client's FIN before closing the QUIC connection
   * (default 2 s, Chromium's own bound)}
   */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /** Builds {@link WebTransportOptions}. */
  public static final class Builder {
    private PrivateKey privateKey;
    private X509Certificate[] chain;
    private int port = -1;
    private Duration maxIdleTimeout = Duration.ofSeconds(60);
    private Duration settingsTimeout = Duration.ofSeconds(2);
    private Duration closeTimeout = Duration.ofSeconds(2);

    private Builder() {}

    /**
     * The TLS certificate. Without one, the TCP listener's own certificate is used ({@code
     * HttpListenerOptions} {@code certificatePem} or {@code keyStore}, as for {@code https} and
     * {@code wss}); QUIC is always TLS 1.3, so one of the two is required. A browser that pins it
     * with {@code serverCertificateHashes} needs an ECDSA certificate valid for at most 14 days
     * ({@link EphemeralCertificate}).
     *
     * @param privateKey the key
     * @param chain the chain, leaf first
     * @return this builder
     */
    public Builder certificate(PrivateKey privateKey, X509Certificate... chain) {
      this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
      this.chain = Objects.requireNonNull(chain, "chain").clone();
      return this;
    }

    /**
     * The UDP port; 0 for any free one, -1 (the default) for the TCP listener's port number.
     *
     * @param port the port
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * See {@link WebTransportOptions#maxIdleTimeout()}.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder maxIdleTimeout(Duration timeout) {
      this.maxIdleTimeout = timeout;
      return this;
    }

    /**
     * See {@link WebTransportOptions#settingsTimeout()}.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder settingsTimeout(Duration timeout) {
      this.settingsTimeout = timeout;
      return this;
    }

    /**
     * See {@link WebTransportOptions#closeTimeout()}.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * {@return the options}
     *
     * @throws IllegalArgumentException when the chain is empty or a value is out of range
     */
    public WebTransportOptions build() {
      if (privateKey != null && chain.length == 0) {
        throw new IllegalArgumentException("the certificate chain is empty");
      }
      if (port < -1 || port > 65535) {
        throw new IllegalArgumentException("port must be -1 (the listener's), 0 or 1-65535");
      }
      positive("maxIdleTimeout", maxIdleTimeout);
      positive("settingsTimeout", settingsTimeout);
      positive("closeTimeout", closeTimeout);
      return new WebTransportOptions(this);
    }

    private static void positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
    }
  }
}
