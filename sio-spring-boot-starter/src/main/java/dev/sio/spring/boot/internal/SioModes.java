package dev.sio.spring.boot.internal;

import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import dev.sio.spring.boot.SioProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/** Decides where the server is served ({@code sio.mode}) and creates it there. */
public final class SioModes {
  /** The Servlet binding's host; present when sio-servlet is on the class path. */
  static final String SERVLET_HOST = "dev.sio.servlet.ServletEngineHost";

  /** The context of an application with an embedded Servlet container (needs spring-web). */
  static final String SERVLET_WEB_SERVER_CONTEXT =
      "org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext";

  private SioModes() {}

  /**
   * {@return the mode to serve in: {@code AUTO} becomes {@code SERVLET} in a Servlet web
   * application with the Servlet binding present, else {@code NETTY}}
   *
   * @param requested the property {@code sio.mode}
   * @param context the application context
   * @throws IllegalStateException when {@code SERVLET} is requested and cannot be served
   */
  public static SioProperties.Mode resolve(
      SioProperties.Mode requested, ApplicationContext context) {
    boolean servletPossible = servletPossible(context);
    return switch (requested) {
      case NETTY -> SioProperties.Mode.NETTY;
      case SERVLET -> {
        if (!servletPossible) {
          throw new IllegalStateException(
              "sio.mode=servlet needs a Servlet web application (spring-boot-starter-web) and the"
                  + " Servlet binding (dev.sio:sio-servlet) on the class path; set sio.mode=netty"
                  + " to serve on Sio's own port");
        }
        yield SioProperties.Mode.SERVLET;
      }
      case AUTO -> servletPossible ? SioProperties.Mode.SERVLET : SioProperties.Mode.NETTY;
    };
  }

  /**
   * {@return a server for {@code options} in {@code mode}}
   *
   * @param mode a resolved mode
   * @param options the options
   * @param servletHost the Servlet host (servlet mode), or null
   */
  public static SocketIoServer create(
      SioProperties.Mode mode, ServerOptions options, ServletHostHolder servletHost) {
    if (mode == SioProperties.Mode.NETTY) {
      return SocketIoServer.create(options);
    }
    if (servletHost == null) {
      throw new IllegalStateException("sio.mode=servlet but the Servlet host was not configured");
    }
    return SocketIoServer.attach(servletHost.host(), options);
  }

  private static boolean servletPossible(ApplicationContext context) {
    ClassLoader loader = context.getClassLoader();
    return ClassUtils.isPresent(SERVLET_HOST, loader)
        && ClassUtils.isPresent(SERVLET_WEB_SERVER_CONTEXT, loader)
        && ClassUtils.resolveClassName(SERVLET_WEB_SERVER_CONTEXT, loader).isInstance(context);
  }
}
