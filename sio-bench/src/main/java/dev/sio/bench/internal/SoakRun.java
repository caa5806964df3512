package dev.sio.bench.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.bench.SoakOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One soak: starts (or attaches to) the server, samples it every few seconds into {@code soak.csv},
 * takes a baseline, runs the rounds of load (churning clients, broadcasts, slow readers, hostile
 * connections, a bystander) each followed by a quiet time, then judges the samples with {@link
 * SoakVerdict} and writes {@code soak.md}.
 */
public final class SoakRun {
  /** What a soak found. */
  public record Result(
      List<SoakSample> samples, List<SoakVerdict.Check> checks, Map<String, Object> figures) {
    /** True when every check passed. */
    public boolean flat() {
      return SoakVerdict.flat(checks);
    }
  }

  private final SoakOptions options;
  private final List<SoakSample> samples = Collections.synchronizedList(new ArrayList<>());
  private final long startNanos = System.nanoTime();
  private volatile String phase = "baseline"; // driving thread writes, sampler reads
  private volatile int round; // driving thread writes, sampler reads
  private volatile SoakLoad load; // driving thread writes, sampler reads
  private volatile String sampleError; // sampler: the first failed sample
  private long sampleErrors; // sampler
  private long lastGcCount = -1; // sampler
  private long gcCount; // sampler: collections during the run
  private String allocator = "?"; // sampler
  private Thread stopServer; // driving thread

  /** A soak with {@code options}. */
  public SoakRun(SoakOptions options) {
    this.options = options;
  }

