package dev.sio.bench.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's CPU time and resident memory from Linux's {@code /proc}: {@code utime + stime}
 * of {@code /proc/PID/stat} (all threads) and {@code VmRSS} of {@code /proc/PID/status}.
 */
public final class ProcStats {
  /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux we run on. */
  private static final long TICKS_PER_SECOND = clockTicks();

  private ProcStats() {}

  /** The id of this process. */
  public static long selfPid() {
    return ProcessHandle.current().pid();
  }

  /** CPU time (user + system, all threads) of {@code pid} in microseconds, or -1 if unknown. */
  public static long cpuMicros(long pid) {
    long[] split = cpuSplitMicros(pid);
    return split == null ? -1 : split[0] + split[1];
  }

  /**
   * User and system CPU time (all threads) of {@code pid} in microseconds, or {@code null} if
   * unknown.
   */
  public static long[] cpuSplitMicros(long pid) {
    if (pid <= 0) {
      return null;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
      // Fields after the command name, which is in parentheses and may hold spaces: field 3 is
      // the state, fields 14 and 15 are utime and stime.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {
        Long.parseLong(f[11]) * 1_000_000L / TICKS_PER_SECOND,
        Long.parseLong(f[12]) * 1_000_000L / TICKS_PER_SECOND
      };
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Resident set size of {@code pid} in bytes ({@code VmRSS}), or -1 if unknown. */
  public static long rssBytes(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring(6).trim();
          return Long.parseLong(kb.substring(0, kb.indexOf(' '))) * 1024;
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Open file descriptors of {@code pid} (entries of {@code /proc/PID/fd}), or -1 if unknown. */
  public static long openFiles(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The soft limit of open files of this process, or -1 if unknown. */
  public static long openFilesLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String[] f = line.substring("Max open files".length()).trim().split("\\s+");
          return f[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[0]);
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      p.waitFor();
      long ticks = Long.parseLong(out);
      return ticks > 0 ? ticks : 100;
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
