package dev.sio.container.tomcat;

import dev.sio.server.internal.ConformanceFixture;
import dev.sio.servlet.ServletEngineHost;
import dev.sio.servlet.ServletHostOptions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * The conformance fixture ({@link ConformanceFixture#serve}: the Engine.IO echo at {@code
 * /engine.io/} and the suite's Socket.IO server at {@code /socket.io/}) inside embedded Tomcat 11,
 * on {@code 127.0.0.1}. One Sio loop and one request thread, as the suites send two requests of one
 * session on two connections at once and expect them in order (risk 12): Tomcat then reads them in
 * the order its poller saw them, as Node reads both on one thread. {@code ./sio fixture --container
 * tomcat [--port N] [--allow-eio3]} runs {@link #main}.
 */
public final class TomcatFixture implements ConformanceFixture.Running {
  /** Tomcat's {@code maxThreads} here (docs/design/SERVLET.md §4.4 says why). */
  public static final int THREADS = 1;

  /** The system property that overrides {@link #THREADS} (to measure other pools). */
  public static final String THREADS_PROPERTY = "sio.fixture.threads";

  private final Tomcat tomcat;
  private final ServletEngineHost[] host;

  private TomcatFixture(Tomcat tomcat, ServletEngineHost[] host) {
    this.tomcat = tomcat;
    this.host = host;
  }

  /**
   * Starts the fixture on {@code 127.0.0.1:port} (0 picks a free port).
   *
   * @param port the port
   * @param allowEIO3 serve Engine.IO v3 clients too
   * @return the running fixture
   */
  public static TomcatFixture start(int port, boolean allowEIO3) {
    return start(port, allowEIO3, Integer.getInteger(THREADS_PROPERTY, THREADS));
  }

  /**
   * Starts the fixture on {@code 127.0.0.1:port} (0 picks a free port) with {@code maxThreads}
   * request threads.
   *
   * @param port the port
   * @param allowEIO3 serve Engine.IO v3 clients too
   * @param maxThreads Tomcat's {@code maxThreads}
   * @return the running fixture
   */
  public static TomcatFixture start(int port, boolean allowEIO3, int maxThreads) {
    Tomcat tomcat = new Tomcat();
    try {
      File base = Files.createTempDirectory("sio-tomcat").toFile();
      base.deleteOnExit();
      tomcat.setBaseDir(base.getAbsolutePath());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("maxThreads", Integer.toString(maxThreads));
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    ctx.addServletContainerInitializer(new WsSci(), null);
    ServletEngineHost[] host = new ServletEngineHost[1];
    ctx.addServletContainerInitializer(
        (classes, sc) -> {
          host[0] =
              ServletEngineHost.install(sc, ServletHostOptions.builder().loopThreads(1).build());
          ConformanceFixture.serve(host[0], allowEIO3);
        },
        null);
    // Tomcat runs no filter for a context without a servlet (S0): a 404 servlet holds /
    Tomcat.addServlet(ctx, "not-found", new NotFound());
    ctx.addServletMappingDecoded("/", "not-found");
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      throw new IllegalStateException("Tomcat did not start", e);
    }
    return new TomcatFixture(tomcat, host);
  }

  /** {@return the host serving the fixture, where a test may attach more endpoints} */
  public ServletEngineHost host() {
    return host[0];
  }

  /** {@return the port the connector listens on} */
  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  @Override
  public void close() {
    if (host[0] != null) {
      host[0].close();
    }
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      // stopping anyway
    }
  }

  /**
   * Runs the fixture until the JVM is stopped.
   *
   * @param args {@code [--port N] [--allow-eio3]}
   */
  public static void main(String[] args) throws InterruptedException {
    ConformanceFixture.runMain("Tomcat", args, TomcatFixture::start);
  }

  /** Answers 404 to what the filter passes on. */
  private static final class NotFound extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.sendError(404);
    }
  }
}
