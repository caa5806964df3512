package dev.sio.spring.boot.internal;

import dev.sio.engine.CorsOptions;
import dev.sio.server.RecoveryOptions;
import dev.sio.server.ServerOptions;
import dev.sio.spring.boot.SioProperties;
import java.util.List;

/**
 * Applies the {@code sio.*} properties to a {@link ServerOptions.Builder}; unset ones keep Sio's
 * default.
 */
public final class ServerOptionsMapper {
  private ServerOptionsMapper() {}

  /**
   * Applies {@code p} to {@code b}.
   *
   * @param p the properties
   * @param contextPath the Servlet context path the endpoint lives under ({@code ""} for none or
   *     for the own Netty listener)
   * @param b the builder
   * @return {@code b}
   * @throws IllegalArgumentException when a value is out of range (Sio's builders say which)
   */
  public static ServerOptions.Builder apply(
      SioProperties p, String contextPath, ServerOptions.Builder b) {
    b.path(endpointPath(contextPath, p.getPath()));
    b.host(p.getHost());
    b.port(p.getPort());
    if (p.getPingInterval() != null) {
      b.pingInterval(p.getPingInterval());
    }
    if (p.getPingTimeout() != null) {
      b.pingTimeout(p.getPingTimeout());
    }
    if (p.getMaxHttpBufferSize() != null) {
      b.maxHttpBufferSize(p.getMaxHttpBufferSize());
    }
    if (!p.getTransports().isEmpty()) {
      b.transports(p.getTransports().toArray(String[]::new));
    }
    if (p.getServeClient() != null) {
      b.serveClient(p.getServeClient());
    }
    if (p.getConnectTimeout() != null) {
      b.connectTimeout(p.getConnectTimeout());
    }
    CorsOptions cors = cors(p.getCors());
    if (cors != null) {
      b.cors(cors);
    }
    SioProperties.Recovery recovery = p.getRecovery();
    if (recovery.getMaxDisconnectionDuration() != null) {
      b.connectionStateRecovery(
          new RecoveryOptions(
              recovery.getMaxDisconnectionDuration(), recovery.isSkipMiddlewares()));
    }
    SioProperties.Engine e = p.getEngine();
    if (e.getAllowEio3() != null) {
      b.allowEIO3(e.getAllowEio3());
    }
    b.engine(
        engine -> {
          if (e.getPerMessageDeflate() != null) {
            engine.perMessageDeflate(e.getPerMessageDeflate());
          }
          if (e.getHttpCompression() != null) {
            engine.httpCompression(e.getHttpCompression());
          }
          if (e.getMaxBufferedBytes() != null) {
            engine.maxBufferedBytes(e.getMaxBufferedBytes());
          }
          if (e.getMaxTotalBufferedBytes() != null) {
            engine.maxTotalBufferedBytes(e.getMaxTotalBufferedBytes());
          }
          if (e.getCloseTimeout() != null) {
            engine.closeTimeout(e.getCloseTimeout());
          }
        });
    return b;
  }

  /**
   * {@return the Engine.IO path: {@code contextPath} then {@code path}, with one slash between and
   * a trailing slash (Node compares the raw URL with it)}
   *
   * @param contextPath the context path ({@code ""} or {@code "/app"})
   * @param path the property {@code sio.path}
   */
  public static String endpointPath(String contextPath, String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("sio.path must not be blank");
    }
    String p = path.startsWith("/") ? path : "/" + path;
    if (!p.endsWith("/")) {
      p = p + "/";
    }
    String c = contextPath == null ? "" : contextPath;
    if (c.endsWith("/")) {
      c = c.substring(0, c.length() - 1);
    }
    return c + p;
  }

  /** The CORS options of {@code sio.cors.*}, or null when no origin is set. */
  static CorsOptions cors(SioProperties.Cors cors) {
    List<String> origins = cors.getOrigins();
    if (origins.isEmpty()) {
      return null;
    }
    CorsOptions.Builder b = CorsOptions.builder().credentials(cors.isCredentials());
    if (origins.contains("*")) {
      if (origins.size() > 1) {
        throw new IllegalArgumentException(
            "sio.cors.origins: '*' allows any origin and cannot be listed with others, got "
                + origins);
      }
      b.anyOrigin();
    } else {
      b.origins(origins);
    }
    return b.build();
  }
}
