package dev.sio.bench;

import dev.sio.bench.internal.MarkdownReport;
import dev.sio.bench.internal.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The side-by-side benchmark: for each scenario and each server (Node.js, Sio on Netty, and Sio's
 * Servlet binding in Tomcat or Jetty when asked for), starts the fixture in a fresh process
 * (optionally pinned to a core), runs {@link LoadTool} in another fresh process (pinned to another
 * core), and writes a markdown report of ratios and raw figures. {@code sio-bench/run.sh} builds
 * and calls it.
 */
public final class BenchMatrix {
  private BenchMatrix() {}

  /**
   * The load tool arguments of each matrix entry, for the quick and the full size: the first one
   * names the {@link LoadTool} scenario. {@code echo-burst} is the echo with 16 events in flight
   * per client, which saturates the server and shows its cost without a wakeup per message. The
   * paced broadcast runs at the same size in both (1000 clients, 50/s, the size of issue 10's
   * figures); only its duration grows. The echoes warm up for up to 10 s (quick) or 20 s (full),
   * until both servers' compilers are done: 50 000 round trips (a quarter of a second) left a
   * server's C2 compiling through the measure, in slices of the pinned core that were the p99.9 of
   * both servers.
   */
  static List<String> toolArgs(String entry, boolean full) {
    String args =
        switch (entry) {
          case "echo" ->
              full
                  ? "echo --clients 50 --window 1 --messages 20000000 --warmup-messages 4000000 --duration 20 --warmup 20"
                  : "echo --clients 50 --window 1 --messages 2000000 --warmup-messages 1000000 --duration 5 --warmup 10";
          case "echo-burst" ->
              full
                  ? "echo --clients 50 --window 16 --messages 20000000 --warmup-messages 8000000 --duration 20 --warmup 20"
                  : "echo --clients 50 --window 16 --messages 2000000 --warmup-messages 2000000 --duration 5 --warmup 10";
          case "broadcast" ->
              full
                  ? "broadcast --clients 1000 --window 4 --messages 1000000 --warmup-messages 2000 --duration 20 --warmup 20"
                  : "broadcast --clients 200 --window 4 --messages 200000 --warmup-messages 1000 --duration 5 --warmup 10";
          case "connections" ->
              full
                  ? "connections --clients 19000 --connect-rate 500 --hold 60"
                  : "connections --clients 2000 --connect-rate 2000 --hold 2";
          case "paced-broadcast" ->
              full
                  ? "paced-broadcast --clients 1000 --rate 50 --window 32 --messages 1000000 --warmup-messages 1000 --duration 60 --warmup 20"
                  : "paced-broadcast --clients 1000 --rate 50 --window 32 --messages 100000 --warmup-messages 250 --duration 10 --warmup 5";
          case "storm" ->
              full ? "storm --clients 10000 --rounds 2" : "storm --clients 5000 --rounds 2";
          case "polling" ->
              full
                  ? "polling --clients 50 --window 1 --messages 5000000 --warmup-messages 50000 --duration 15 --warmup 20"
                  : "polling --clients 20 --window 1 --messages 500000 --warmup-messages 10000 --duration 5 --warmup 10";
          default -> throw new IllegalArgumentException("unknown scenario " + entry);
        };
    return Arrays.asList(args.split(" "));
  }

  /** The servers: Node.js, Sio on Netty, and Sio's Servlet binding in Tomcat and in Jetty. */
  static final List<String> SERVERS = List.of("node", "sio", "tomcat", "jetty");

  /** The servers that run {@link ServletFixture} in an embedded container. */
  static final List<String> CONTAINERS = List.of("tomcat", "jetty");

  /** Options of the matrix. */
  static final class Options {
    boolean full; // main thread
    List<String> scenarios =
        List.of(
            "echo",
            "echo-burst",
            "broadcast",
            "paced-broadcast",
            "connections",
            "storm",
            "polling"); // main
    List<String> servers = new ArrayList<>(List.of("node", "sio")); // main
    boolean pin = Runtime.getRuntime().availableProcessors() >= 2; // main
    String serverCpus = "0"; // main
    String toolCpus = "1"; // main
    Path out; // main
    Path moduleDir = Path.of("."); // main
    String command = ""; // main
    String note = ""; // main
    // What a user runs (issue 10): a heap limit and nothing else, so the JVM's own choice of
    // collector (Serial on the one CPU a pinned server sees, G1 unpinned) and heap sizing.
    List<String> sioJvm = List.of("-Xmx2g"); // main
    // main: a young generation the tool's own garbage does not fill during a measure (its young
    // collections paused 6-8 ms, 2 GC threads on its one CPU, inside every server's tail)
    List<String> toolJvm =
        List.of("-Xms2g", "-Xmx2g", "-Xmn1536m", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC");
  }

