package dev.sio.bench.internal;

import dev.sio.bench.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a matrix run as markdown: the conditions (machine, versions, date, command), a summary of
 * the headline figures with the ratio of each Sio server (Netty, and the Servlet binding's {@code
 * tomcat} and {@code jetty} when run) to Node.js and the target, and every raw figure.
 */
public final class MarkdownReport {

  /** One headline figure: where to find it, which way is better, and Sio's goal if there is one. */
  record Metric(String scenario, String label, String key, boolean lowerIsBetter, String target) {}

  static final List<Metric> HEADLINES =
      List.of(
          new Metric("echo", "round trips / s", "acks_per_s", false, ""),
          new Metric("echo", "server CPU µs / round trip", "server_cpu_us_per_ack", true, "≤ 3"),
          new Metric("echo", "latency p50 ms", "latency_p50_ms", true, ""),
          new Metric("echo", "latency p99 ms", "latency_p99_ms", true, "≤ 1"),
          new Metric("echo", "latency p99.9 ms", "latency_p999_ms", true, ""),
          new Metric("echo", "load tool CPU µs / round trip", "tool_cpu_us_per_ack", true, ""),
          new Metric("echo-burst", "round trips / s (W 16)", "acks_per_s", false, ""),
          new Metric(
              "echo-burst", "server CPU µs / round trip (W 16)", "server_cpu_us_per_ack", true, ""),
          new Metric("echo-burst", "latency p99 ms (W 16)", "latency_p99_ms", true, ""),
          new Metric("broadcast", "deliveries / s", "deliveries_per_s", false, ""),
          new Metric(
              "broadcast",
              "server CPU µs / delivery",
              "server_cpu_us_per_delivery",
              true,
              "≤ 1.25"),
          new Metric("broadcast", "delivery latency p50 ms", "latency_p50_ms", true, ""),
          new Metric("broadcast", "delivery latency p99 ms", "latency_p99_ms", true, ""),
          new Metric(
              "broadcast", "load tool CPU µs / delivery", "tool_cpu_us_per_delivery", true, ""),
          new Metric(
              "connections",
              "RSS bytes / connection (held)",
              "rss_per_connection_bytes",
              true,
              "≤ 4096"),
          new Metric(
              "connections",
              "RSS bytes / connection after 2 full GCs",
              "rss_after_gc_per_connection_bytes",
              true,
              ""),
          new Metric(
              "connections",
              "heap bytes / connection",
              "heap_per_connection_bytes",
              true,
              "≤ 3072"),
          new Metric(
              "connections",
              "server CPU µs / connection opened",
              "server_cpu_us_per_connection",
              true,
              ""),
          new Metric("connections", "connect latency p99 ms", "connect_p99_ms", true, ""),
          new Metric(
              "connections",
              "direct memory bytes / connection",
              "direct_per_connection_bytes",
              true,
              ""),
          new Metric("paced-broadcast", "broadcasts / s (paced)", "broadcasts_per_s", false, ""),
          new Metric(
              "paced-broadcast", "last recipient p50 ms", "last_p50_ms", true, "≤ 0.5× Node"),
          new Metric(
              "paced-broadcast", "last recipient p99 ms", "last_p99_ms", true, "≤ 0.5× Node"),
          new Metric("paced-broadcast", "last recipient max ms", "last_max_ms", true, ""),
          new Metric("paced-broadcast", "first recipient p50 ms", "first_p50_ms", true, ""),
          new Metric("paced-broadcast", "first → last spread p99 ms", "spread_p99_ms", true, ""),
          new Metric("paced-broadcast", "delivery latency p99 ms", "delivery_p99_ms", true, ""),
          new Metric(
              "paced-broadcast",
              "server CPU µs / delivery",
              "server_cpu_us_per_delivery",
              true,
              "≤ 0.5× Node"),
          new Metric(
              "paced-broadcast",
              "load tool CPU ms / broadcast (its reading time)",
              "tool_cpu_ms_per_broadcast",
              true,
              ""),
          new Metric("storm", "time until all connected ms", "all_connected_ms", true, ""),
          new Metric("storm", "connect latency p50 ms", "connect_p50_ms", true, ""),
          new Metric("storm", "connect latency p99 ms", "connect_p99_ms", true, ""),
          new Metric("storm", "connect latency max ms", "connect_max_ms", true, ""),
          new Metric(
              "storm",
              "server CPU µs / connection (cold)",
              "server_cpu_us_per_connection",
              true,
              "≤ 0.5× Node"),
          new Metric(
              "storm",
              "server CPU µs / connection (warm)",
              "warm_server_cpu_us_per_connection",
              true,
              ""),
          new Metric("storm", "failed connections", "connect_failures", true, "0"),
          new Metric("polling", "round trips / s", "acks_per_s", false, ""),
          new Metric("polling", "server CPU µs / round trip", "server_cpu_us_per_ack", true, ""),
          new Metric("polling", "latency p99 ms", "latency_p99_ms", true, ""));

