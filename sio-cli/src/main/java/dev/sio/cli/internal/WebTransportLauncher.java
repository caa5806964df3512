package dev.sio.cli.internal;

import dev.sio.engine.HttpReply;
import dev.sio.engine.HttpRoute;
import dev.sio.engine.netty.HttpListener;
import dev.sio.webtransport.EphemeralCertificate;
import dev.sio.webtransport.WebTransportListener;
import dev.sio.webtransport.WebTransportOptions;
import java.nio.charset.StandardCharsets;

/**
 * {@code --webtransport}: a certificate made at start ({@link EphemeralCertificate}, 13 days) and a
 * {@link WebTransportListener} beside a started listener, on the UDP port of the same number; the
 * page learns the certificate's hash from {@link #PATH}.
 */
public final class WebTransportLauncher implements AutoCloseable {
  /** Where the demo serves {@code {"hash":"<base64 SHA-256>"}}. */
  public static final String PATH = "/webtransport.json";

  private final EphemeralCertificate certificate = EphemeralCertificate.generate();
  private volatile WebTransportListener listener; // set once by start

  /** {@return the certificate} */
  public EphemeralCertificate certificate() {
    return certificate;
  }

  /** {@return the route answering {@link #PATH} with the certificate's hash as JSON} */
  public HttpRoute hashRoute() {
    byte[] json =
        ("{\"hash\":\"" + certificate.hashBase64() + "\"}").getBytes(StandardCharsets.UTF_8);
    return request -> PATH.equals(request.path()) ? HttpReply.ok("application/json", json) : null;
  }

  /**
   * Starts WebTransport beside {@code http} (started).
   *
   * @param http the listener
   * @return this
   */
  public WebTransportLauncher start(HttpListener http) {
    listener =
        WebTransportListener.start(
            http,
            WebTransportOptions.builder()
                .certificate(certificate.privateKey(), certificate.certificate())
                .build());
    return this;
  }

  /** {@return the line that tells where WebTransport listens and which certificate it has} */
  public String announcement() {
    return "webtransport: udp "
        + listener.localAddress().getHostString()
        + ":"
        + listener.port()
        + ", certificate sha-256 "
        + certificate.hashBase64()
        + " ("
        + certificate.hashHex()
        + "), valid until "
        + certificate.notAfter();
  }

  @Override
  public void close() {
    WebTransportListener l = listener;
    if (l != null) {
      l.close();
    }
  }
}
