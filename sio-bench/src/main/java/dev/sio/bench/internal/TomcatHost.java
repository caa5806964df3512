package dev.sio.bench.internal;

import dev.sio.servlet.ServletEngineHost;
import dev.sio.servlet.ServletHostOptions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Embedded Tomcat 11 with its default NIO connector and thread pool on {@code 127.0.0.1}, the
 * listen backlog of the Netty listener (1024) and room for 50 000 connections (Tomcat's default of
 * 8192 is below the full {@code connections} scenario).
 */
public final class TomcatHost implements ContainerHost {
  private final Tomcat tomcat;
  private final ServletEngineHost host;

  private TomcatHost(Tomcat tomcat, ServletEngineHost host) {
    this.tomcat = tomcat;
    this.host = host;
  }

  /**
   * Starts Tomcat on {@code port} (0: any free one); {@code serve} attaches the servers to the host
   * while the context starts.
   */
  public static TomcatHost start(
      int port, ServletHostOptions options, Consumer<ServletEngineHost> serve) {
    Tomcat tomcat = new Tomcat();
    try {
      File base = Files.createTempDirectory("sio-bench-tomcat").toFile();
      base.deleteOnExit();
      tomcat.setBaseDir(base.getAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("acceptCount", "1024");
    connector.setProperty("maxConnections", "50000");
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    ctx.addServletContainerInitializer(new WsSci(), null);
    ServletEngineHost[] host = new ServletEngineHost[1];
    ctx.addServletContainerInitializer(
        (classes, sc) -> {
          host[0] = ServletEngineHost.install(sc, options);
          serve.accept(host[0]);
        },
        null);
    // Tomcat runs no filter for a context without a servlet: a 404 servlet holds /
    Tomcat.addServlet(ctx, "not-found", new NotFound());
    ctx.addServletMappingDecoded("/", "not-found");
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      throw new IllegalStateException("Tomcat did not start", e);
    }
    if (host[0] == null) {
      throw new IllegalStateException("Tomcat did not start the context");
    }
    return new TomcatHost(tomcat, host[0]);
  }

  @Override
  public ServletEngineHost host() {
    return host;
  }

  @Override
  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  @Override
  public String version() {
    return "tomcat-" + ServerInfo.getServerNumber();
  }

  @Override
  public void close() {
    host.close();
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      // stopping anyway
    }
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
