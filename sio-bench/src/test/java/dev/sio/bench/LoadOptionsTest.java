package dev.sio.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
  @Test
  void parsesTheCommandLine() {
    LoadOptions o =
        LoadTool.parse(
            new String[] {
              "broadcast",
              "--port",
              "3000",
              "--clients",
              "1000",
              "--window",
              "4",
              "--duration",
              "1.5",
              "--rate",
              "100",
              "--sources",
              "127.0.0.2,127.0.0.3"
            });
    assertThat(o.scenario()).isEqualTo(LoadOptions.Scenario.BROADCAST);
    assertThat(o.port()).isEqualTo(3000);
    assertThat(o.clients()).isEqualTo(1000);
    assertThat(o.window()).isEqualTo(4);
    assertThat(o.duration()).isEqualTo(Duration.ofMillis(1500));
    assertThat(o.broadcastRate()).isEqualTo(100);
    assertThat(o.sources()).containsExactly("127.0.0.2", "127.0.0.3");
  }

  @Test
  void buildSaysWhatIsWrong() {
    assertThatThrownBy(() -> LoadOptions.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be within 1..65535, got 0");
    assertThatThrownBy(() -> LoadOptions.builder().port(1).window(0).build())
        .hasMessage("window must be within 1..4096: 0");
    assertThatThrownBy(() -> LoadOptions.builder().port(1).duration(Duration.ZERO).build())
        .hasMessage("duration must be positive");
    assertThatThrownBy(() -> LoadTool.parse(new String[] {"flood", "--port", "1"}))
        .hasMessage("unknown scenario 'flood': connections, echo, broadcast or polling");
    assertThatThrownBy(() -> LoadTool.parse(new String[] {"echo", "--port"}))
        .hasMessage("missing value for --port");
  }

  @Test
  void onlyLoopbackTargets() {
    LoadOptions o = LoadOptions.builder().host("192.0.2.1").port(9).build();
    assertThatThrownBy(() -> LoadTool.run(o, line -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("load targets and sources must be loopback: 192.0.2.1");
  }
}
