package dev.sio.cli;

import dev.sio.cli.internal.Command;
import dev.sio.cli.internal.CommandLine;
import dev.sio.cli.internal.DemoServer;
import dev.sio.cli.internal.FixtureServer;
import dev.sio.cli.internal.UsageException;
import dev.sio.cli.internal.WebTransportLauncher;
import dev.sio.client.cli.ConnectCommand;
import dev.sio.engine.netty.HttpListener;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code sio} command: {@code sio demo}, {@code sio fixture}, {@code sio connect URL}, {@code
 * sio help}.
 *
 * <p>Exit codes: 0 done, 1 the command failed, 2 the command line is wrong (the message says why);
 * {@code connect} adds 3, nothing received ({@link ConnectCommand}).
 */
public final class Main {

  /** The command line is wrong. */
  public static final int EXIT_USAGE = 2;

  /** The command ran and failed. */
  public static final int EXIT_FAILURE = 1;

  private Main() {}

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.exit(code);
  }

  /**
   * Runs the command named by {@code args}; servers block here until the JVM is asked to stop.
   *
   * @param args the arguments
   * @param out where to write
   * @param err where errors go
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Command command;
    try {
      command = CommandLine.parse(args);
    } catch (UsageException e) {
      err.println("sio: " + e.getMessage());
      err.println("Run 'sio help' to see the commands and their options.");
      return EXIT_USAGE;
    }
    try {
      if (command instanceof Command.Help) {
        out.print(CommandLine.USAGE);
        return 0;
      } else if (command instanceof Command.Fixture fixture) {
        HttpListener listener =
            FixtureServer.start(
                fixture.host(),
                fixture.port(),
                fixture.stats(),
                fixture.allowEIO3(),
                fixture.webTransport());
        WebTransportLauncher webTransport = null;
        if (fixture.webTransport()) {
          try {
            webTransport = new WebTransportLauncher().start(listener);
          } catch (RuntimeException e) {
            listener.close();
            throw e;
          }
        }
        tenureStartupData();
        out.println(
            "Sio fixture on http://"
                + fixture.host()
                + ":"
                + listener.port()
                + " (Engine.IO echo at /engine.io/, Socket.IO at /socket.io/"
                + (fixture.allowEIO3() ? ", Engine.IO v3 accepted" : "")
                + "); Ctrl-C stops it");
        if (webTransport != null) {
          out.println(webTransport.announcement());
        }
        statsReady(out, fixture.stats(), listener.port(), "sio-fixture");
        WebTransportLauncher wt = webTransport;
        runUntilStopped(
            wt == null
                ? listener
                : () -> {
                  wt.close();
                  listener.close();
                });
        return 0;
      } else if (command instanceof Command.Demo demo) {
        DemoServer server =
            DemoServer.start(
                demo.host(),
                demo.port(),
                demo.redisUrl(),
                demo.adminUser(),
                demo.adminPassword(),
                demo.metrics(),
                demo.stats(),
                demo.webTransport());
        tenureStartupData();
        boolean local = demo.host().equals("127.0.0.1") || demo.host().equals("0.0.0.0");
        out.println(
            "Sio chat demo on http://"
                + (local ? "localhost" : demo.host())
                + ":"
                + server.port()
                + "/"
                + (demo.redisUrl() == null ? "" : " (rooms shared through " + demo.redisUrl() + ")")
                + "; open it in two browser tabs. Ctrl-C stops it");
        String base = "http://" + (local ? "localhost" : demo.host()) + ":" + server.port();
        if (demo.adminUser() != null) {
          out.println(
              "Admin UI on "
                  + base
                  + "/admin/ (server URL "
                  + base
                  + ", user "
                  + demo.adminUser()
                  + ")");
        }
        if (demo.metrics()) {
          out.println("Prometheus metrics on " + base + "/metrics");
        }
        if (server.webTransport() != null) {
          out.println(server.webTransport().announcement());
        }
        statsReady(out, demo.stats(), server.port(), "sio-demo");
        runUntilStopped(server);
        return 0;
      } else {
        return ConnectCommand.run(
            ((Command.Connect) command).args().toArray(String[]::new), System.in, out);
      }
    } catch (UncheckedIOException e) {
      err.println("sio: " + e.getCause().getMessage());
      return EXIT_FAILURE;
    }
  }

  /** With {@code --stats}: the line the soak command waits for (sio-bench's ServerProcess). */
  private static void statsReady(PrintStream out, boolean stats, int port, String impl) {
    if (stats) {
      String version = Main.class.getPackage().getImplementationVersion();
      out.println(
          "stats ready port="
              + port
              + " pid="
              + ProcessHandle.current().pid()
              + " impl="
              + impl
              + " version="
              + (version == null ? "dev" : version)
              + " path=/sio-stats");
      out.flush();
    }
  }

  /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes the server. */
  /**
   * One full collection once listening, before saying so: the start-up data (JDK, Jackson, Netty,
   * the server, about 4 MB) moves to the old generation at once instead of being copied from
   * survivor space to survivor space by the first 15 young collections under load, which made them
   * 5-10 times longer than the later ones (docs/OPTIMISATIONS.md, "The latency tail").
   */
  private static void tenureStartupData() {
    System.gc();
  }

  private static void runUntilStopped(AutoCloseable server) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (Exception e) {
                    // stopping anyway
                  }
                  stopped.countDown();
                },
                "sio-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
