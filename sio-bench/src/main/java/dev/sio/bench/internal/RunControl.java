package dev.sio.bench.internal;

import dev.sio.bench.LoadOptions;
import dev.sio.bench.ScenarioResult;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The phases of a measured run, driven by the calling thread: WARMUP until the warmup count or time
 * is reached, MEASURE until the message count or the duration is reached, then DRAIN. Takes the CPU
 * and time snapshots at the phase edges and reports progress once a second.
 */
public final class RunControl {
  /** Before measuring: nothing is recorded. */
  public static final int WARMUP = 0;

  /** Measuring: latencies are recorded. */
  public static final int MEASURE = 1;

  /** Measuring ended: no new work is started, the last answers are awaited. */
  public static final int DRAIN = 2;

  private volatile int phase = WARMUP; // written by the driving thread, read by event loops
  private volatile String failure; // first fatal problem, any thread

  private Snapshot begin; // driving thread
  private Snapshot end; // driving thread

  /** Time, CPU of server and tool, and the unit counter at one instant. */
  public record Snapshot(
      long nanos, long serverCpuMicros, long serverSysMicros, long selfCpuMicros, long units) {
    static Snapshot take(long serverPid, long units) {
      long[] server = ProcStats.cpuSplitMicros(serverPid);
      return new Snapshot(
          System.nanoTime(),
          server == null ? -1 : server[0] + server[1],
          server == null ? -1 : server[1],
          ProcStats.cpuMicros(ProcStats.selfPid()),
          units);
    }
  }

  /** The current phase. */
  public int phase() {
    return phase;
  }

  /** True while measuring. */
  public boolean measuring() {
    return phase == MEASURE;
  }

  /** True once no new work should start. */
  public boolean draining() {
    return phase == DRAIN;
  }

  /** Records a fatal problem; the run stops at its next check. */
  public void fail(String why) {
    if (failure == null) {
      failure = why;
    }
  }

  /** The first fatal problem, or {@code null}. */
  public String failure() {
    return failure;
  }

  /**
   * Runs warmup and measure phases, then switches to DRAIN.
   *
   * @param units a monotonic count of finished units (acks, deliveries), warmup included
   * @param unitsPerMessage how many units make one of {@link LoadOptions#messages()}
   */
  public void run(
      LoadOptions o, LongSupplier units, long unitsPerMessage, Consumer<String> progress) {
    String name = o.scenario().cliName();
    long start = System.nanoTime();
    long warmEnd = start + o.warmup().toNanos();
    long warmUnits = o.warmupMessages() * unitsPerMessage;
    long nextReport = start + TimeUnit.SECONDS.toNanos(1);
    while (failure == null && System.nanoTime() < warmEnd && units.getAsLong() < warmUnits) {
      nextReport = report(progress, nextReport, name + " warmup units=" + units.getAsLong());
      sleep(5);
    }
    begin = Snapshot.take(o.serverPid(), units.getAsLong());
    phase = MEASURE;
    long measureEnd = begin.nanos() + o.duration().toNanos();
    long target = begin.units() + o.messages() * unitsPerMessage;
    while (failure == null && System.nanoTime() < measureEnd && units.getAsLong() < target) {
      nextReport =
          report(
              progress,
              nextReport,
              name
                  + " measure units="
                  + (units.getAsLong() - begin.units())
                  + "/"
                  + (target - begin.units()));
      sleep(2);
    }
    phase = DRAIN;
    end = Snapshot.take(o.serverPid(), units.getAsLong());
  }

  /** Puts the measured window's figures into {@code r}: units, seconds, rates and CPU per unit. */
  public void putWindow(ScenarioResult r, String unitName) {
    long units = end.units() - begin.units();
    double seconds = (end.nanos() - begin.nanos()) / 1e9;
    r.put(unitName, units);
    r.put("seconds", seconds);
    r.put(unitName + "_per_s", units / seconds);
    if (begin.serverCpuMicros() >= 0 && end.serverCpuMicros() >= 0) {
      long cpu = end.serverCpuMicros() - begin.serverCpuMicros();
      r.put(
          "server_cpu_us_per_" + singular(unitName),
          units == 0 ? Double.NaN : (double) cpu / units);
      r.put("server_cores", cpu / 1e6 / seconds);
      long sys = end.serverSysMicros() - begin.serverSysMicros();
      r.put("server_sys_share", cpu == 0 ? Double.NaN : (double) sys / cpu);
    }
    long self = end.selfCpuMicros() - begin.selfCpuMicros();
    r.put("tool_cpu_us_per_" + singular(unitName), units == 0 ? Double.NaN : (double) self / units);
    r.put("tool_cores", self / 1e6 / seconds);
  }

  /** Waits (bounded by the drain timeout) until {@code done} says yes. Returns whether it did. */
  public static boolean await(java.util.function.BooleanSupplier done, java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      sleep(2);
    }
    return true;
  }

  /** Puts p50, p99, p99.9 and max of {@code h} (nanoseconds) into {@code r} in milliseconds. */
  public static void putLatency(ScenarioResult r, String prefix, Histogram h) {
    r.put(prefix + "_p50_ms", h.percentile(50) / 1e6);
    r.put(prefix + "_p99_ms", h.percentile(99) / 1e6);
    r.put(prefix + "_p999_ms", h.percentile(99.9) / 1e6);
    r.put(prefix + "_max_ms", h.max() / 1e6);
  }

  private static String singular(String unitName) {
    if (unitName.endsWith("ies")) {
      return unitName.substring(0, unitName.length() - 3) + "y";
    }
    return unitName.endsWith("s") ? unitName.substring(0, unitName.length() - 1) : unitName;
  }

  private static long report(Consumer<String> progress, long nextReport, String line) {
    long now = System.nanoTime();
    if (now < nextReport) {
      return nextReport;
    }
    progress.accept(line);
    return now + TimeUnit.SECONDS.toNanos(1);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
