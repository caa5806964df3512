package dev.sio.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CommandLineTest {

  @Test
  void demoDefaultsToLoopbackPort3000WithoutRedis() throws Exception {
    assertThat(CommandLine.parse("demo")).isEqualTo(new Command.Demo("127.0.0.1", 3000, null));
  }

  @Test
  void demoTakesPortHostAndRedisInBothForms() throws Exception {
    assertThat(
            CommandLine.parse(
                "demo", "--port", "4000", "--host=0.0.0.0", "--redis", "redis://127.0.0.1:6379"))
        .isEqualTo(new Command.Demo("0.0.0.0", 4000, URI.create("redis://127.0.0.1:6379")));
    assertThat(CommandLine.parse("demo", "--port=0"))
        .isEqualTo(new Command.Demo("127.0.0.1", 0, null));
  }

  @Test
  void fixtureDefaultsToPort3000() throws Exception {
    assertThat(CommandLine.parse("fixture")).isEqualTo(new Command.Fixture("127.0.0.1", 3000));
    assertThat(CommandLine.parse("fixture", "--port", "3001"))
        .isEqualTo(new Command.Fixture("127.0.0.1", 3001));
  }

  @Test
  void connectTakesUrlAuthAndWebsocketFlag() throws Exception {
    Command.Connect plain = (Command.Connect) CommandLine.parse("connect", "http://localhost:3000");
    assertThat(plain.url()).isEqualTo(URI.create("http://localhost:3000"));
    assertThat(plain.auth()).isNull();
    assertThat(plain.websocketOnly()).isFalse();

    Command.Connect full =
        (Command.Connect)
            CommandLine.parse(
                "connect",
                "--auth",
                "{\"token\":\"abc\"}",
                "ws://127.0.0.1:3000/admin",
                "--websocket");
    assertThat(full.url()).isEqualTo(URI.create("ws://127.0.0.1:3000/admin"));
    assertThat(full.auth().get("token").asText()).isEqualTo("abc");
    assertThat(full.websocketOnly()).isTrue();
  }

  @Test
  void helpInAnyPlaceAsksForUsage() throws Exception {
    assertThat(CommandLine.parse("help")).isInstanceOf(Command.Help.class);
    assertThat(CommandLine.parse("--help")).isInstanceOf(Command.Help.class);
    assertThat(CommandLine.parse("demo", "-h")).isInstanceOf(Command.Help.class);
    assertThat(CommandLine.parse("demo", "--port", "nope", "--help"))
        .isInstanceOf(Command.Help.class);
  }

  @Test
  void missingOrUnknownCommandIsNamed() {
    assertUsage(new String[] {}, "no command given");
    assertUsage(
        new String[] {"serve"}, "unknown command 'serve' (commands: demo, fixture, connect, help)");
  }

  @Test
  void badPortsAreRejectedWithTheValue() {
    assertUsage(
        new String[] {"demo", "--port", "abc"},
        "--port must be a number from 0 to 65535, got 'abc'");
    assertUsage(
        new String[] {"fixture", "--port=65536"},
        "--port must be a number from 0 to 65535, got '65536'");
    assertUsage(
        new String[] {"demo", "--port", "-1"}, "--port must be a number from 0 to 65535, got '-1'");
    assertUsage(new String[] {"demo", "--port"}, "option --port needs a value");
    assertUsage(new String[] {"demo", "--port", "--host", "x"}, "option --port needs a value");
  }

  @Test
  void unknownRepeatedAndStrayArgumentsAreRejected() {
    assertUsage(
        new String[] {"demo", "--verbose"},
        "unknown option '--verbose' for demo (options: --host, --port, --redis)");
    assertUsage(
        new String[] {"fixture", "--redis", "redis://x"},
        "unknown option '--redis' for fixture (options: --host, --port)");
    assertUsage(
        new String[] {"help", "--port", "1"}, "unknown option '--port' for help (it takes none)");
    assertUsage(
        new String[] {"demo", "--port", "1", "--port", "2"}, "option --port is given twice");
    assertUsage(
        new String[] {"demo", "extra"}, "demo takes no arguments besides its options, got 'extra'");
    assertUsage(
        new String[] {"connect", "http://a", "--websocket=yes"},
        "option --websocket takes no value");
  }

  @Test
  void badRedisUrlsAreRejected() {
    assertUsage(
        new String[] {"demo", "--redis", "127.0.0.1:6379"},
        "--redis must be a URL like redis://127.0.0.1:6379, got '127.0.0.1:6379'");
    assertUsage(
        new String[] {"demo", "--redis", "http://127.0.0.1:6379"},
        "--redis must be a URL like redis://127.0.0.1:6379, got 'http://127.0.0.1:6379'");
  }

  @Test
  void badHostsAreRejected() {
    assertUsage(
        new String[] {"demo", "--host", "http://x"},
        "--host must be an address or host name, got 'http://x'");
  }

  @Test
  void connectChecksItsUrlAndAuth() {
    assertUsage(
        new String[] {"connect"}, "connect needs a URL, like: sio connect http://localhost:3000");
    assertUsage(
        new String[] {"connect", "http://a", "http://b"},
        "connect takes one URL, got 2: [http://a, http://b]");
    assertUsage(
        new String[] {"connect", "localhost:3000"},
        "the URL must start with http://, https://, ws:// or wss:// and name a host, got"
            + " 'localhost:3000'");
    assertUsage(
        new String[] {"connect", "http://a b"},
        "the URL is not a valid URL: Illegal character in authority at index 7: http://a b");
    assertUsage(
        new String[] {"connect", "http://a", "--auth", "[1]"},
        "--auth must be a JSON object, like {\"token\":\"abc\"}, got '[1]'");
    assertUsage(
        new String[] {"connect", "http://a", "--auth", "{nope"},
        "--auth must be a JSON object, like {\"token\":\"abc\"}, got '{nope'");
  }

  private static void assertUsage(String[] args, String message) {
    assertThatThrownBy(() -> CommandLine.parse(args))
        .isInstanceOf(UsageException.class)
        .hasMessage(message);
  }
}
