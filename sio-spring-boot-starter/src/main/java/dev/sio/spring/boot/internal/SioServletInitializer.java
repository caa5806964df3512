package dev.sio.spring.boot.internal;

import dev.sio.servlet.ServletEngineHost;
import dev.sio.servlet.ServletHostOptions;
import dev.sio.spring.boot.SioProperties;
import jakarta.servlet.ServletContext;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ApplicationContext;

/**
 * Installs the Servlet binding ({@link ServletEngineHost}) in the embedded container while its
 * context starts, when {@code sio.mode} resolves to {@code servlet}; the {@code SocketIoServer}
 * bean attaches to it afterwards.
 */
public final class SioServletInitializer implements ServletContextInitializer {
  private final SioProperties properties;
  private final ApplicationContext context;
  private final ServletHostHolder holder;

  /**
   * An initializer.
   *
   * @param properties the {@code sio.*} properties
   * @param context the application context
   * @param holder where the host goes
   */
  public SioServletInitializer(
      SioProperties properties, ApplicationContext context, ServletHostHolder holder) {
    this.properties = properties;
    this.context = context;
    this.holder = holder;
  }

  @Override
  public void onStartup(ServletContext servletContext) {
    if (SioModes.resolve(properties.getMode(), context) != SioProperties.Mode.SERVLET) {
      return;
    }
    ServletEngineHost host = ServletEngineHost.install(servletContext, hostOptions(properties));
    holder.installed(host, host);
  }

  /** {@return the host options of {@code sio.servlet.*}} */
  static ServletHostOptions hostOptions(SioProperties properties) {
    SioProperties.Servlet s = properties.getServlet();
    ServletHostOptions.Builder b = ServletHostOptions.builder();
    if (s.getLoopThreads() != null) {
      b.loopThreads(s.getLoopThreads());
    }
    if (s.getWriteBufferHighWaterMark() != null) {
      b.writeBufferHighWaterMark(s.getWriteBufferHighWaterMark());
    }
    if (s.getWriteBufferLowWaterMark() != null) {
      b.writeBufferLowWaterMark(s.getWriteBufferLowWaterMark());
    }
    if (s.getInboundBacklogBytes() != null) {
      b.inboundBacklogBytes(s.getInboundBacklogBytes());
    }
    return b.build();
  }
}
