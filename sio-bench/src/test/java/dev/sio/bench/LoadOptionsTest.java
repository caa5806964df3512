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
        .hasMessage(
            "unknown scenario 'flood': connections, echo, broadcast, polling, paced-broadcast or"
                + " storm");
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

  @Test
  void theNewScenariosHaveTheirOwnDefaults() {
    LoadOptions paced = LoadTool.parse(new String[] {"paced-broadcast", "--port", "1"});
    assertThat(paced.scenario()).isEqualTo(LoadOptions.Scenario.PACED_BROADCAST);
    assertThat(paced.scenario().cliName()).isEqualTo("paced-broadcast");
    assertThat(paced.clients()).isEqualTo(1000);
    assertThat(paced.broadcastRate()).isEqualTo(50);
    assertThat(paced.window()).isEqualTo(32);
    LoadOptions storm = LoadTool.parse(new String[] {"storm", "--port", "1", "--rounds", "3"});
    assertThat(storm.clients()).isEqualTo(5000);
    assertThat(storm.rounds()).isEqualTo(3);
    LoadOptions echo = LoadTool.parse(new String[] {"echo", "--port", "1"});
    assertThat(echo.clients()).isEqualTo(50);
    assertThat(echo.window()).isEqualTo(1);
    assertThat(echo.broadcastRate()).isZero();
    assertThat(echo.rounds()).isEqualTo(1);
    LoadOptions set =
        LoadTool.parse(
            new String[] {
              "paced-broadcast", "--port", "1", "--clients", "20", "--rate", "5", "--window", "2"
            });
    assertThat(set.clients()).isEqualTo(20);
    assertThat(set.broadcastRate()).isEqualTo(5);
    assertThat(set.window()).isEqualTo(2);
  }

  @Test
  void theNewScenariosCheckTheirValues() {
    assertThatThrownBy(
            () -> LoadTool.parse(new String[] {"paced-broadcast", "--port", "1", "--rate", "0"}))
        .hasMessage("paced-broadcast needs a rate within 1..10000 per second: 0");
    assertThatThrownBy(() -> LoadTool.parse(new String[] {"storm", "--port", "1", "--rounds", "0"}))
        .hasMessage("rounds must be within 1..10: 0");
    assertThatThrownBy(
            () -> LoadTool.parse(new String[] {"storm", "--port", "1", "--clients", "many"}))
        .isInstanceOf(IllegalArgumentException.class);
    for (LoadOptions.Scenario s : LoadOptions.Scenario.values()) {
      assertThat(LoadOptions.Scenario.parse(s.cliName())).isEqualTo(s);
    }
  }
}
