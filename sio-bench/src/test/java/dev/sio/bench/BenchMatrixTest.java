package dev.sio.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchMatrixTest {
  @Test
  void parsesTheOptions() {
    BenchMatrix.Options o =
        BenchMatrix.parse(
            new String[] {
              "--full", "--scenarios", "echo,connections", "--servers", "node", "--pin", "1/0"
            });
    assertThat(o.full).isTrue();
    assertThat(o.scenarios).containsExactly("echo", "connections");
    assertThat(o.servers).containsExactly("node");
    assertThat(o.pin).isTrue();
    assertThat(o.serverCpus).isEqualTo("1");
    assertThat(o.toolCpus).isEqualTo("0");
    assertThat(BenchMatrix.parse(new String[] {"--no-pin"}).pin).isFalse();
    assertThat(BenchMatrix.parse(new String[] {"--servers", "node,sio,tomcat,jetty"}).servers)
        .containsExactly("node", "sio", "tomcat", "jetty");
    assertThat(new BenchMatrix.Options().servers).containsExactly("node", "sio");
  }

  @Test
  void rejectsUnknownNames() {
    assertThatThrownBy(() -> BenchMatrix.parse(new String[] {"--scenarios", "flood"}))
        .hasMessage("unknown scenario flood");
    assertThatThrownBy(() -> BenchMatrix.parse(new String[] {"--servers", "deno"}))
        .hasMessage("unknown server deno: node, sio, tomcat, jetty");
    assertThatThrownBy(() -> BenchMatrix.parse(new String[] {"--out"}))
        .hasMessage("missing value for --out");
  }

  @Test
  void everySizeParsesAsLoadToolOptions() {
    for (String s : new BenchMatrix.Options().scenarios) {
      for (boolean full : new boolean[] {false, true}) {
        LoadOptions o = LoadTool.parse(args(s, full));
        assertThat(s).startsWith(o.scenario().cliName());
      }
    }
    assertThat(LoadTool.parse(args("echo", true)).clients()).isEqualTo(50);
    assertThat(LoadTool.parse(args("echo-burst", true)).window()).isEqualTo(16);
    assertThat(LoadTool.parse(args("broadcast", true)).clients()).isEqualTo(1000);
    assertThat(LoadTool.parse(args("connections", true)).clients()).isEqualTo(19000);
    LoadOptions paced = LoadTool.parse(args("paced-broadcast", false));
    assertThat(paced.clients()).isEqualTo(1000);
    assertThat(paced.broadcastRate()).isEqualTo(50);
    assertThat(LoadTool.parse(args("storm", false)).clients()).isEqualTo(5000);
    assertThat(LoadTool.parse(args("storm", true)).clients()).isEqualTo(10000);
    assertThat(LoadTool.parse(args("storm", true)).rounds()).isEqualTo(2);
  }

  @Test
  void theMatrixRunsEveryScenarioByDefault() {
    assertThat(new BenchMatrix.Options().scenarios)
        .containsExactly(
            "echo",
            "echo-burst",
            "broadcast",
            "paced-broadcast",
            "connections",
            "storm",
            "polling");
    assertThat(BenchMatrix.parse(new String[] {"--scenarios", "paced-broadcast,storm"}).scenarios)
        .containsExactly("paced-broadcast", "storm");
  }

  private static String[] args(String entry, boolean full) {
    List<String> args = new ArrayList<>(BenchMatrix.toolArgs(entry, full));
    args.addAll(List.of("--port", "1"));
    return args.toArray(String[]::new);
  }
}
