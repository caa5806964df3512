package dev.sio.webtransport.internal;

import dev.sio.engine.netty.HttpListenerOptions;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;

/**
 * The QUIC server's TLS 1.3 context (QUIC has no other): from the certificate given to the
 * WebTransport options, else from the TCP listener's own TLS options (the same PEM files or key
 * store that serve {@code https} and {@code wss}).
 */
public final class QuicTls {
  private QuicTls() {}

  /**
   * {@return the server context}
   *
   * @param privateKey the key given to the WebTransport options, or null
   * @param chain its chain, leaf first, or null
   * @param listener the TCP listener's options
   * @throws IllegalStateException when neither has a certificate
   * @throws UncheckedIOException when the listener's certificate cannot be read
   */
  public static QuicSslContext serverContext(
      PrivateKey privateKey, X509Certificate[] chain, HttpListenerOptions listener) {
    QuicSslContextBuilder builder;
    if (privateKey != null) {
      builder = QuicSslContextBuilder.forServer(privateKey, null, chain);
    } else if (listener.certificatePem() != null) {
      builder =
          QuicSslContextBuilder.forServer(
              listener.privateKeyPem().toFile(), null, listener.certificatePem().toFile());
    } else if (listener.keyStore() != null) {
      builder = QuicSslContextBuilder.forServer(keyManagers(listener), null);
    } else {
      throw new IllegalStateException(
          "WebTransport needs a certificate: give WebTransportOptions.certificate(...), or serve"
              + " the HttpListener over TLS (HttpListenerOptions certificatePem or keyStore)");
    }
    try {
      return builder.applicationProtocols(Http3.supportedApplicationProtocols()).build();
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(
          new IOException("cannot load the WebTransport certificate: " + e.getMessage(), e));
    }
  }

  private static KeyManagerFactory keyManagers(HttpListenerOptions listener) {
    try {
      char[] password = listener.keyStorePassword();
      KeyStore ks = KeyStore.getInstance(listener.keyStore().toFile(), password);
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password);
      return kmf;
    } catch (IOException | GeneralSecurityException e) {
      throw new UncheckedIOException(
          new IOException("cannot load the TLS key store: " + e.getMessage(), e));
    }
  }
}