  /**
   * Runs the matrix; see {@code run.sh --help}.
   *
   * @param args the arguments
   * @throws IOException when it fails
   */
  public static void main(String[] args) throws IOException {
    Options o = parse(args);
    if (!sioFixtureAvailable()) {
      if (o.servers.remove("sio")) {
        System.err.println(
            "bench: dev.sio.bench.SioFixture is not built yet; running Node.js only");
      }
    }
    Path logs = o.moduleDir.resolve("target/bench-logs");
    Files.createDirectories(logs);
    Map<String, Map<String, ScenarioResult>> results = new LinkedHashMap<>();
    Map<String, String> versions = new LinkedHashMap<>();
    String load = loadAverage();
    int total = o.scenarios.size() * o.servers.size();
    int k = 0;
    for (String scenario : o.scenarios) {
      for (String server : o.servers) {
        k++;
        String label = "[" + k + "/" + total + "] " + scenario + " on " + server;
        progress(label + ": starting server");
        ScenarioResult r;
        try (ServerProcess s =
            startServer(o, server, logs.resolve(server + "-" + scenario + ".log"))) {
          versions.put(server, s.version());
          r = runTool(o, scenario, s, label);
        } catch (IOException | RuntimeException e) {
          r = new ScenarioResult().put("scenario", scenario).put("error", e.getMessage());
        }
        results.computeIfAbsent(scenario, x -> new LinkedHashMap<>()).put(server, r);
        progress(label + ": done");
        System.err.println();
        System.err.println(summaryLine(server, r));
      }
    }
    Map<String, String> c = MarkdownReport.conditions();
    c.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    c.put(
        "command",
        "`" + (o.command.isEmpty() ? "BenchMatrix " + String.join(" ", args) : o.command) + "`");
    c.put("size", o.full ? "full" : "quick");
    c.put(
        "machine",
        Runtime.getRuntime().availableProcessors()
            + " cores, "
            + cpuModel()
            + ", Linux "
            + read("/proc/sys/kernel/osrelease"));
    c.put("load average before the run", load);
    c.put(
        "pinning",
        o.pin
            ? "server on CPU " + o.serverCpus + ", load tool on CPU " + o.toolCpus + " (taskset)"
            : "none");
    c.put(
        "Java",
        System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ")");
    c.put(
        "Node.js",
        command("node", "--version") + ", socket.io " + versions.getOrDefault("node", "?"));
    String commit = command("git", "-C", o.moduleDir.toString(), "rev-parse", "--short", "HEAD");
    c.put(
        "Sio",
        versions.getOrDefault("sio", "not run")
            + " (commit "
            + commit
            + ")"
            + (o.servers.contains("sio") ? ", JVM " + String.join(" ", o.sioJvm) : ""));
    for (String server : CONTAINERS) {
      if (o.servers.contains(server)) {
        c.put(
            server,
            "ServletFixture (Sio "
                + versions.getOrDefault(server, "not run")
                + ", sio-servlet, container defaults), JVM "
                + String.join(" ", o.sioJvm));
      }
    }
    c.put(
        "load tool",
        "dev.sio.bench.LoadTool on Netty native epoll, 1 event loop, JVM "
            + String.join(" ", o.toolJvm));
    if (!o.note.isEmpty()) {
      c.put("note", o.note);
    }
    String md = MarkdownReport.render("Benchmark run " + c.get("date"), c, results);
    ScenarioResult sioConnections = results.getOrDefault("connections", Map.of()).get("sio");
    if (sioConnections != null && sioConnections.get("heap_histogram") != null) {
      md +=
          "\n### Where Sio's heap per connection goes (jcmd GC.class_histogram, after − before)\n\n"
              + Files.readString(Path.of(sioConnections.get("heap_histogram")));
    }
    Path out =
        o.out != null
            ? o.out
            : o.moduleDir.resolve(
                "target/bench-results-" + c.get("date").replace(':', '-') + ".md");
    Files.writeString(out, md);
    System.out.println(md);
    System.err.println("bench: results written to " + out.toAbsolutePath());
  }

  private static ServerProcess startServer(Options o, String server, Path log) throws IOException {
    String cpus = o.pin ? o.serverCpus : null;
    if (server.equals("node")) {
      Path js = o.moduleDir.resolve("src/main/js");
      if (!Files.isDirectory(js.resolve("node_modules/socket.io"))) {
        throw new IOException("run `npm ci` in " + js + " first (run.sh does)");
      }
      return ServerProcess.start(ServerProcess.nodeCommand(cpus), js, log);
    }
    if (CONTAINERS.contains(server)) {
      Path lib = o.moduleDir.resolve("target/bench-lib-" + server).toAbsolutePath();
      if (!Files.isDirectory(lib)) {
        throw new IOException(lib + " is missing: build sio-bench with `package` (run.sh does)");
      }
      String cp = System.getProperty("java.class.path") + java.io.File.pathSeparator + lib + "/*";
      return ServerProcess.start(
          ServerProcess.servletCommand(cpus, cp, o.sioJvm, server), o.moduleDir, log);
    }
    return ServerProcess.start(
        ServerProcess.sioCommand(cpus, System.getProperty("java.class.path"), o.sioJvm),
        o.moduleDir,
        log);
  }

