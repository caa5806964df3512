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
    for (String s : new String[] {"echo", "echo-burst", "broadcast", "connections", "polling"}) {
      for (boolean full : new boolean[] {false, true}) {
        LoadOptions o = LoadTool.parse(args(s, full));
        assertThat(s).startsWith(o.scenario().cliName());
      }
    }
    assertThat(LoadTool.parse(args("echo", true)).clients()).isEqualTo(50);
    assertThat(LoadTool.parse(args("echo-burst", true)).window()).isEqualTo(16);
    assertThat(LoadTool.parse(args("broadcast", true)).clients()).isEqualTo(1000);
    assertThat(LoadTool.parse(args("connections", true)).clients()).isEqualTo(19000);
  }

  private static String[] args(String entry, boolean full) {
    List<String> args = new ArrayList<>(BenchMatrix.toolArgs(entry, full));
    args.addAll(List.of("--port", "1"));
    return args.toArray(String[]::new);
  }
}
