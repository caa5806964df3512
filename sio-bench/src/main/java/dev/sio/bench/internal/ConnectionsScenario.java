package dev.sio.bench.internal;

import dev.sio.bench.LoadOptions;
import dev.sio.bench.ScenarioResult;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Connections: measures the server's memory (RSS from {@code /proc}, live heap from the fixture's
 * {@code gc} answer) with one control client, opens N WebSocket clients at a set rate, holds them,
 * measures again, and reports the difference per connection, the time to connect them all, the
 * connect latency, and the server's CPU per connection opened. Also per connection: the server's
 * direct (off-heap) memory and open files, and the kernel's socket memory per socket (machine-wide
 * {@link KernelMemory}, both ends of each loopback connection counted, so divided by 2N).
 */
public final class ConnectionsScenario implements WsClient.Listener {
  private final LoadOptions options;

  /** A connections run with {@code options}. */
  public ConnectionsScenario(LoadOptions options) {
    this.options = options;
  }

  private HeapHistogram histogram(long pid, ScenarioResult r) {
    if (options.histogramFile() == null || pid <= 0) {
      return null;
    }
    try {
      return HeapHistogram.take(pid);
    } catch (java.io.IOException e) {
      r.put("heap_histogram_error", e.getMessage());
      return null;
    }
  }

  private static long pings(ClientPool pool) {
    long n = 0;
    for (WsClient c : pool.clients()) {
      n += c.pings();
    }
    return n;
  }

  private static void putKernel(
      ScenarioResult r, KernelMemory.Sample before, KernelMemory.Sample after, int connected) {
    int sockets = 2 * connected; // the tool's end and the server's end of each connection
    if (before.tcpBufferBytes() >= 0 && after.tcpBufferBytes() >= 0) {
      r.put(
          "kernel_tcp_buffer_bytes_per_socket",
          (double) (after.tcpBufferBytes() - before.tcpBufferBytes()) / sockets);
    }
    if (before.socketSlabBytes() >= 0 && after.socketSlabBytes() >= 0) {
      r.put(
          "kernel_slab_bytes_per_socket",
          (double) (after.socketSlabBytes() - before.socketSlabBytes()) / sockets);
    }
  }

