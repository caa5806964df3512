package dev.sio.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
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
   */
  record Demo(String host, int port, URI redisUrl) implements Command {
    public Demo {
      Objects.requireNonNull(host, "host");
    }
  }

  /**
   * {@code sio fixture}: the server the official Engine.IO and Socket.IO test suites expect.
   *
   * @param host the address to listen on
   * @param port the port to listen on (0 picks a free one)
   */
  record Fixture(String host, int port) implements Command {
    public Fixture {
      Objects.requireNonNull(host, "host");
    }
  }

  /**
   * {@code sio connect}: the interactive client.
   *
   * @param url the server URL; its path names the namespace ({@code http://host:3000/admin})
   * @param auth the CONNECT payload, or {@code null}
   * @param websocketOnly true to skip long-polling and open a WebSocket at once
   */
  record Connect(URI url, ObjectNode auth, boolean websocketOnly) implements Command {
    public Connect {
      Objects.requireNonNull(url, "url");
    }
  }
}
