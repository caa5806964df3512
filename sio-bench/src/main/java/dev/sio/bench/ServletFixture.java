package dev.sio.bench;

import dev.sio.bench.internal.ContainerHost;
import dev.sio.bench.internal.JettyHost;
import dev.sio.bench.internal.ProcStats;
import dev.sio.bench.internal.TomcatHost;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import dev.sio.servlet.ServletEngineHost;
import dev.sio.servlet.ServletHostOptions;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The Servlet binding's side of the benchmark: {@link SioFixture}'s handlers on a {@link
 * SocketIoServer} with default options, attached to a {@link ServletEngineHost} in embedded Tomcat
 * 11 or Jetty 12 (the bench servers {@code tomcat} and {@code jetty}).
 *
 * <pre>
 * java -cp …:bench-lib-tomcat/* dev.sio.bench.ServletFixture --container tomcat --port 0 [--threads N]
 * </pre>
 *
 * {@code --threads} sets the Sio loops ({@link ServletHostOptions#loopThreads()}, default the CPUs
 * the process may use); the container keeps its own default pool. Like {@link SioFixture} it runs
 * one full collection once listening (unless {@code -Dsio.bench.noStartupGc=true}), prints {@code
 * fixture ready port=<port> pid=<pid> impl=<container> version=<sio>/<container-version>} and exits
 * when stdin closes. Each container needs its own jars on the class path, never both.
 */
public final class ServletFixture {
  private ServletFixture() {}

  /**
   * Starts the fixture.
   *
   * @param args {@code --container tomcat|jetty [--port N] [--threads N]}
   * @throws IOException when it fails
   */
  public static void main(String[] args) throws IOException {
    String container = "";
    int port = 0;
    int threads = 0;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--container" -> container = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ServletHostOptions.Builder options = ServletHostOptions.builder();
    if (threads > 0) {
      options.loopThreads(threads);
    }
    SocketIoServer[] io = new SocketIoServer[1];
    Consumer<ServletEngineHost> serve =
        host -> {
          io[0] = SocketIoServer.attach(host, ServerOptions.builder().build());
          SioFixture.install(io[0]);
        };
    ContainerHost c =
        switch (container) {
          case "tomcat" -> TomcatHost.start(port, options.build(), serve);
          case "jetty" -> JettyHost.start(port, options.build(), serve);
          default ->
              throw new IllegalArgumentException(
                  "--container tomcat or jetty, not '" + container + "'");
        };
    if (!Boolean.getBoolean("sio.bench.noStartupGc")) {
      System.gc(); // as SioFixture does
    }
    String version = ServletFixture.class.getPackage().getImplementationVersion();
    System.out.println(
        "fixture ready port="
            + c.port()
            + " pid="
            + ProcStats.selfPid()
            + " impl="
            + container
            + " version="
            + (version == null ? "0.1.0-SNAPSHOT" : version)
            + "/"
            + c.version());
    System.out.flush();
    while (System.in.read() >= 0) {
      // runs until stdin closes
    }
    io[0].close();
    c.close();
    System.exit(0);
  }
}
