package dev.sio.bench.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a JVM by class ({@code jcmd <pid> GC.class_histogram}, which runs a full GC
 * first), and the difference of two such snapshots per connection: where a JVM server's memory per
 * connection goes.
 */
public final class HeapHistogram {
  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

  private final Map<String, long[]> byClass; // instances, bytes

  private HeapHistogram(Map<String, long[]> byClass) {
    this.byClass = byClass;
  }

  /** Takes a histogram of JVM {@code pid} with {@code jcmd} (bounded: 60 s). */
  public static HeapHistogram take(long pid) throws IOException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("jcmd failed: " + out.lines().findFirst().orElse(""));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return parse(out);
  }

  /** Reads the text {@code jcmd GC.class_histogram} prints. */
  public static HeapHistogram parse(String text) {
    Map<String, long[]> m = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher r = ROW.matcher(line);
      if (r.find()) {
        m.put(r.group(3), new long[] {Long.parseLong(r.group(1)), Long.parseLong(r.group(2))});
      }
    }
    return new HeapHistogram(m);
  }

  /**
   * A markdown table of the {@code top} classes that grew most from {@code before} to this, divided
   * by {@code connections}, with the total.
   */
  public String perConnection(HeapHistogram before, int connections, int top) {
    record Row(String name, long instances, long bytes) {}
    List<Row> rows = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, long[]> e : byClass.entrySet()) {
      long[] b = before.byClass.getOrDefault(e.getKey(), new long[2]);
      Row row = new Row(e.getKey(), e.getValue()[0] - b[0], e.getValue()[1] - b[1]);
      total += row.bytes();
      rows.add(row);
    }
    rows.sort((x, y) -> Long.compare(y.bytes(), x.bytes()));
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Live heap growth per connection (%d connections): %.0f bytes%n%n",
            connections,
            (double) total / connections));
    sb.append("| bytes / connection | objects / connection | class |\n|---:|---:|---|\n");
    for (Row r : rows.subList(0, Math.min(top, rows.size()))) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %.0f | %.2f | `%s` |%n",
              (double) r.bytes() / connections,
              (double) r.instances() / connections,
              r.name()));
    }
    return sb.toString();
  }
}
