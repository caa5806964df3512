package dev.sio.bench.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's TCP counters that explain a connection storm's failures and slow connects, from
 * {@code /proc/net/netstat} (machine-wide): accept queues that overflowed ({@code ListenOverflows},
 * the SYN or ACK is dropped and the client retries after 1 s), connections dropped at listen
 * ({@code ListenDrops}) and SYN cookies sent ({@code SyncookiesSent}, the SYN queue was full).
 */
public final class TcpCounters {
  /** The counters read, under their names in {@code /proc/net/netstat}. */
  static final List<String> NAMES = List.of("ListenOverflows", "ListenDrops", "SyncookiesSent");

  private TcpCounters() {}

  /** The counters now; empty when {@code /proc/net/netstat} is unreadable. */
  public static Map<String, Long> sample() {
    try {
      return parse(Files.readString(Path.of("/proc/net/netstat"), StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  /** The counters of {@link #NAMES} in a netstat text (a header line, then its values line). */
  static Map<String, Long> parse(String netstat) {
    Map<String, Long> m = new LinkedHashMap<>();
    String[] lines = netstat.split("\n");
    for (int i = 0; i + 1 < lines.length; i++) {
      if (lines[i].startsWith("TcpExt:") && lines[i + 1].startsWith("TcpExt:")) {
        String[] names = lines[i].trim().split("\\s+");
        String[] values = lines[i + 1].trim().split("\\s+");
        for (int k = 1; k < names.length && k < values.length; k++) {
          if (NAMES.contains(names[k])) {
            m.put(names[k], Long.parseLong(values[k]));
          }
        }
        break;
      }
    }
    return m;
  }

  /**
   * Puts {@code after − before} of each counter into {@code r} as {@code <prefix>listen_overflows}
   * and so on (snake case); nothing for a counter missing from either.
   */
  public static void putDelta(
      dev.sio.bench.ScenarioResult r,
      String prefix,
      Map<String, Long> before,
      Map<String, Long> after) {
    for (String name : NAMES) {
      Long b = before.get(name);
      Long a = after.get(name);
      if (a != null && b != null) {
        r.put(prefix + snake(name), a - b);
      }
    }
  }

  static String snake(String name) {
    return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
