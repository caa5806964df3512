package dev.sio.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  }

  @Test
  void rejectsUnknownNames() {
    assertThatThrownBy(() -> BenchMatrix.parse(new String[] {"--scenarios", "flood"}))
        .hasMessage("unknown scenario flood");
    assertThatThrownBy(() -> BenchMatrix.parse(new String[] {"--servers", "deno"}))
        .hasMessage("unknown server deno: node or sio");
    assertThatThrownBy(() -> BenchMatrix.parse(new String[] {"--out"}))
        .hasMessage("missing value for --out");
  }

  @Test
  void everySizeParsesAsLoadToolOptions() {
    for (String s : new String[] {"echo", "broadcast", "connections", "polling"}) {
      for (boolean full : new boolean[] {false, true}) {
        java.util.List<String> args =
            new java.util.ArrayList<>(java.util.List.of(s, "--port", "1"));
        args.addAll(BenchMatrix.toolArgs(s, full));
        LoadOptions o = LoadTool.parse(args.toArray(String[]::new));
        assertThat(o.scenario().cliName()).isEqualTo(s);
      }
    }
    assertThat(LoadTool.parse(fullArgs("echo")).clients()).isEqualTo(50);
    assertThat(LoadTool.parse(fullArgs("broadcast")).clients()).isEqualTo(1000);
    assertThat(LoadTool.parse(fullArgs("connections")).clients()).isEqualTo(19000);
  }

  private static String[] fullArgs(String scenario) {
    java.util.List<String> args =
        new java.util.ArrayList<>(java.util.List.of(scenario, "--port", "1"));
    args.addAll(BenchMatrix.toolArgs(scenario, true));
    return args.toArray(String[]::new);
  }
}
