package dev.sio.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.bench.ScenarioResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  private static Map<String, Map<String, ScenarioResult>> echo(
      ScenarioResult node, ScenarioResult sio) {
    Map<String, ScenarioResult> byServer = new LinkedHashMap<>();
    byServer.put("node", node);
    if (sio != null) {
      byServer.put("sio", sio);
    }
    Map<String, Map<String, ScenarioResult>> results = new LinkedHashMap<>();
    results.put("echo", byServer);
    return results;
  }

  @Test
  void summaryShowsTheRatioAndTheTarget() {
    ScenarioResult node =
        new ScenarioResult().put("acks_per_s", 20000.0).put("server_cpu_us_per_ack", 14.0);
    ScenarioResult sio =
        new ScenarioResult().put("acks_per_s", 30000.0).put("server_cpu_us_per_ack", 3.5);
    Map<String, String> c = MarkdownReport.conditions();
    c.put("date", "2026-11-21T00:00:00Z");
    String md = MarkdownReport.render("Run", c, echo(node, sio));
    assertThat(md).startsWith("## Run\n\n- date: 2026-11-21T00:00:00Z\n");
    assertThat(md)
        .contains("| echo | server CPU µs / round trip | 14.0 | 3.500 | 0.25× | lower | ≤ 3 |");
    assertThat(md).contains("| echo | round trips / s | 20,000 | 30,000 | 1.50× | higher |  |");
    assertThat(md).contains("| figure | node | sio |");
    assertThat(md).contains("| server_cpu_us_per_ack | 14.000 | 3.500 |");
    assertThat(md).doesNotContain("broadcast");
  }

  @Test
  void aMissingServerShowsADash() {
    ScenarioResult node = new ScenarioResult().put("latency_p99_ms", 1.34);
    String md = MarkdownReport.render("Run", MarkdownReport.conditions(), echo(node, null));
    assertThat(md).contains("| echo | latency p99 ms | 1.340 | – | – | lower | ≤ 1 |");
    assertThat(md).contains("| echo | round trips / s | – | – | – | higher |  |");
  }

  @Test
  void everyRawFigureOfBothServersHasItsRatio() {
    ScenarioResult node =
        new ScenarioResult()
            .put("scenario", "paced-broadcast")
            .put("last_p99_ms", 30.4)
            .put("server_cpu_us_per_delivery", 13.0);
    ScenarioResult sio =
        new ScenarioResult()
            .put("scenario", "paced-broadcast")
            .put("last_p99_ms", 15.2)
            .put("server_cpu_us_per_delivery", 13.2);
    Map<String, ScenarioResult> byServer = new LinkedHashMap<>();
    byServer.put("node", node);
    byServer.put("sio", sio);
    Map<String, Map<String, ScenarioResult>> results = new LinkedHashMap<>();
    results.put("paced-broadcast", byServer);
    String md = MarkdownReport.render("Run", MarkdownReport.conditions(), results);
    assertThat(md).contains("| figure | node | sio | sio / node |");
    assertThat(md).contains("| last_p99_ms | 30.400 | 15.200 | 0.50× |");
    assertThat(md).contains("| scenario | paced-broadcast | paced-broadcast | – |");
    assertThat(md)
        .contains(
            "| paced-broadcast | last recipient p99 ms | 30.4 | 15.2 | 0.50× | lower | ≤ 0.5× Node |");
    assertThat(md).contains("| paced broadcast, last recipient p99 (ms) | 30.4 | 15.2 | 0.50× |");
  }

  @Test
  void theServletServersGetTheirColumnsAndRatiosBesideSio() {
    ScenarioResult node = new ScenarioResult().put("acks_per_s", 20000.0);
    ScenarioResult sio = new ScenarioResult().put("acks_per_s", 30000.0);
    ScenarioResult tomcat = new ScenarioResult().put("acks_per_s", 10000.0);
    ScenarioResult jetty = new ScenarioResult().put("acks_per_s", 25000.0);
    Map<String, Map<String, ScenarioResult>> results = echo(node, sio);
    results.get("echo").put("tomcat", tomcat);
    results.get("echo").put("jetty", jetty);
    String md = MarkdownReport.render("Run", MarkdownReport.conditions(), results);
    assertThat(md)
        .contains(
            "| scenario | figure | Node.js | Sio | Sio / Node | Tomcat | Tomcat / Node"
                + " | Jetty | Jetty / Node | better | Sio target |");
    assertThat(md)
        .contains(
            "| echo | round trips / s | 20,000 | 30,000 | 1.50× | 10,000 | 0.50× | 25,000 | 1.25×"
                + " | higher |  |");
    assertThat(md)
        .contains(
            "| figure | node | sio | tomcat | jetty | sio / node | tomcat / node | jetty / node |");
    assertThat(md).contains("| acks_per_s | 20000.000 | 30000.000 | 10000.000 | 25000.000 |");
  }

  @Test
  void ratioOrDash() {
    assertThat(MarkdownReport.ratioOrDash(1.33, 0.61)).isEqualTo("2.18×");
    assertThat(MarkdownReport.ratioOrDash(1, 0)).isEqualTo("–");
    assertThat(MarkdownReport.ratioOrDash(Double.NaN, 1)).isEqualTo("–");
  }
}
