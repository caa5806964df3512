package dev.sio.servlet;

import java.net.URI;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** An embedded Jetty 12 ee10 on 127.0.0.1 with a {@link ServletEngineHost} installed. */
final class JettyHost implements AutoCloseable {
  final Server server;
  final ServerConnector connector;
  volatile ServletEngineHost host;

  JettyHost(ServletHostOptions options, Consumer<ServletEngineHost> setup) throws Exception {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler ctx = new ServletContextHandler("/");
    JakartaWebSocketServletContainerInitializer.configure(ctx, null);
    ctx.addEventListener(
        new jakarta.servlet.ServletContextListener() {
          @Override
          public void contextInitialized(jakarta.servlet.ServletContextEvent event) {
            host = ServletEngineHost.install(event.getServletContext(), options);
            setup.accept(host);
          }
        });
    server.setHandler(ctx);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
  }

  @Override
  public void close() throws Exception {
    if (host != null) {
      host.close();
    }
    server.stop();
  }
}
