package dev.sio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.bench.internal.ProcStats;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Sio side of the benchmark: the fixture contract (see {@code docs/BENCHMARKS.md}) on {@link
 * SocketIoServer} with default options.
 *
 * <pre>
 * java -cp … dev.sio.bench.SioFixture --port 0 [--threads N]
 * </pre>
 *
 * Once listening it runs one full collection (the demo and fixture of {@code sio} do the same),
 * unless {@code -Dsio.bench.noStartupGc=true}.
 *
 * <p>Prints {@code fixture ready port=<port> pid=<pid> impl=sio version=<version>} once listening,
 * and exits when stdin closes.
 */
public final class SioFixture {
  private SioFixture() {}

  /**
   * Starts the fixture; {@code --port N} (0 for any free port).
   *
   * @param args the arguments
   * @throws IOException when it fails
   */
  public static void main(String[] args) throws IOException {
    int port = 0;
    int threads = 0;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    int loops = threads;
    ServerOptions.Builder options = ServerOptions.builder().host("127.0.0.1").port(port);
    if (loops > 0) {
      options.listener(l -> l.eventLoopThreads(loops));
    }
    SocketIoServer io = SocketIoServer.create(options.build());
    install(io);
    io.start();
    if (!Boolean.getBoolean("sio.bench.noStartupGc")) {
      // Tenures the start-up data (JDK, Jackson, Netty, the server) once, so that young
      // collections under load copy only what the load keeps (docs/OPTIMISATIONS.md, "The latency
      // tail"); -Dsio.bench.noStartupGc=true leaves it to age through the survivor spaces.
      System.gc();
    }
    String version = SioFixture.class.getPackage().getImplementationVersion();
    System.out.println(
        "fixture ready port="
            + io.port()
            + " pid="
            + ProcStats.selfPid()
            + " impl=sio version="
            + (version == null ? "0.1.0-SNAPSHOT" : version));
    System.out.flush();
    while (System.in.read() >= 0) {
      // runs until stdin closes
    }
    io.close();
    System.exit(0);
  }

  /**
   * Installs the fixture contract's handlers on {@code io}'s main namespace.
   *
   * @param io the server
   */
  public static void install(SocketIoServer io) {
    io.onConnection(
        socket -> {
          socket.on(
              "echo",
              (args, ack) -> {
                if (ack.requested()) {
                  ack.send(args.toArray());
                } else {
                  socket.emit("echo", args.toArray());
                }
              });
          socket.on(
              "join",
              (args, ack) -> {
                socket.join(text(args, 0));
                ack.send();
              });
          socket.on(
              "broadcast",
              (args, ack) -> {
                io.to(text(args, 0)).emit("broadcast", args.size() > 1 ? args.get(1) : null);
                ack.send();
              });
          socket.on("gc", (args, ack) -> ack.send(memoryAfterGc()));
        });
  }

  /**
   * Heap used after a full GC, the resident set size and the direct memory (the JDK's direct
   * buffers plus what Netty allocated without a Cleaner), in bytes.
   */
  static Map<String, Long> memoryAfterGc() {
    System.gc();
    System.gc();
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("heapUsed", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    m.put("rss", ProcStats.rssBytes(ProcStats.selfPid()));
    long direct = Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
    for (java.lang.management.BufferPoolMXBean pool :
        ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        direct += pool.getMemoryUsed();
      }
    }
    m.put("direct", direct);
    return m;
  }

  private static String text(List<JsonNode> args, int i) {
    return args.size() > i ? args.get(i).asText() : "";
  }
}