  /** Runs the scenario; {@code progress} gets a line about once a second. */
  public ScenarioResult run(Consumer<String> progress) {
    ScenarioResult r = new ScenarioResult();
    int n = options.clients();
    r.put("scenario", "connections").put("clients", n).put("connect_rate", options.connectRate());
    long fdLimit = ProcStats.openFilesLimit();
    if (fdLimit > 0 && n + 200 > fdLimit) {
      r.put("error", n + " clients need more than this process's " + fdLimit + " open files");
      return r;
    }
    try (LoadTransport transport =
            new LoadTransport(
                options.host(), options.port(), options.threads(), options.sources());
        ControlClient control = new ControlClient(transport)) {
      long pid = options.serverPid();
      control.gc();
      ControlClient.Memory before = control.gc();
      long rssBefore = pid > 0 ? ProcStats.rssBytes(pid) : before.rss();
      long fdsBefore = ProcStats.openFiles(pid);
      KernelMemory.Sample kernelBefore = KernelMemory.sample();
      HeapHistogram histogramBefore = histogram(pid, r);
      long cpuBefore = ProcStats.cpuMicros(pid);
      ClientPool pool = new ClientPool(this);
      long t0 = System.nanoTime();
      int connected =
          pool.open(
              transport, n, options.connectRate(), Duration.ofSeconds(30), progress, "connections");
      double seconds = (System.nanoTime() - t0) / 1e9;
      long cpuAfter = ProcStats.cpuMicros(pid);
      r.put("connected", connected).put("connect_failures", pool.failed());
      r.put("connect_seconds", pool.connectSpanNanos() / 1e9);
      r.put("open_seconds", seconds);
      RunControl.putLatency(r, "connect", pool.connectLatency());
      if (cpuBefore >= 0 && cpuAfter >= 0 && connected > 0) {
        r.put("server_cpu_us_per_connection", (double) (cpuAfter - cpuBefore) / connected);
      }
      progress.accept("connections holding " + options.hold().toSeconds() + " s");
      long pingsBefore = pings(pool);
      long holdCpuBefore = ProcStats.cpuMicros(pid);
      RunControl.sleep(options.hold().toMillis());
      long holdCpu = ProcStats.cpuMicros(pid) - holdCpuBefore;
      long pings = pings(pool) - pingsBefore;
      r.put("hold_pings", pings);
      if (holdCpuBefore >= 0 && connected > 0) {
        r.put(
            "hold_server_cores", holdCpu / 1e6 / Math.max(0.001, options.hold().toMillis() / 1e3));
        if (pings > 0) {
          r.put("heartbeat_cpu_us_per_ping", (double) holdCpu / pings);
        }
      }
      // the resident set as the server holds the idle clients, before anything forces a
      // collection: a full collection of a compacting JVM collector copies the live objects into
      // old-generation pages not resident before while the young generation's stay resident, and
      // its marking memory stays in the C heap, so the figure after it (reported beside) counts
      // the live objects twice
      long rssHeld = pid > 0 ? ProcStats.rssBytes(pid) : -1;
      try {
        HeapHistogram histogramAfter = histogram(pid, r);
        control.gc();
        ControlClient.Memory after = control.gc();
        long rssAfter = pid > 0 ? ProcStats.rssBytes(pid) : after.rss();
        long fdsAfter = ProcStats.openFiles(pid);
        KernelMemory.Sample kernelAfter = KernelMemory.sample();
        int still = 0;
        for (WsClient c : pool.clients()) {
          if (c.channel() != null && c.channel().isActive() && c.connectedNanos() != 0) {
            still++;
          }
        }
        r.put("held", still);
        r.put("rss_before_bytes", rssBefore).put("rss_after_bytes", rssAfter);
        if (rssHeld >= 0) {
          r.put("rss_held_bytes", rssHeld);
        }
        r.put("heap_before_bytes", before.heapUsed()).put("heap_after_bytes", after.heapUsed());
        if (connected > 0) {
          r.put(
              "rss_per_connection_bytes",
              (double) ((rssHeld >= 0 ? rssHeld : rssAfter) - rssBefore) / connected);
          r.put("rss_after_gc_per_connection_bytes", (double) (rssAfter - rssBefore) / connected);
          r.put(
              "heap_per_connection_bytes",
              (double) (after.heapUsed() - before.heapUsed()) / connected);
          if (before.direct() >= 0 && after.direct() >= 0) {
            r.put("direct_before_bytes", before.direct()).put("direct_after_bytes", after.direct());
            r.put(
                "direct_per_connection_bytes",
                (double) (after.direct() - before.direct()) / connected);
          }
          if (fdsBefore >= 0 && fdsAfter >= 0) {
            r.put("fds_per_connection", (double) (fdsAfter - fdsBefore) / connected);
          }
          putKernel(r, kernelBefore, kernelAfter, connected);
        }
        r.put("lost", n - still);
        if (histogramBefore != null && histogramAfter != null && connected > 0) {
          try {
            java.nio.file.Files.writeString(
                options.histogramFile(),
                histogramAfter.perConnection(histogramBefore, connected, 60));
            r.put("heap_histogram", options.histogramFile());
          } catch (java.io.IOException e) {
            r.put("heap_histogram_error", e.getMessage());
          }
        }
        if (pool.failed() > 0) {
          r.put("error", pool.failed() + " clients failed: " + pool.firstFailure());
        }
      } catch (IllegalStateException e) {
        // the server did not answer the gc request in time: report what was measured so far
        r.put("error", "no memory figures after connecting: " + e.getMessage());
      }
      progress.accept("connections closing");
      pool.closeAll();
    }
    return r;
  }
}
