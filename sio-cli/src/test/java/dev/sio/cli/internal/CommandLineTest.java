package dev.sio.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
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
  void demoTakesAdminCredentialsAndTheMetricsFlag() throws Exception {
    assertThat(CommandLine.parse("demo", "--admin", "ops:s3:cr:et", "--metrics", "--port=0"))
        .isEqualTo(new Command.Demo("127.0.0.1", 0, null, "ops", "s3:cr:et", true, false));
    assertThat(CommandLine.parse("demo", "--metrics"))
        .isEqualTo(new Command.Demo("127.0.0.1", 3000, null, null, null, true, false));
    assertThat(CommandLine.parse("demo", "--admin=a:b").toString()).doesNotContain(":b");
    assertUsage(
        new String[] {"demo", "--admin", "nopassword"},
        "--admin must be USER:PASSWORD, both non-empty");
    assertUsage(
        new String[] {"demo", "--admin", ":pw"}, "--admin must be USER:PASSWORD, both non-empty");
    assertUsage(
        new String[] {"demo", "--admin", "user:"}, "--admin must be USER:PASSWORD, both non-empty");
    assertUsage(new String[] {"demo", "--admin"}, "option --admin needs a value");
    assertUsage(new String[] {"demo", "--metrics=yes"}, "option --metrics takes no value");
  }

  @Test
  void fixtureDefaultsToPort3000() throws Exception {
    assertThat(CommandLine.parse("fixture")).isEqualTo(new Command.Fixture("127.0.0.1", 3000));
    assertThat(CommandLine.parse("fixture", "--port", "3001"))
        .isEqualTo(new Command.Fixture("127.0.0.1", 3001));
  }

  @Test
  void webTransportIsAFlagOfDemoAndFixture() throws Exception {
    assertThat(CommandLine.parse("fixture", "--webtransport"))
        .isEqualTo(new Command.Fixture("127.0.0.1", 3000, false, false, true));
    assertThat(CommandLine.parse("demo", "--webtransport", "--port", "0"))
        .isEqualTo(new Command.Demo("127.0.0.1", 0, null, null, null, false, false, true));
    assertThat(CommandLine.parse("fixture")).isEqualTo(new Command.Fixture("127.0.0.1", 3000));
    assertThat(CommandLine.USAGE).contains("[--webtransport]");
  }

  @Test
  void statsIsAFlagWithoutValue() throws Exception {
    assertThat(CommandLine.parse("demo", "--stats", "--port", "0"))
        .isEqualTo(new Command.Demo("127.0.0.1", 0, null, null, null, false, true));
    assertThat(CommandLine.parse("fixture", "--port", "0", "--stats"))
        .isEqualTo(new Command.Fixture("127.0.0.1", 0, true));
    assertThat(CommandLine.parse("fixture"))
        .isEqualTo(new Command.Fixture("127.0.0.1", 3000, false));
    assertThat(CommandLine.parse("fixture", "--allow-eio3"))
        .isEqualTo(new Command.Fixture("127.0.0.1", 3000, false, true));
    assertUsage(new String[] {"fixture", "--allow-eio3=1"}, "option --allow-eio3 takes no value");
    assertUsage(new String[] {"demo", "--stats=yes"}, "option --stats takes no value");
    assertUsage(new String[] {"demo", "--stats", "--stats"}, "option --stats is given twice");
  }

  @Test
  void connectHandsItsArgumentsOverAsTheyAre() throws Exception {
    assertThat(CommandLine.parse("connect", "http://localhost:3000", "--websocket", "--help"))
        .isEqualTo(new Command.Connect(List.of("http://localhost:3000", "--websocket", "--help")));
    assertThat(CommandLine.parse("connect")).isEqualTo(new Command.Connect(List.of()));
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
        "unknown option '--verbose' for demo (options: --admin, --host, --metrics, --port, --redis, --stats, --webtransport)");
    assertUsage(
        new String[] {"fixture", "--redis", "redis://x"},
        "unknown option '--redis' for fixture (options: --allow-eio3, --host, --port, --stats, --webtransport)");
    assertUsage(
        new String[] {"help", "--port", "1"}, "unknown option '--port' for help (it takes none)");
    assertUsage(
        new String[] {"demo", "--port", "1", "--port", "2"}, "option --port is given twice");
    assertUsage(
        new String[] {"demo", "extra"}, "demo takes no arguments besides its options, got 'extra'");
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

  private static void assertUsage(String[] args, String message) {
    assertThatThrownBy(() -> CommandLine.parse(args))
        .isInstanceOf(UsageException.class)
        .hasMessage(message);
  }
}
