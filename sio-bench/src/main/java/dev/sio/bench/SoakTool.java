package dev.sio.bench;

import dev.sio.bench.internal.SoakRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The soak command ({@code ./sio soak}): starts a Sio server with {@code --stats} (or attaches to
 * one), runs bounded rounds of churning chat clients, broadcasts, slow readers and hostile
 * connections against it, samples its memory, open files, threads and {@code clientsCount()}, and
 * writes {@code soak.csv} and {@code soak.md} to the output folder. Exits 0 when every figure
 * stayed flat (the rule is in {@code docs/SOAK.md}), 1 when not, 2 on a wrong command line.
 *
 * <pre>
 * java -cp … dev.sio.bench.SoakTool --minutes 30 --clients 10000 --server "java -jar … demo --port 0 --stats"
 * </pre>
 */
public final class SoakTool {
  private SoakTool() {}

  /**
   * Runs the soak and exits with its verdict.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(usage());
      return;
    }
    SoakOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("soak: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    try {
      SoakRun.Result r = new SoakRun(options).run(line -> System.err.println("soak: " + line));
      System.out.println(
          "soak: "
              + (r.flat() ? "FLAT" : "NOT FLAT")
              + " ("
              + options.out().resolve("soak.md")
              + ")");
      r.checks().stream()
          .filter(c -> !c.passed())
          .forEach(c -> System.out.println("soak: FAIL " + c.name() + ": " + c.detail()));
      System.exit(r.flat() ? 0 : 1);
    } catch (IOException | RuntimeException e) {
      System.err.println("soak: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Parses {@code --option value …}.
   *
   * @param args the arguments
   * @return the soak options
   */
  public static SoakOptions parse(String[] args) {
    SoakOptions.Builder b = SoakOptions.builder();
    int port = 0;
    long pid = 0;
    Duration minLife = Duration.ofSeconds(60);
    Duration maxLife = Duration.ofSeconds(300);
    int fdSlack = 16;
    int threadSlack = 4;
    for (int i = 0; i < args.length; i += 2) {
      String key = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + key);
      }
      String v = args[i + 1];
      try {
        switch (key) {
          case "--minutes" ->
              b.duration(Duration.ofMillis(Math.round(Double.parseDouble(v) * 60_000)));
          case "--seconds" ->
              b.duration(Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000)));
          case "--rounds" -> b.rounds(Integer.parseInt(v));
          case "--settle" -> b.settle(seconds(v));
          case "--clients" -> b.clients(Integer.parseInt(v));
          case "--connect-rate" -> b.connectRate(Integer.parseInt(v));
          case "--min-life" -> minLife = seconds(v);
          case "--max-life" -> maxLife = seconds(v);
          case "--rooms" -> b.rooms(Integer.parseInt(v));
          case "--rate" -> b.broadcastRate(Integer.parseInt(v));
          case "--slow-readers" -> b.slowReaders(Integer.parseInt(v));
          case "--hot-rate" -> b.hotRate(Integer.parseInt(v));
          case "--hostile" -> b.hostileThreads(Integer.parseInt(v));
          case "--sample" -> b.sampleEvery(seconds(v));
          case "--tolerance" -> b.tolerance(Double.parseDouble(v));
          case "--memory-slack-mb" -> b.memorySlackBytes(Long.parseLong(v) << 20);
          case "--fd-slack" -> fdSlack = Integer.parseInt(v);
          case "--thread-slack" -> threadSlack = Integer.parseInt(v);
          case "--host" -> b.host(v);
          case "--port" -> port = Integer.parseInt(v);
          case "--server-pid" -> pid = Long.parseLong(v);
          case "--server" -> b.serverCommand(Arrays.asList(v.trim().split("\\s+")));
          case "--sources" -> b.sources(List.of(v.split(",")));
          case "--threads" -> b.threads(Integer.parseInt(v));
          case "--out" -> b.out(Path.of(v));
          default -> throw new IllegalArgumentException("unknown option " + key);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " needs a number, got '" + v + "'");
      }
    }
    if (port != 0 && pid <= 0) {
      throw new IllegalArgumentException("--port needs --server-pid (for /proc figures)");
    }
    return b.attach(port, pid).lifetime(minLife, maxLife).endSlack(fdSlack, threadSlack).build();
  }

  private static Duration seconds(String v) {
    return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
  }

  private static String usage() {
    return String.join(
        "\n",
        "usage: SoakTool (--server \"COMMAND\" | --port N --server-pid PID) [options]",
        "  --server CMD          start the server (it must print a `stats ready` line)",
        "  --port N --server-pid PID   attach to a running server started with --stats",
        "  --minutes M           load time per round (30); or --seconds S",
        "  --rounds R            load rounds, each followed by a quiet time (1)",
        "  --settle S            quiet seconds after each round (60)",
        "  --clients N           clients connected at once (10000)",
        "  --connect-rate N      most new connections per second (200)",
        "  --min-life S / --max-life S   a client's life (60 / 300)",
        "  --rooms N             chat rooms (500)",
        "  --rate N              chat messages per second, each a room broadcast (20)",
        "  --slow-readers N      never-reading clients in a busy room (4)",
        "  --hot-rate N          1 000-character messages per second to their room (2)",
        "  --hostile N           threads of hostile connections (2)",
        "  --sample S            seconds between samples (5)",
        "  --tolerance F         verdict tolerance (0.10)",
        "  --memory-slack-mb M   absolute memory slack (16)",
        "  --fd-slack N / --thread-slack N   end slack above the baseline (16 / 4)",
        "  --sources A,B         local loopback addresses to connect from",
        "  --threads N           event loop threads of the load clients (2)",
        "  --out DIR             where soak.csv, soak.md and server.log go (target/soak)");
  }
}
