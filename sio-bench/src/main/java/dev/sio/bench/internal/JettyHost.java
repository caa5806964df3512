package dev.sio.bench.internal;

import dev.sio.servlet.ServletEngineHost;
import dev.sio.servlet.ServletHostOptions;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Jetty;

/**
 * Embedded Jetty 12 ee10 with its default thread pool, acceptors and selectors on {@code
 * 127.0.0.1}, and the listen backlog of the Netty listener (1024).
 */
public final class JettyHost implements ContainerHost {
  private final Server server;
  private final ServerConnector connector;
  private final ServletEngineHost host;

  private JettyHost(Server server, ServerConnector connector, ServletEngineHost host) {
    this.server = server;
    this.connector = connector;
    this.host = host;
  }

  /**
   * Starts Jetty on {@code port} (0: any free one); {@code serve} attaches the servers to the host
   * while the context starts.
   */
  public static JettyHost start(
      int port, ServletHostOptions options, Consumer<ServletEngineHost> serve) {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    ServletContextHandler ctx = new ServletContextHandler("/");
    ServletEngineHost[] host = new ServletEngineHost[1];
    JakartaWebSocketServletContainerInitializer.configure(ctx, null);
    ctx.addEventListener(
        new ServletContextListener() {
          @Override
          public void contextInitialized(ServletContextEvent event) {
            host[0] = ServletEngineHost.install(event.getServletContext(), options);
            serve.accept(host[0]);
          }
        });
    server.setHandler(ctx);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not start", e);
    }
    if (host[0] == null) {
      throw new IllegalStateException("Jetty did not start the context");
    }
    return new JettyHost(server, connector, host[0]);
  }

  @Override
  public ServletEngineHost host() {
    return host;
  }

  @Override
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public String version() {
    return "jetty-" + Jetty.VERSION;
  }

  @Override
  public void close() {
    host.close();
    try {
      server.stop();
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
