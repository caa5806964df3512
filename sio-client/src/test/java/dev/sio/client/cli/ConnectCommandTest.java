package dev.sio.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Usage errors and connection failures of {@code sio connect}; the happy paths are interop tests.
 */
@Timeout(30)
class ConnectCommandTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private int run(String... args) {
    return ConnectCommand.run(args, new ByteArrayInputStream(new byte[0]), out);
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMissingUrlIsAUsageError() {
    assertThat(run()).isEqualTo(ConnectCommand.USAGE);
    assertThat(output()).isEqualTo("error: missing URL\n" + ConnectCommand.USAGE_TEXT + "\n");
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(run("http://localhost:1", "--auth", "{nope")).isEqualTo(ConnectCommand.USAGE);
    assertThat(output()).startsWith("error: --auth: not JSON: {nope\n");
    bytes.reset();
    assertThat(run("http://localhost:1", "--wait", "-3")).isEqualTo(ConnectCommand.USAGE);
    assertThat(output()).startsWith("error: --wait: not a positive number of ms: -3\n");
    bytes.reset();
    assertThat(run("http://localhost:1", "--emit", "a", "--listen", "b"))
        .isEqualTo(ConnectCommand.USAGE);
    assertThat(output()).startsWith("error: --emit and --listen exclude each other\n");
    bytes.reset();
    assertThat(run("http://localhost:1", "--v2", "--auth", "{}")).isEqualTo(ConnectCommand.USAGE);
    assertThat(output())
        .isEqualTo(
            "error: auth is not supported by Socket.IO v2 servers (protocol V2 has no CONNECT"
                + " payload): send the values as query parameters\n");
    bytes.reset();
    assertThat(run("ftp://localhost:1")).isEqualTo(ConnectCommand.USAGE);
    assertThat(output())
        .isEqualTo(
            "error: unsupported URI scheme (expected http, https, ws or wss): ftp://localhost:1\n");
  }

  @Test
  void aServerThatHangsUpFailsWithExitCodeOne() throws Exception {
    // a listener that closes every connection at once (a closed port could be taken meanwhile)
    try (ServerSocket rude = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!rude.isClosed()) {
                  try {
                    rude.accept().close();
                  } catch (java.io.IOException e) {
                    return;
                  }
                }
              },
              "rude-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
      assertThat(run("http://127.0.0.1:" + rude.getLocalPort(), "--emit", "hello", "1"))
          .isEqualTo(ConnectCommand.CONNECT_FAILED);
      assertThat(output()).isEqualTo("connect_error xhr poll error\n");
    }
  }

  @Test
  void valuesAreAWhitespaceSeparatedJsonSequence() throws Exception {
    assertThat(ConnectCommand.parseValues("1 \"two\" {\"three\":[3]} null").toString())
        .isEqualTo("[1, \"two\", {\"three\":[3]}, null]");
    assertThat(ConnectCommand.parseValues("  ")).isEmpty();
  }
}
