package dev.sio.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.bench.ScenarioResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoalsTableTest {
  private static final GoalsTable.Goal P99 =
      new GoalsTable.Goal("p99", "echo", "latency_p99_ms", 0.5, 1);
  private static final GoalsTable.Goal RATIO_ONLY =
      new GoalsTable.Goal("cpu", "storm", "server_cpu_us_per_connection", 0.5, Double.NaN);
  private static final GoalsTable.Goal ABSOLUTE_ONLY =
      new GoalsTable.Goal("rss", "connections", "rss_per_connection_bytes", Double.NaN, 4096);

  @Test
  void aGoalWithTwoBoundsNeedsBoth() {
    assertThat(GoalsTable.judge(P99, 0.9, 2.0)).isEqualTo(GoalsTable.Verdict.PASS);
    assertThat(GoalsTable.judge(P99, 1.0, 2.0)).isEqualTo(GoalsTable.Verdict.PASS); // bounds hold
    assertThat(GoalsTable.judge(P99, 1.2, 4.0))
        .as("0.3x but over 1 ms")
        .isEqualTo(GoalsTable.Verdict.FAIL);
    assertThat(GoalsTable.judge(P99, 0.8, 1.0))
        .as("under 1 ms but 0.8x")
        .isEqualTo(GoalsTable.Verdict.FAIL);
    assertThat(GoalsTable.judge(P99, 0.8, Double.NaN)).isEqualTo(GoalsTable.Verdict.NOT_MEASURED);
    assertThat(GoalsTable.judge(P99, Double.NaN, 2)).isEqualTo(GoalsTable.Verdict.NOT_MEASURED);
  }

  @Test
  void ratioAndAbsoluteGoals() {
    assertThat(GoalsTable.judge(RATIO_ONLY, 300, 610)).isEqualTo(GoalsTable.Verdict.PASS);
    assertThat(GoalsTable.judge(RATIO_ONLY, 1330, 610)).isEqualTo(GoalsTable.Verdict.FAIL);
    assertThat(GoalsTable.judge(RATIO_ONLY, 300, 0)).isEqualTo(GoalsTable.Verdict.NOT_MEASURED);
    assertThat(GoalsTable.judge(ABSOLUTE_ONLY, 13_600, Double.NaN))
        .isEqualTo(GoalsTable.Verdict.FAIL);
    assertThat(GoalsTable.judge(ABSOLUTE_ONLY, 4000, Double.NaN))
        .isEqualTo(GoalsTable.Verdict.PASS);
    assertThat(GoalsTable.target(P99)).isEqualTo("≤ 0.5× Node and ≤ 1");
    assertThat(GoalsTable.target(RATIO_ONLY)).isEqualTo("≤ 0.5× Node");
    assertThat(GoalsTable.target(ABSOLUTE_ONLY)).isEqualTo("≤ 4096");
  }

  @Test
  void everyGoalOfIssue10IsListed() {
    assertThat(GoalsTable.GOALS)
        .extracting(GoalsTable.Goal::scenario)
        .containsExactly(
            "echo",
            "echo",
            "paced-broadcast",
            "paced-broadcast",
            "paced-broadcast",
            "broadcast",
            "storm",
            "connections",
            "connections",
            "connections");
  }

  @Test
  void rendersTheScenariosThatRanWithVerdicts() {
    Map<String, ScenarioResult> storm = new LinkedHashMap<>();
    storm.put("node", new ScenarioResult().put("server_cpu_us_per_connection", 610.0));
    storm.put("sio", new ScenarioResult().put("server_cpu_us_per_connection", 1330.0));
    Map<String, ScenarioResult> paced = new LinkedHashMap<>();
    paced.put("node", new ScenarioResult().put("last_p50_ms", 6.9).put("last_p99_ms", 30.4));
    paced.put("sio", new ScenarioResult().put("last_p50_ms", 3.0).put("last_p99_ms", 71.9));
    Map<String, Map<String, ScenarioResult>> results = new LinkedHashMap<>();
    results.put("storm", storm);
    results.put("paced-broadcast", paced);
    String md = GoalsTable.render(results);
    assertThat(md)
        .contains(
            "| server CPU per connection, storm (µs) | 610.0 | 1,330 | 2.18× | ≤ 0.5× Node | **fail** |")
        .contains(
            "| paced broadcast, last recipient p50 (ms) | 6.900 | 3.000 | 0.43× | ≤ 0.5× Node | pass |")
        .contains("| paced broadcast, last recipient p99 (ms) | 30.4 | 71.9 | 2.37×")
        .contains(
            "| server CPU per delivery, paced broadcast (µs) | – | – | – | ≤ 0.5× Node | not measured |")
        .contains("1 of 3 goals judged in this run are met; 7 of the 10 not judged")
        .doesNotContain("echo latency");
    assertThat(GoalsTable.render(new LinkedHashMap<>())).isEmpty();
  }
}