  /** The column titles of the servers in the summary. */
  private static final Map<String, String> NAMES =
      Map.of("sio", "Sio", "tomcat", "Tomcat", "jetty", "Jetty");

  private MarkdownReport() {}

  /**
   * The report.
   *
   * @param conditions ordered label → value lines (date, machine, versions, command)
   * @param results scenario → server name ("node", "sio", "tomcat", "jetty") → result
   */
  public static String render(
      String title,
      Map<String, String> conditions,
      Map<String, Map<String, ScenarioResult>> results) {
    StringBuilder md = new StringBuilder();
    md.append("## ").append(title).append("\n\n");
    conditions.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    // Sio's column always; the Servlet binding's servers when the run has them.
    List<String> sios = new ArrayList<>(List.of("sio"));
    results
        .values()
        .forEach(
            byServer ->
                byServer.keySet().stream()
                    .filter(s -> !s.equals("node") && !sios.contains(s))
                    .forEach(sios::add));
    md.append("\n### Summary (ratio = Sio / Node.js, measured in this run)\n\n");
    md.append("| scenario | figure | Node.js |");
    sios.forEach(
        s ->
            md.append(' ')
                .append(NAMES.getOrDefault(s, s))
                .append(" | ")
                .append(NAMES.getOrDefault(s, s))
                .append(" / Node |"));
    md.append(" better | Sio target |\n");
    md.append("|---|---|---:|").append("---:|---:|".repeat(sios.size())).append("---|---|\n");
    for (Metric m : HEADLINES) {
      Map<String, ScenarioResult> byServer = results.get(m.scenario());
      if (byServer == null) {
        continue;
      }
      double node = value(byServer.get("node"), m.key());
      md.append("| ")
          .append(m.scenario())
          .append(" | ")
          .append(m.label())
          .append(" | ")
          .append(format(node))
          .append(" |");
      for (String s : sios) {
        double v = value(byServer.get(s), m.key());
        md.append(' ').append(format(v)).append(" | ").append(ratioOrDash(v, node)).append(" |");
      }
      md.append(' ')
          .append(m.lowerIsBetter() ? "lower" : "higher")
          .append(" | ")
          .append(m.target())
          .append(" |\n");
    }
    md.append('\n').append(GoalsTable.render(results));
    md.append("\n### Raw figures\n");
    results.forEach(
        (scenario, byServer) -> {
          md.append("\n#### ").append(scenario).append("\n\n");
          List<String> servers = new ArrayList<>(byServer.keySet());
          Set<String> keys = new LinkedHashSet<>();
          byServer.values().forEach(r -> keys.addAll(r.figures().keySet()));
          List<String> ratios =
              byServer.containsKey("node")
                  ? servers.stream().filter(s -> !s.equals("node")).toList()
                  : List.of();
          md.append("| figure |");
          servers.forEach(s -> md.append(' ').append(s).append(" |"));
          ratios.forEach(s -> md.append(' ').append(s).append(" / node |"));
          md.append("\n|---|");
          servers.forEach(s -> md.append("---:|"));
          ratios.forEach(s -> md.append("---:|"));
          md.append('\n');
          for (String key : keys) {
            md.append("| ").append(key).append(" |");
            for (String s : servers) {
              String v = byServer.get(s).get(key);
              md.append(' ').append(v == null ? "" : v.replace("|", "/")).append(" |");
            }
            for (String s : ratios) {
              md.append(' ')
                  .append(
                      ratioOrDash(byServer.get(s).number(key), byServer.get("node").number(key)))
                  .append(" |");
            }
            md.append('\n');
          }
        });
    return md.toString();
  }

  /** An empty ordered map for conditions. */
  public static Map<String, String> conditions() {
    return new LinkedHashMap<>();
  }

  private static double value(ScenarioResult r, String key) {
    return r == null ? Double.NaN : r.number(key);
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** {@code sio / node} as {@code 0.42×}, or a dash when either is missing or node is 0. */
  static String ratioOrDash(double sio, double node) {
    if (Double.isNaN(node) || Double.isNaN(sio) || node == 0) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f×", sio / node);
  }
}
