package dev.sio.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakToolTest {
  @Test
  void parsesTheOptionsOfTheSoakCommand() {
    SoakOptions o =
        SoakTool.parse(
            new String[] {
              "--minutes",
              "5",
              "--clients",
              "2000",
              "--rounds",
              "3",
              "--settle",
              "45",
              "--server",
              "java -jar x.jar demo --port 0 --stats",
              "--min-life",
              "10",
              "--max-life",
              "20",
              "--hot-rate",
              "50",
              "--tolerance",
              "0.2"
            });

    assertThat(o.duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(o.clients()).isEqualTo(2000);
    assertThat(o.rounds()).isEqualTo(3);
    assertThat(o.settle()).isEqualTo(Duration.ofSeconds(45));
    assertThat(o.serverCommand())
        .isEqualTo(List.of("java", "-jar", "x.jar", "demo", "--port", "0", "--stats"));
    assertThat(o.minLifetime()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.maxLifetime()).isEqualTo(Duration.ofSeconds(20));
    assertThat(o.hotRate()).isEqualTo(50);
    assertThat(o.tolerance()).isEqualTo(0.2);
  }

  @Test
  void theDefaultsAreThoseOfTheDocs() {
    SoakOptions o = SoakTool.parse(new String[] {"--port", "3000", "--server-pid", "42"});

    assertThat(o.duration()).isEqualTo(Duration.ofMinutes(30));
    assertThat(o.clients()).isEqualTo(10_000);
    assertThat(o.settle()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.sampleEvery()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.tolerance()).isEqualTo(0.10);
    assertThat(o.memorySlackBytes()).isEqualTo(16L << 20);
    assertThat(o.port()).isEqualTo(3000);
    assertThat(o.serverPid()).isEqualTo(42);
  }

  @Test
  void wrongCommandLinesSayWhatIsWrong() {
    assertThatThrownBy(() -> SoakTool.parse(new String[] {"--clients", "10"}))
        .hasMessage(
            "give either a server command or the port (and pid) of a running server, not neither");
    assertThatThrownBy(
            () ->
                SoakTool.parse(
                    new String[] {"--port", "1", "--server-pid", "2", "--clients", "20000"}))
        .hasMessage("clients must be 1..19000, got 20000");
    assertThatThrownBy(() -> SoakTool.parse(new String[] {"--port", "1"}))
        .hasMessage("--port needs --server-pid (for /proc figures)");
    assertThatThrownBy(() -> SoakTool.parse(new String[] {"--clients", "many"}))
        .hasMessage("--clients needs a number, got 'many'");
    assertThatThrownBy(() -> SoakTool.parse(new String[] {"--clients"}))
        .hasMessage("missing value for --clients");
    assertThatThrownBy(
            () ->
                SoakTool.parse(
                    new String[] {
                      "--port", "1", "--server-pid", "2", "--min-life", "30", "--max-life", "10"
                    }))
        .hasMessage("maxLifetime (PT10S) must not be below minLifetime (PT30S)");
    assertThatThrownBy(() -> SoakTool.parse(new String[] {"--bogus", "1"}))
        .hasMessage("unknown option --bogus");
  }
}
