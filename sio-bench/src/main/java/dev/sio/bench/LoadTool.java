package dev.sio.bench;

import dev.sio.bench.internal.BroadcastScenario;
import dev.sio.bench.internal.ConnectionsScenario;
import dev.sio.bench.internal.EchoScenario;
import dev.sio.bench.internal.LoadTransport;
import dev.sio.bench.internal.PacedBroadcastScenario;
import dev.sio.bench.internal.PollingScenario;
import dev.sio.bench.internal.StormScenario;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The load tool: runs one scenario against any server that implements the fixture contract (see
 * {@code docs/BENCHMARKS.md}) and prints one {@code RESULT key=value …} line on stdout; progress
 * goes to stderr.
 *
 * <pre>
 * java -cp … dev.sio.bench.LoadTool echo --port 3000 --server-pid 1234 --clients 50 --window 1
 * </pre>
 */
public final class LoadTool {
  private LoadTool() {}

  /**
   * Runs the scenario named by the first argument.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("--help")) {
      System.out.println(usage());
      return;
    }
    LoadOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("load: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    ScenarioResult r = run(options, line -> System.err.println("progress " + line));
    System.out.println(r.toLine());
    System.exit(r.get("error") == null ? 0 : 1);
  }

  /**
   * Runs one scenario in this process.
   *
   * @param options the options
   * @param progress gets a line of progress now and then
   * @return the scenario result
   */
  public static ScenarioResult run(LoadOptions options, Consumer<String> progress) {
    ScenarioResult r =
        switch (options.scenario()) {
          case ECHO -> new EchoScenario(options).run(progress);
          case BROADCAST -> new BroadcastScenario(options).run(progress);
          case CONNECTIONS -> new ConnectionsScenario(options).run(progress);
          case POLLING -> new PollingScenario(options).run(progress);
          case PACED_BROADCAST -> new PacedBroadcastScenario(options).run(progress);
          case STORM -> new StormScenario(options).run(progress);
        };
    r.put("tool_epoll", LoadTransport.epoll());
    return r;
  }

  /**
   * Parses {@code <scenario> --option value …}.
   *
   * @param args the arguments
   * @return the load options
   */
  public static LoadOptions parse(String[] args) {
    LoadOptions.Builder b = LoadOptions.builder().scenario(LoadOptions.Scenario.parse(args[0]));
    for (int i = 1; i < args.length; i += 2) {
      String key = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + key);
      }
      String v = args[i + 1];
      switch (key) {
        case "--host" -> b.host(v);
        case "--port" -> b.port(Integer.parseInt(v));
        case "--server-pid" -> b.serverPid(Long.parseLong(v));
        case "--clients" -> b.clients(Integer.parseInt(v));
        case "--window" -> b.window(Integer.parseInt(v));
        case "--payload" -> b.payloadBytes(Integer.parseInt(v));
        case "--messages" -> b.messages(Long.parseLong(v));
        case "--warmup-messages" -> b.warmupMessages(Long.parseLong(v));
        case "--duration" -> b.duration(seconds(v));
        case "--warmup" -> b.warmup(seconds(v));
        case "--connect-rate" -> b.connectRate(Integer.parseInt(v));
        case "--hold" -> b.hold(seconds(v));
        case "--rate" -> b.broadcastRate(Integer.parseInt(v));
        case "--sources" -> b.sources(List.of(v.split(",")));
        case "--threads" -> b.threads(Integer.parseInt(v));
        case "--drain" -> b.drainTimeout(seconds(v));
        case "--heap-histogram" -> b.histogramFile(java.nio.file.Path.of(v));
        case "--rounds" -> b.rounds(Integer.parseInt(v));
        default -> throw new IllegalArgumentException("unknown option " + key);
      }
    }
    return b.build();
  }

  private static Duration seconds(String v) {
    return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
  }

  private static String usage() {
    return String.join(
        "\n",
        Arrays.asList(
            "usage: LoadTool <connections|echo|broadcast|polling|paced-broadcast|storm> --port N"
                + " [options]",
            "  --host 127.0.0.1       server address (loopback only)",
            "  --server-pid PID       server process, for CPU and RSS figures",
            "  --clients N            clients (receivers for broadcast)",
            "  --window W             events (or broadcasts) in flight per client",
            "  --payload BYTES        string payload size (32)",
            "  --messages N           most acks / broadcasts measured",
            "  --warmup-messages N    most acks / broadcasts in the warmup",
            "  --duration S           longest measuring time in seconds",
            "  --warmup S             longest warmup in seconds",
            "  --connect-rate N       new connections per second",
            "  --hold S               connections: hold time before measuring memory",
            "  --rate N               broadcast: broadcasts per second (0 = closed loop);",
            "                         paced-broadcast: 50 by default",
            "  --rounds N             storm: storms one after the other (1; the first is cold)",
            "  --sources A,B          local loopback addresses to connect from",
            "  --threads N            event loop threads of the tool (1)",
            "  --drain S              wait for in-flight answers at the end",
            "  --heap-histogram FILE  connections, JVM server: heap growth by class (jcmd)"));
  }
}
