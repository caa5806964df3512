package dev.sio.bench.internal;

import dev.sio.bench.SoakOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a soak stayed flat, from its samples. The rules:
 *
 * <ul>
 *   <li><b>Flat under load.</b> One round: the load phase is cut into thirds by time; the first is
 *       warm-up, and for RSS, heap used, heap committed, direct memory, open files and threads the
 *       last third's maximum must be at most the second third's maximum times {@code 1 +
 *       tolerance}, plus a slack (memory: {@code memorySlackBytes}; files and threads: their end
 *       slack). Several rounds: each round's peak and its value at the end of its quiet time are
 *       compared the same way, the last round against the second (the first is warm-up). Open files
 *       and threads are compared after the quiet times only, and so is the live heap (the heap in
 *       use after a full GC, taken at the end of the baseline and of each quiet time).
 *   <li><b>Back at the end.</b> After the last quiet time: the live heap within the tolerance of
 *       the baseline's, open files at most the baseline plus {@code fdSlack}, threads at most the
 *       baseline plus {@code threadSlack}, {@code clientsCount()} 0.
 * </ul>
 */
public final class SoakVerdict {
  /** One rule's outcome. */
  public record Check(String name, boolean passed, String detail) {}

  private SoakVerdict() {}

  /** The checks of {@code samples} under {@code options}' tolerances. */
  public static List<Check> check(List<SoakSample> samples, SoakOptions options) {
    List<Check> checks = new ArrayList<>();
    List<SoakSample> baseline = phase(samples, "baseline", -1);
    if (baseline.isEmpty()) {
      checks.add(new Check("baseline", false, "no baseline sample"));
      return checks;
    }
    for (String metric : List.of("rss", "heapUsed", "heapCommitted", "direct", "fds", "threads")) {
      long slack =
          switch (metric) {
            case "fds" -> options.fdSlack();
            case "threads" -> options.threadSlack();
            default -> options.memorySlackBytes();
          };
      if (options.rounds() == 1) {
        checks.add(thirds(metric, phase(samples, "load", 1), options.tolerance(), slack));
      } else {
        // open files and threads follow the number of clients at the peak: compared after idle
        boolean peaks = !metric.equals("fds") && !metric.equals("threads");
        checks.addAll(rounds(metric, samples, options.rounds(), options.tolerance(), slack, peaks));
      }
    }
    if (options.rounds() > 1) {
      checks.addAll(
          rounds(
              "heapLive",
              samples,
              options.rounds(),
              options.tolerance(),
              options.memorySlackBytes(),
              false));
    }
    SoakSample base = baseline.get(baseline.size() - 1);
    List<SoakSample> settle = phase(samples, "settle", options.rounds());
    if (settle.isEmpty()) {
      checks.add(new Check("end", false, "no sample after the last round"));
      return checks;
    }
    SoakSample end = settle.get(settle.size() - 1);
    checks.add(
        compare(
            "live heap back to baseline (after a full GC)",
            "heapLive",
            lastOf(baseline, "heapLive"),
            lastOf(settle, "heapLive"),
            options.tolerance(),
            options.memorySlackBytes()));
    checks.add(
        atMost("fds back to baseline", end.fds(), base.fds() + options.fdSlack(), base.fds()));
    checks.add(
        atMost(
            "threads back to baseline",
            end.threads(),
            base.threads() + options.threadSlack(),
            base.threads()));
    checks.add(
        new Check(
            "clientsCount 0 at the end",
            end.clientsCount() == 0,
            "clientsCount() = " + end.clientsCount()));
    return checks;
  }

  /** True when every check passed. */
  public static boolean flat(List<Check> checks) {
    return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
  }

  private static Check thirds(String metric, List<SoakSample> load, double tolerance, long slack) {
    String name = metric + " flat (last third vs second third)";
    if (load.size() < 6) {
      return new Check(name, false, "only " + load.size() + " load samples; need 6 or more");
    }
    double t0 = load.get(0).seconds();
    double span = load.get(load.size() - 1).seconds() - t0;
    long second = -1;
    long last = -1;
    for (SoakSample s : load) {
      double f = span <= 0 ? 0 : (s.seconds() - t0) / span;
      if (f >= 2.0 / 3) {
        last = Math.max(last, s.get(metric));
      } else if (f >= 1.0 / 3) {
        second = Math.max(second, s.get(metric));
      }
    }
    return compare(name, metric, second, last, tolerance, slack);
  }

  private static List<Check> rounds(
      String metric,
      List<SoakSample> samples,
      int rounds,
      double tolerance,
      long slack,
      boolean peaks) {
    int ref = rounds >= 3 ? 2 : 1;
    long refPeak = max(phase(samples, "load", ref), metric);
    long lastPeak = max(phase(samples, "load", rounds), metric);
    long refEnd = lastOf(phase(samples, "settle", ref), metric);
    long lastEnd = lastOf(phase(samples, "settle", rounds), metric);
    Check idle =
        compare(
            metric + " after-idle flat (round " + rounds + " vs " + ref + ")",
            metric,
            refEnd,
            lastEnd,
            tolerance,
            slack);
    if (!peaks) {
      return List.of(idle);
    }
    return List.of(
        compare(
            metric + " peak flat (round " + rounds + " vs " + ref + ")",
            metric,
            refPeak,
            lastPeak,
            tolerance,
            slack),
        idle);
  }

  private static Check compare(
      String name, String metric, long reference, long value, double tolerance, long slack) {
    if (reference < 0 || value < 0) {
      return new Check(name, false, "not measured");
    }
    long limit = (long) Math.floor(reference * (1 + tolerance)) + slack;
    return new Check(
        name,
        value <= limit,
        String.format(
            Locale.ROOT,
            "%s vs reference %s (limit %s)",
            format(metric, value),
            format(metric, reference),
            format(metric, limit)));
  }

  private static Check atMost(String name, long value, long limit, long baseline) {
    return new Check(
        name,
        value >= 0 && value <= limit,
        value + " (baseline " + baseline + ", limit " + limit + ")");
  }

  private static List<SoakSample> phase(List<SoakSample> samples, String phase, int round) {
    return samples.stream()
        .filter(s -> s.phase().equals(phase) && (round < 0 || s.round() == round))
        .toList();
  }

  private static long max(List<SoakSample> samples, String metric) {
    return samples.stream().mapToLong(s -> s.get(metric)).max().orElse(-1);
  }

  /** The last measured (non-negative) value of {@code metric}, or -1. */
  private static long lastOf(List<SoakSample> samples, String metric) {
    for (int i = samples.size() - 1; i >= 0; i--) {
      long v = samples.get(i).get(metric);
      if (v >= 0) {
        return v;
      }
    }
    return -1;
  }

  /** {@code value} as MiB for memory metrics, as a count for the others. */
  public static String format(String metric, long value) {
    return switch (metric) {
      case "fds", "threads", "clientsCount" -> Long.toString(value);
      default -> String.format(Locale.ROOT, "%.1f MiB", value / 1048576.0);
    };
  }
}