  private static ScenarioResult runTool(Options o, String scenario, ServerProcess s, String label)
      throws IOException {
    List<String> cmd = new ArrayList<>(ServerProcess.pin(o.pin ? o.toolCpus : null));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(o.toolJvm);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadTool.class.getName()));
    cmd.addAll(toolArgs(scenario, o.full));
    if (scenario.equals("connections") && s.impl().equals("sio")) {
      Path histogram =
          o.moduleDir.resolve("target/bench-logs/sio-heap-per-connection.md").toAbsolutePath();
      cmd.addAll(List.of("--heap-histogram", histogram.toString()));
    }
    cmd.addAll(
        List.of("--port", String.valueOf(s.port()), "--server-pid", String.valueOf(s.pid())));
    Process p = new ProcessBuilder(cmd).start();
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread out =
        new Thread(
            () -> {
              try (BufferedReader in = reader(p.getInputStream())) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith(ScenarioResult.LINE_PREFIX)) {
                    result.complete(line);
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
              result.complete(null);
            },
            "tool-stdout");
    Thread err =
        new Thread(
            () -> {
              try (BufferedReader in = reader(p.getErrorStream())) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("progress ")) {
                    progress(label + ": " + line.substring(9));
                  } else if (!line.startsWith("SLF4J")) {
                    System.err.println();
                    System.err.println("  tool: " + line);
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "tool-stderr");
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
    try {
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("the load tool did not finish within 15 minutes");
      }
      String line = result.get(10, TimeUnit.SECONDS);
      if (line == null) {
        throw new IOException("the load tool printed no result (exit " + p.exitValue() + ")");
      }
      return ScenarioResult.parse(line);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("no result from the load tool: " + e, e);
    }
  }

  private static String summaryLine(String server, ScenarioResult r) {
    StringBuilder sb = new StringBuilder("  " + server + ":");
    for (String key :
        List.of(
            "error",
            "acks_per_s",
            "deliveries_per_s",
            "server_cpu_us_per_ack",
            "server_cpu_us_per_delivery",
            "latency_p50_ms",
            "latency_p99_ms",
            "last_p50_ms",
            "last_p99_ms",
            "all_connected_ms",
            "connect_p99_ms",
            "server_cpu_us_per_connection",
            "rss_per_connection_bytes",
            "heap_per_connection_bytes",
            "lost")) {
      if (r.get(key) != null) {
        sb.append(' ').append(key).append('=').append(r.get(key));
      }
    }
    return sb.toString();
  }

  private static void progress(String line) {
    String l = line.length() > 110 ? line.substring(0, 110) : line;
    System.err.print("\r" + l + " ".repeat(Math.max(0, 110 - l.length())));
    System.err.flush();
  }

  static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick" -> o.full = false;
        case "--full" -> o.full = true;
        case "--no-pin" -> o.pin = false;
        case "--pin" -> {
          o.pin = true;
          String[] cpus = value(args, ++i, a).split("/");
          o.serverCpus = cpus[0];
          o.toolCpus = cpus.length > 1 ? cpus[1] : cpus[0];
        }
        case "--scenarios" -> o.scenarios = List.of(value(args, ++i, a).split(","));
        case "--servers" -> o.servers = new ArrayList<>(List.of(value(args, ++i, a).split(",")));
        case "--out" -> o.out = Path.of(value(args, ++i, a));
        case "--module-dir" -> o.moduleDir = Path.of(value(args, ++i, a));
        case "--command" -> o.command = value(args, ++i, a);
        case "--note" -> o.note = value(args, ++i, a);
        case "--sio-jvm" -> o.sioJvm = List.of(value(args, ++i, a).trim().split("\\s+"));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    for (String s : o.scenarios) {
      toolArgs(s, false);
    }
    for (String s : o.servers) {
      if (!SERVERS.contains(s)) {
        throw new IllegalArgumentException(
            "unknown server " + s + ": " + String.join(", ", SERVERS));
      }
    }
    return o;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException("missing value for " + option);
    }
    return args[i];
  }

  static boolean sioFixtureAvailable() {
    try {
      Class.forName("dev.sio.bench.SioFixture", false, BenchMatrix.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static BufferedReader reader(java.io.InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException ignored) {
      // not Linux
    }
    return "unknown CPU";
  }

  private static String loadAverage() {
    String l = read("/proc/loadavg");
    String[] f = l.split(" ");
    return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : l;
  }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path)).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  private static String command(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor(10, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
