package dev.sio.container.jetty;

import dev.sio.server.internal.ConformanceFixture;
import dev.sio.servlet.ServletEngineHost;
import dev.sio.servlet.ServletHostOptions;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The conformance fixture ({@link ConformanceFixture#serve}: the Engine.IO echo at {@code
 * /engine.io/} and the suite's Socket.IO server at {@code /socket.io/}) inside embedded Jetty 12
 * ee10, on {@code 127.0.0.1}. One Sio loop and a pool of 8 threads, as the suites send two requests
 * of one session on two connections at once and expect them in order (risk 12); no {@code Server}
 * header. {@code ./sio fixture --container jetty [--port N] [--allow-eio3]} runs {@link #main}.
 */
public final class JettyFixture implements ConformanceFixture.Running {
  /** The pool's maximum here, the acceptor and the selector included (SERVLET.md §4.4). */
  public static final int THREADS = 8;

  /** The system property that overrides {@link #THREADS} (to measure other pools). */
  public static final String THREADS_PROPERTY = "sio.fixture.threads";

  private final Server server;
  private final ServerConnector connector;
  private final ServletEngineHost[] host;

  private JettyFixture(Server server, ServerConnector connector, ServletEngineHost[] host) {
    this.server = server;
    this.connector = connector;
    this.host = host;
  }

  /**
   * Starts the fixture on {@code 127.0.0.1:port} (0 picks a free port).
   *
   * @param port the port
   * @param allowEIO3 serve Engine.IO v3 clients too
   * @return the running fixture
   */
  public static JettyFixture start(int port, boolean allowEIO3) {
    return start(port, allowEIO3, Integer.getInteger(THREADS_PROPERTY, THREADS));
  }

  /**
   * Starts the fixture on {@code 127.0.0.1:port} (0 picks a free port) with a pool of {@code
   * maxThreads} threads, two of them the acceptor and the selector.
   *
   * @param port the port
   * @param allowEIO3 serve Engine.IO v3 clients too
   * @param maxThreads the pool's maximum
   * @return the running fixture
   */
  public static JettyFixture start(int port, boolean allowEIO3, int maxThreads) {
    QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(2, maxThreads));
    // No reserved threads: the selector then runs each connection's task itself, one at a time
    // and in the order it saw them (Jetty's produce-consume mode), as Node and the Netty fixture
    // read both connections of a suite's two simultaneous requests on one thread (risk 12). The
    // filter never blocks (polling is async; upgrades dispatch), so the selector is not held up.
    pool.setReservedThreads(0);
    Server server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector =
        new ServerConnector(server, 1, 1, new HttpConnectionFactory(http)); // 1 acceptor, selector
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler ctx = new ServletContextHandler("/");
    ServletEngineHost[] host = new ServletEngineHost[1];
    JakartaWebSocketServletContainerInitializer.configure(ctx, null);
    ctx.addEventListener(
        new jakarta.servlet.ServletContextListener() {
          @Override
          public void contextInitialized(jakarta.servlet.ServletContextEvent event) {
            host[0] =
                ServletEngineHost.install(
                    event.getServletContext(), ServletHostOptions.builder().loopThreads(1).build());
            ConformanceFixture.serve(host[0], allowEIO3);
          }
        });
    server.setHandler(ctx);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not start", e);
    }
    return new JettyFixture(server, connector, host);
  }

  /** {@return the host serving the fixture, where a test may attach more endpoints} */
  public ServletEngineHost host() {
    return host[0];
  }

  /** {@return the port the connector listens on} */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    if (host[0] != null) {
      host[0].close();
    }
    try {
      server.stop();
    } catch (Exception e) {
      // stopping anyway
    }
  }

  /**
   * Runs the fixture until the JVM is stopped.
   *
   * @param args {@code [--port N] [--allow-eio3]}
   */
  public static void main(String[] args) throws InterruptedException {
    ConformanceFixture.runMain("Jetty", args, JettyFixture::start);
  }
}
