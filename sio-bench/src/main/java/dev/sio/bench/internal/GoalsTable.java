package dev.sio.bench.internal;

import dev.sio.bench.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The performance goals of issue 10 as a markdown table with a verdict per goal, judged on one
 * matrix run: a goal holds a bound relative to Node.js measured in the same run ({@code ≤ 0.5×
 * Node}), an absolute bound, or both.
 */
public final class GoalsTable {

  /**
   * One goal: Sio's figure {@code key} of {@code scenario} at most {@code maxRatio} times Node's
   * and at most {@code maxValue} (either NaN when that bound does not apply).
   */
  record Goal(String label, String scenario, String key, double maxRatio, double maxValue) {}

  /** What a goal came to in one run. */
  enum Verdict {
    PASS("pass"),
    FAIL("**fail**"),
    NOT_MEASURED("not measured");

    final String text;

    Verdict(String text) {
      this.text = text;
    }
  }

  private static final double NONE = Double.NaN;

  static final List<Goal> GOALS =
      List.of(
          new Goal("echo latency p99 (ms)", "echo", "latency_p99_ms", 0.5, 1),
          new Goal("echo latency max (ms)", "echo", "latency_max_ms", NONE, 10),
          new Goal(
              "paced broadcast, last recipient p50 (ms)",
              "paced-broadcast",
              "last_p50_ms",
              0.5,
              NONE),
          new Goal(
              "paced broadcast, last recipient p99 (ms)",
              "paced-broadcast",
              "last_p99_ms",
              0.5,
              NONE),
          new Goal(
              "server CPU per delivery, paced broadcast (µs)",
              "paced-broadcast",
              "server_cpu_us_per_delivery",
              0.5,
              NONE),
          new Goal(
              "server CPU per delivery, closed-loop broadcast (µs)",
              "broadcast",
              "server_cpu_us_per_delivery",
              0.25,
              NONE),
          new Goal(
              "server CPU per connection, storm (µs)",
              "storm",
              "server_cpu_us_per_connection",
              0.5,
              NONE),
          new Goal(
              "server CPU per connection, paced connections (µs)",
              "connections",
              "server_cpu_us_per_connection",
              0.5,
              NONE),
          new Goal(
              "RSS per idle WebSocket client (bytes)",
              "connections",
              "rss_per_connection_bytes",
              NONE,
              4096),
          new Goal(
              "live heap per idle WebSocket client (bytes)",
              "connections",
              "heap_per_connection_bytes",
              NONE,
              3072));

  private GoalsTable() {}

  /** The verdict of {@code g} for these figures of Sio and Node.js (NaN when not measured). */
  static Verdict judge(Goal g, double sio, double node) {
    if (Double.isNaN(sio)) {
      return Verdict.NOT_MEASURED;
    }
    boolean ok = true;
    if (!Double.isNaN(g.maxRatio())) {
      if (Double.isNaN(node) || node <= 0) {
        return Verdict.NOT_MEASURED;
      }
      ok = sio <= g.maxRatio() * node;
    }
    if (!Double.isNaN(g.maxValue())) {
      ok &= sio <= g.maxValue();
    }
    return ok ? Verdict.PASS : Verdict.FAIL;
  }

  /** The target of {@code g} in words: {@code ≤ 0.5× Node and ≤ 1}. */
  static String target(Goal g) {
    List<String> parts = new ArrayList<>();
    if (!Double.isNaN(g.maxRatio())) {
      parts.add(String.format(Locale.ROOT, "≤ %s× Node", trim(g.maxRatio())));
    }
    if (!Double.isNaN(g.maxValue())) {
      parts.add("≤ " + trim(g.maxValue()));
    }
    return String.join(" and ", parts);
  }

  /**
   * The table, under its own heading: one row per goal whose scenario ran (a figure missing from it
   * shows "not measured"), then how many were met; empty when no such scenario ran.
   */
  public static String render(Map<String, Map<String, ScenarioResult>> results) {
    StringBuilder md = new StringBuilder("### Goals of issue 10 (verdicts from this run)\n\n");
    md.append("| goal | Node.js | Sio | Sio / Node | target | verdict |\n");
    md.append("|---|---:|---:|---:|---|---|\n");
    int passed = 0;
    int judged = 0;
    int rows = 0;
    for (Goal g : GOALS) {
      Map<String, ScenarioResult> byServer = results.get(g.scenario());
      if (byServer == null) {
        continue;
      }
      rows++;
      double sio = number(byServer.get("sio"), g.key());
      double node = number(byServer.get("node"), g.key());
      Verdict v = judge(g, sio, node);
      if (v != Verdict.NOT_MEASURED) {
        judged++;
        passed += v == Verdict.PASS ? 1 : 0;
      }
      md.append("| ")
          .append(g.label())
          .append(" | ")
          .append(MarkdownReport.format(node))
          .append(" | ")
          .append(MarkdownReport.format(sio))
          .append(" | ")
          .append(MarkdownReport.ratioOrDash(sio, node))
          .append(" | ")
          .append(target(g))
          .append(" | ")
          .append(v.text)
          .append(" |\n");
    }
    if (rows == 0) {
      return "";
    }
    md.append("\n")
        .append(passed)
        .append(" of ")
        .append(judged)
        .append(" goals judged in this run are met; ")
        .append(GOALS.size() - judged)
        .append(" of the ")
        .append(GOALS.size())
        .append(" not judged (scenario or figure missing).\n");
    return md.toString();
  }

  private static double number(ScenarioResult r, String key) {
    return r == null ? Double.NaN : r.number(key);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : Double.toString(v);
  }
}
