package dev.sio.engine.netty;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures a server process in the slow-reader scenario of issue 9: one WebSocket client that never
 * reads, one that reads, and a broadcast of distinct 1 KiB messages (each its own shared frame) at
 * about 10 000 a second for 6 s. Prints RSS, heap and direct memory before, at the end of the flood
 * and 2 s later (after a GC), and whether the slow session and its connection are still there.
 *
 * <p>Arguments: {@code bounded|unbounded}. Loopback only; every loop is bounded in count and time.
 */
public final class SlowReaderMemoryMain {
  private SlowReaderMemoryMain() {}

  /** Runs one measurement. */
  public static void main(String[] args) throws Exception {
    boolean bounded = args.length == 0 || !args[0].equals("unbounded");
    EngineOptions.Builder options = EngineOptions.builder();
    if (!bounded) {
      options.maxBufferedBytes(Long.MAX_VALUE).maxTotalBufferedBytes(Long.MAX_VALUE);
    }
    SlowClientsTest.Handler handler = new SlowClientsTest.Handler();
    HttpListener listener =
        HttpListener.create(
            HttpListenerOptions.builder().host("127.0.0.1").eventLoopThreads(2).build());
    EngineServer engine = EngineServer.attach(listener, options.build(), handler);
    listener.start();
    String path = engine.options().path() + "?EIO=4&transport=websocket";
    try (EchoBystander reader =
            EchoBystander.connect(java.net.URI.create("ws://127.0.0.1:" + listener.port() + path));
        SlowReader slow = SlowReader.connect(listener.port(), path)) {
      EngineSocket s = handler.socket(slow.sid);
      EngineSocket r = handler.sockets.values().stream().filter(x -> x != s).findFirst().get();
      report("before", s, slow);
      String filler = "y".repeat(1000);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
      int sent = 0;
      while (System.nanoTime() - end < 0 && sent < 100_000) {
        for (int i = 0; i < 100; i++) {
          EngineMessage m = EngineMessage.text(sent++ + filler); // a new frame each time
          s.send(m);
          r.send(m);
        }
        Thread.sleep(10);
      }
      report("after the flood (" + sent + " messages)", s, slow);
      Thread.sleep(2000);
      System.gc();
      Thread.sleep(500);
      report("2 s later, after a GC", s, slow);
      CompletableFuture<String> closed = handler.closes.get(slow.sid);
      System.out.println(
          "slow session: " + (closed.isDone() ? "closed, " + closed.get() : "still open"));
    } finally {
      listener.close();
    }
  }

  private static void report(String when, EngineSocket s, SlowReader slow) throws Exception {
    long rss = 0;
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long direct =
        ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
            .filter(b -> b.getName().equals("direct"))
            .mapToLong(java.lang.management.BufferPoolMXBean::getMemoryUsed)
            .sum();
    long netty = PlatformDependent.usedDirectMemory(); // -1 when Netty does not count
    System.out.printf(
        "%-38s RSS %4d MiB, heap %4d MiB, direct %4d + netty %4d MiB, slow session %s, %d KiB%n",
        when,
        rss,
        heap.getUsed() >> 20,
        direct >> 20,
        netty >> 20,
        s.isOpen() ? "open" : "closed",
        s.bufferedBytes() >> 10);
  }
}
