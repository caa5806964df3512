package dev.sio.bench.internal;

import dev.sio.bench.LoadOptions;
import dev.sio.bench.ScenarioResult;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Connection storm: N WebSocket clients (Engine.IO straight over WebSocket, then CONNECT to {@code
 * /}) opened at once, without pacing, as every client reconnects after a server restart. Reports
 * the time until all are connected, the connect latency (open to CONNECT answer), the server's CPU
 * per connection ((CPU after the last CONNECT answer − CPU before the first open) / N, every thread
 * of the process: JIT and GC included) and failures.
 *
 * <p>Before the first storm the tool warms its own connect path against a stand-in inside its
 * process ({@link ToolWarmup}), never against the server under test.
 *
 * <p>With {@link LoadOptions#rounds()} above 1 the clients are closed and the storm repeated: the
 * first round meets the freshly started server (the figures without prefix), the last round a warm
 * one (the figures prefixed {@code warm_}). The kernel's listen-queue counters over each storm
 * ({@link TcpCounters}) say whether connections waited for a retransmitted SYN.
 */
public final class StormScenario implements WsClient.Listener {
  private static final long SETTLE_MILLIS = 2000;

  private final LoadOptions options;

  /** A storm run with {@code options}. */
  public StormScenario(LoadOptions options) {
    this.options = options;
  }

  /** Runs the scenario; {@code progress} gets a line about once a second. */
  public ScenarioResult run(Consumer<String> progress) {
    ScenarioResult r = new ScenarioResult();
    int n = options.clients();
    r.put("scenario", "storm").put("clients", n).put("rounds", options.rounds());
    long fdLimit = ProcStats.openFilesLimit();
    if (fdLimit > 0 && n + 200 > fdLimit) {
      r.put("error", n + " clients need more than this process's " + fdLimit + " open files");
      return r;
    }
    try (LoadTransport transport =
        new LoadTransport(options.host(), options.port(), options.threads(), options.sources())) {
      progress.accept("storm: warming the load tool (not the server)");
      int warm = Math.min(n, 2000);
      r.put("tool_warmup_connected", ToolWarmup.run(warm, 3, options.threads()));
      long failures = 0;
      for (int round = 1; round <= options.rounds(); round++) {
        boolean reported = round == 1 || round == options.rounds();
        String prefix = round == 1 ? "" : "warm_";
        String failure = storm(transport, n, round, reported ? r : null, prefix, progress);
        if (failure != null) {
          failures++;
          if (r.get("error") == null) {
            r.put("error", "round " + round + ": " + failure);
          }
        }
      }
      r.put("failed_rounds", failures);
    }
    return r;
  }

  /** One storm; puts its figures into {@code r} (unless null) and answers a failure or null. */
  private String storm(
      LoadTransport transport,
      int n,
      int round,
      ScenarioResult r,
      String prefix,
      Consumer<String> progress) {
    long pid = options.serverPid();
    ClientPool pool = new ClientPool(this);
    long cpuBefore = ProcStats.cpuMicros(pid);
    long selfBefore = ProcStats.cpuMicros(ProcStats.selfPid());
    java.util.Map<String, Long> tcpBefore = TcpCounters.sample();
    int connected =
        pool.open(
            transport, n, ClientPool.AT_ONCE, Duration.ofSeconds(60), progress, "storm " + round);
    long cpuAfter = ProcStats.cpuMicros(pid);
    long selfAfter = ProcStats.cpuMicros(ProcStats.selfPid());
    java.util.Map<String, Long> tcpAfter = TcpCounters.sample();
    if (r != null) {
      // machine-wide kernel counters: other processes' listen queues count too
      TcpCounters.putDelta(r, prefix, tcpBefore, tcpAfter);
      r.put(prefix + "connected", connected).put(prefix + "connect_failures", pool.failed());
      if (pool.failed() > 0) {
        r.put(prefix + "failure_reasons", pool.failureReasons());
      }
      r.put(prefix + "open_ms", pool.openSpanNanos() / 1e6);
      if (connected == n) {
        r.put(prefix + "all_connected_ms", pool.connectSpanNanos() / 1e6);
      }
      RunControl.putLatency(r, prefix + "connect", pool.connectLatency());
      if (cpuBefore >= 0 && cpuAfter >= 0) {
        r.put(prefix + "server_cpu_us_per_connection", (double) (cpuAfter - cpuBefore) / n);
      }
      if (selfBefore >= 0 && selfAfter >= 0) {
        r.put(prefix + "tool_cpu_us_per_connection", (double) (selfAfter - selfBefore) / n);
      }
    }
    progress.accept("storm " + round + " closing");
    pool.closeAll();
    if (round < options.rounds()) {
      // let the server finish closing before the next storm, so its CPU is not counted there
      RunControl.sleep(SETTLE_MILLIS);
    }
    if (connected < n) {
      return "only "
          + connected
          + " of "
          + n
          + " connected within 60 s ("
          + pool.failed()
          + " failed: "
          + pool.firstFailure()
          + ")";
    }
    return null;
  }

  @Override
  public void onClosed(WsClient client, String reason) {
    // a client that closes after connecting is not a storm failure; the pool counts the others
  }
}
