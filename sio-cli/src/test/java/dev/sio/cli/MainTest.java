package dev.sio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void badArgumentsExitWith2AndSayWhatIsWrong() {
    int code = run("demo", "--port", "http");

    assertThat(code).isEqualTo(2);
    assertThat(text(err))
        .isEqualTo(
            "sio: --port must be a number from 0 to 65535, got 'http'\n"
                + "Run 'sio help' to see the commands and their options.\n");
    assertThat(text(out)).isEmpty();
  }

  @Test
  void noArgumentsExitWith2() {
    assertThat(run()).isEqualTo(2);
    assertThat(text(err)).startsWith("sio: no command given\n");
  }

  @Test
  void connectWithoutUrlIsAUsageErrorOfTheConsoleClient() {
    assertThat(run("connect")).isEqualTo(2);
    assertThat(text(out)).contains("usage: sio connect URL");
  }

  @Test
  void helpPrintsUsageToStdoutAndExits0() {
    assertThat(run("help")).isZero();
    assertThat(text(out)).startsWith("Usage: sio <command> [options]").contains("demo", "fixture");
    assertThat(text(err)).isEmpty();
  }

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