  /** Runs the soak; {@code progress} gets a line per sample. */
  public Result run(Consumer<String> progress) throws IOException {
    Files.createDirectories(options.out());
    ServerProcess server = null;
    int port = options.port();
    long pid = options.serverPid();
    if (!options.serverCommand().isEmpty()) {
      server =
          ServerProcess.start(
              options.serverCommand(), Path.of("."), options.out().resolve("server.log"));
      port = server.port();
      pid = server.pid();
      ServerProcess started = server;
      stopServer = new Thread(started::close, "soak-stop-server"); // on Ctrl-C, stop it too
      Runtime.getRuntime().addShutdownHook(stopServer);
      progress.accept("server " + server.impl() + " pid " + pid + " on port " + port);
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    StatsProbe probe = new StatsProbe(options.host(), port, pid);
    ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "soak-sampler");
              t.setDaemon(true);
              return t;
            });
    Path csv = options.out().resolve("soak.csv");
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv));
        LoadTransport transport =
            new LoadTransport(options.host(), port, options.threads(), options.sources())) {
      out.println(SoakSample.CSV_HEADER);
      out.flush();
      Runnable sample = () -> sample(probe, out, progress, false);
      Runnable live = () -> sample(probe, out, progress, true);
      long every = options.sampleEvery().toMillis();
      sampler.scheduleWithFixedDelay(sample, 0, every, TimeUnit.MILLISECONDS);
      RunControl.sleep(Math.max(2 * every, 3_000)); // the baseline: at least two samples
      sampler.submit(live).get(30, TimeUnit.SECONDS); // and the live heap after a full GC
      long connects = 0;
      long failures = 0;
      long unexpected = 0;
      long received = 0;
      long sent = 0;
      String firstUnexpected = null;
      Histogram bystanderLatency = new Histogram();
      long bystanderAcks = 0;
      long bystanderFailed = 0;
      long bystanderDisconnects = 0;
      Map<HostileClients.Attack, Long> attacks = new LinkedHashMap<>();
      long answered = 0;
      long closed = 0;
      long gaveUp = 0;
      for (int r = 1; r <= options.rounds(); r++) {
        round = r;
        SoakLoad l = new SoakLoad(options, transport);
        Bystander bystander = new Bystander(transport);
        load = l;
        phase = "load";
        progress.accept("round " + r + ": load for " + options.duration().toSeconds() + " s");
        HostileClients hostile =
            new HostileClients(
                new InetSocketAddress(transport.target().getAddress(), port),
                options.hostileThreads());
        long end = System.nanoTime() + options.duration().toNanos();
        while (System.nanoTime() < end) {
          l.tick();
          bystander.tick();
          RunControl.sleep(100);
        }
        progress.accept("round " + r + ": closing clients, then quiet " + options.settle());
        hostile.close();
        bystander.stop();
        l.stopAll();
        phase = "settle";
        RunControl.sleep(options.settle().toMillis());
        if (r < options.rounds()) {
          sampler.submit(live).get(30, TimeUnit.SECONDS);
        }
        connects += l.connects();
        failures += l.failures();
        unexpected += l.unexpectedCloses();
        received += l.received();
        sent += l.sent();
        if (firstUnexpected == null) {
          firstUnexpected = l.firstUnexpected();
        }
        bystanderLatency.add(bystander.latency());
        bystanderAcks += bystander.acks();
        bystanderFailed += bystander.failed();
        bystanderDisconnects += bystander.disconnects();
        hostile.runs().forEach((k, v) -> attacks.merge(k, v, Long::sum));
        answered += hostile.answered();
        closed += hostile.closedByServer();
        gaveUp += hostile.gaveUp();
      }
      sampler.shutdown();
      if (!sampler.awaitTermination(15, TimeUnit.SECONDS)) {
        sampler.shutdownNow();
      }
      live.run(); // the final sample, after the last quiet time, with the live heap
      figures.put("allocator", allocator);
      figures.put("client connects", connects);
      figures.put("client connect failures", failures);
      figures.put("connected clients closed by the server", unexpected);
      if (firstUnexpected != null) {
        figures.put("first such close", firstUnexpected);
      }
      figures.put("chat messages sent", sent);
      figures.put("events received by the clients", received);
      figures.put("bystander acks", bystanderAcks);
      figures.put("bystander acks failed (none in 5 s)", bystanderFailed);
      figures.put("bystander disconnections", bystanderDisconnects);
      figures.put("bystander ack p50 ms", bystanderLatency.percentile(50) / 1e6);
      figures.put("bystander ack p99 ms", bystanderLatency.percentile(99) / 1e6);
      figures.put("bystander ack max ms", bystanderLatency.max() / 1e6);
      attacks.forEach((k, v) -> figures.put("hostile " + k.name().toLowerCase(), v));
      figures.put("hostile answered with a status", answered);
      figures.put("hostile closed by the server", closed);
      figures.put("hostile given up by the tool", gaveUp);
      figures.put("server GCs", gcCount);
      figures.put("failed samples", sampleErrors);
      if (sampleError != null) {
        figures.put("first failed sample", sampleError);
      }
      List<SoakSample> all = List.copyOf(samples);
      List<SoakVerdict.Check> checks = new ArrayList<>(SoakVerdict.check(all, options));
      checks.add(
          new SoakVerdict.Check(
              "bystander unharmed",
              bystanderFailed == 0 && bystanderDisconnects == 0 && bystanderAcks > 0,
              bystanderAcks
                  + " acks, "
                  + bystanderFailed
                  + " failed, "
                  + bystanderDisconnects
                  + " disconnections"));
      checks.add(
          new SoakVerdict.Check(
              "server answered every sample",
              sampleErrors == 0,
              sampleErrors + " failed" + (sampleError == null ? "" : ": " + sampleError)));
      Result result = new Result(all, checks, figures);
      Files.writeString(
          options.out().resolve("soak.md"), SoakReport.markdown(options, result, csv));
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("a sample with a full GC failed: " + e, e);
    } finally {
      sampler.shutdownNow();
      if (server != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(stopServer);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook stops the server
        }
        server.close();
      }
    }
  }

  private void sample(StatsProbe probe, PrintWriter out, Consumer<String> progress, boolean live) {
    SoakLoad l = load;
    long rss = probe.rss();
    long fds = probe.fds();
    long threads = probe.threads();
    long heapUsed = -1;
    long heapCommitted = -1;
    long direct = -1;
    long clients = -1;
    long heapLive = -1;
    try {
      JsonNode s = probe.stats();
      heapUsed = s.path("heapUsed").asLong(-1);
      heapCommitted = s.path("heapCommitted").asLong(-1);
      direct = StatsProbe.direct(s);
      clients = s.path("clientsCount").asLong(-1);
      allocator = s.path("allocator").asText("?");
      long gc = s.path("gcCount").asLong(0);
      if (lastGcCount >= 0) {
        gcCount += gc - lastGcCount;
      }
      lastGcCount = gc;
      if (live) {
        heapLive = probe.liveHeap();
        lastGcCount = -1; // that GC is ours, not the server's
      }
    } catch (RuntimeException e) {
      sampleErrors++;
      if (sampleError == null) {
        sampleError = e.getMessage();
      }
    }
    SoakSample sample =
        new SoakSample(
            (System.nanoTime() - startNanos) / 1e9,
            phase,
            round,
            rss,
            heapUsed,
            heapCommitted,
            direct,
            fds,
            threads,
            clients,
            l == null ? 0 : l.connected(),
            l == null ? 0 : l.connects(),
            heapLive);
    samples.add(sample);
    out.println(sample.csv());
    out.flush();
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "%6.0fs %-8s r%d rss=%s heap=%s/%s direct=%s fds=%d threads=%d clients=%d tool=%d%s",
            sample.seconds(),
            phase,
            round,
            SoakVerdict.format("rss", rss),
            SoakVerdict.format("heapUsed", heapUsed),
            SoakVerdict.format("heapCommitted", heapCommitted),
            SoakVerdict.format("direct", direct),
            fds,
            threads,
            clients,
            sample.toolClients(),
            live ? " live=" + SoakVerdict.format("heapLive", heapLive) : ""));
  }
}
