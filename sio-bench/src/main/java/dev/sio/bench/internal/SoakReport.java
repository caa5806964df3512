package dev.sio.bench.internal;

import dev.sio.bench.SoakOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The markdown summary of a soak: its settings, the figures per phase, the verdict. */
public final class SoakReport {
  private SoakReport() {}

  /** The summary of {@code result}; {@code csv} is where the samples are. */
  public static String markdown(SoakOptions o, SoakRun.Result result, Path csv) {
    StringBuilder sb = new StringBuilder();
    boolean flat = result.flat();
    sb.append("# Soak: ").append(flat ? "FLAT" : "NOT FLAT").append("\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "%d round(s) of %d s load + %d s quiet; %d clients at once (lives %d–%d s, at most"
                + " %d connects/s), %d rooms, %d chat messages/s, %d slow readers, %d hostile"
                + " threads; a sample every %d s (`%s`). Allocator: %s.%n%n",
            o.rounds(),
            o.duration().toSeconds(),
            o.settle().toSeconds(),
            o.clients(),
            o.minLifetime().toSeconds(),
            o.maxLifetime().toSeconds(),
            o.connectRate(),
            o.rooms(),
            o.broadcastRate(),
            o.slowReaders(),
            o.hostileThreads(),
            o.sampleEvery().toSeconds(),
            csv.getFileName(),
            result.figures().getOrDefault("allocator", "?")));
    List<SoakSample> samples = result.samples();
    sb.append("| figure | baseline |");
    for (int r = 1; r <= o.rounds(); r++) {
      sb.append(" round ").append(r).append(" peak | round ").append(r).append(" after quiet |");
    }
    sb.append("\n|---|---:|");
    sb.append("---:|---:|".repeat(o.rounds()));
    sb.append('\n');
    for (String metric : SoakSample.METRICS) {
      sb.append("| ").append(metric).append(" | ");
      sb.append(cell(metric, last(samples, "baseline", 0, metric))).append(" |");
      for (int r = 1; r <= o.rounds(); r++) {
        sb.append(' ').append(cell(metric, max(samples, r, metric))).append(" |");
        sb.append(' ').append(cell(metric, last(samples, "settle", r, metric))).append(" |");
      }
      sb.append('\n');
    }
    sb.append("\n## Verdict\n\n| check | result | detail |\n|---|---|---|\n");
    for (SoakVerdict.Check c : result.checks()) {
      sb.append("| ")
          .append(c.name())
          .append(" | ")
          .append(c.passed() ? "pass" : "**FAIL**")
          .append(" | ")
          .append(c.detail().replace('|', '/'))
          .append(" |\n");
    }
    sb.append("\n## Load\n\n| figure | value |\n|---|---:|\n");
    for (Map.Entry<String, Object> e : result.figures().entrySet()) {
      Object v = e.getValue();
      String text =
          v instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(v);
      sb.append("| ")
          .append(e.getKey())
          .append(" | ")
          .append(text.replace('|', '/'))
          .append(" |\n");
    }
    sb.append(
        "\nRule: see docs/SOAK.md. One round: the last third of the load's maximum within"
            + String.format(Locale.ROOT, " %.0f%%", o.tolerance() * 100)
            + " (+ slack) of the second third's; several rounds: the last round's peak and"
            + " after-quiet value against the second round's; then open files and threads back"
            + " to the baseline, the live heap (after a full GC) back to the baseline's, and clientsCount"
            + " 0.\n");
    return sb.toString();
  }

  private static String cell(String metric, long v) {
    return v < 0 ? "–" : SoakVerdict.format(metric, v);
  }

  private static long max(List<SoakSample> samples, int round, String metric) {
    return samples.stream()
        .filter(s -> s.phase().equals("load") && s.round() == round)
        .mapToLong(s -> s.get(metric))
        .max()
        .orElse(-1);
  }

  private static long last(List<SoakSample> samples, String phase, int round, String metric) {
    long v = -1;
    for (SoakSample s : samples) {
      if (s.phase().equals(phase) && s.round() == round && s.get(metric) >= 0) {
        v = s.get(metric);
      }
    }
    return v;
  }
}
