package dev.sio.cli.internal;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/** One parsed {@code sio} command line: which subcommand, with its validated options. */
public sealed interface Command {

  /** {@code sio help}: print the usage text. */
  record Help() implements Command {}

  /**
   * {@code sio demo}: the chat demo server.
   *
   * @param host the address to listen on
   * @param port the port to listen on (0 picks a free one)
   * @param redisUrl a {@code redis://} URL to share rooms with other servers, or {@code null}
   * @param adminUser the admin UI's user, or {@code null} for no admin UI
   * @param adminPassword the admin UI's password (plain; hashed at start), or {@code null}
   * @param metrics whether to serve Prometheus metrics at {@code /metrics}
   * @param stats whether {@code GET /sio-stats} answers (loopback peers only)
   * @param webTransport whether WebTransport is served too (UDP on the same port number)
   */
  record Demo(
      String host,
      int port,
      URI redisUrl,
      String adminUser,
      String adminPassword,
      boolean metrics,
      boolean stats,
      boolean webTransport)
      implements Command {
    public Demo {
      Objects.requireNonNull(host, "host");
    }

    /** Without WebTransport. */
    public Demo(
        String host,
        int port,
        URI redisUrl,
        String adminUser,
        String adminPassword,
        boolean metrics,
        boolean stats) {
      this(host, port, redisUrl, adminUser, adminPassword, metrics, stats, false);
    }

    /** The demo without admin UI and metrics. */
    public Demo(String host, int port, URI redisUrl) {
      this(host, port, redisUrl, null, null, false, false);
    }

    @Override
    public String toString() {
      return "Demo[host="
          + host
          + ", port="
          + port
          + ", redisUrl="
          + redisUrl
          + ", adminUser="
          + adminUser
          + ", metrics="
          + metrics
          + ", stats="
          + stats
          + ", webTransport="
          + webTransport
          + "]"; // never the password
    }
  }

  /**
   * {@code sio fixture}: the server the official Engine.IO and Socket.IO test suites expect.
   *
   * @param host the address to listen on
   * @param port the port to listen on (0 picks a free one)
   * @param stats whether {@code GET /sio-stats} answers (loopback peers only)
   * @param allowEIO3 whether Engine.IO v3 (Socket.IO v2) clients are served too
   * @param webTransport whether the Engine.IO echo takes WebTransport too (UDP, same port number)
   */
  record Fixture(String host, int port, boolean stats, boolean allowEIO3, boolean webTransport)
      implements Command {
    public Fixture {
      Objects.requireNonNull(host, "host");
    }

    /** Without WebTransport. */
    public Fixture(String host, int port, boolean stats, boolean allowEIO3) {
      this(host, port, stats, allowEIO3, false);
    }

    /** Without Engine.IO v3. */
    public Fixture(String host, int port, boolean stats) {
      this(host, port, stats, false);
    }

    /** Without stats. */
    public Fixture(String host, int port) {
      this(host, port, false);
    }
  }

  /**
   * {@code sio connect}: the console client of sio-client ({@code
   * dev.sio.client.cli.ConnectCommand}), which parses its own arguments.
   *
   * @param args the arguments after {@code connect}
   */
  record Connect(List<String> args) implements Command {
    public Connect {
      args = List.copyOf(args);
    }
  }
}
