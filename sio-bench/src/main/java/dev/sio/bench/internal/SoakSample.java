package dev.sio.bench.internal;

import java.util.List;
import java.util.Locale;

/**
 * One sample of the soak's server: its process figures from {@code /proc}, its JVM and Netty
 * figures from {@code GET /sio-stats}, and the load tool's own counts at that instant. Sizes are in
 * bytes; -1 means unknown.
 *
 * @param seconds since the soak began
 * @param phase {@code baseline}, {@code load} or {@code settle}
 * @param round the round, from 1 (0 for the baseline)
 * @param rss resident set size ({@code VmRSS})
 * @param heapUsed heap in use
 * @param heapCommitted heap committed
 * @param direct direct memory held by Netty's allocator (its own counter; or Netty's global one)
 * @param fds open file descriptors ({@code /proc/PID/fd})
 * @param threads threads ({@code /proc/PID/status})
 * @param clientsCount the server's open Engine.IO sessions
 * @param toolClients load clients connected at that instant
 * @param toolConnects load clients connected since the start
 * @param heapLive heap in use after a full GC, measured at the end of the baseline and of each
 *     quiet time only (-1 elsewhere)
 */
public record SoakSample(
    double seconds,
    String phase,
    int round,
    long rss,
    long heapUsed,
    long heapCommitted,
    long direct,
    long fds,
    long threads,
    long clientsCount,
    long toolClients,
    long toolConnects,
    long heapLive) {

  /** The CSV header, in the order of {@link #csv()}. */
  public static final String CSV_HEADER =
      "seconds,phase,round,rss_bytes,heap_used_bytes,heap_committed_bytes,direct_bytes,fds,"
          + "threads,clients_count,tool_clients,tool_connects,heap_live_bytes";

  /** The figures the verdict checks, by name, in the order of the report. */
  public static final List<String> METRICS =
      List.of(
          "rss",
          "heapUsed",
          "heapCommitted",
          "heapLive",
          "direct",
          "fds",
          "threads",
          "clientsCount");

  /** This sample with {@code heapLive} set. */
  public SoakSample withHeapLive(long live) {
    return new SoakSample(
        seconds,
        phase,
        round,
        rss,
        heapUsed,
        heapCommitted,
        direct,
        fds,
        threads,
        clientsCount,
        toolClients,
        toolConnects,
        live);
  }

  /** One CSV line. */
  public String csv() {
    return String.format(
        Locale.ROOT,
        "%.1f,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d",
        seconds,
        phase,
        round,
        rss,
        heapUsed,
        heapCommitted,
        direct,
        fds,
        threads,
        clientsCount,
        toolClients,
        toolConnects,
        heapLive);
  }

  /** The metric named {@code name} (one of {@link #METRICS}). */
  public long get(String name) {
    return switch (name) {
      case "rss" -> rss;
      case "heapUsed" -> heapUsed;
      case "heapCommitted" -> heapCommitted;
      case "direct" -> direct;
      case "fds" -> fds;
      case "threads" -> threads;
      case "clientsCount" -> clientsCount;
      case "heapLive" -> heapLive;
      default -> throw new IllegalArgumentException("unknown metric " + name);
    };
  }
}
