package dev.sio.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.engine.HttpReply;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.HttpRoute;
import dev.sio.engine.netty.HttpListener;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * {@code GET /sio-stats}, served only when {@code --stats} is given and only to loopback peers: the
 * process's memory as the JVM and Netty see it (heap used and committed, direct buffers, the Netty
 * allocator's own counters), its thread count and the server's {@code clientsCount()}, as one JSON
 * object. The soak command ({@code ./sio soak}) samples it. With {@code ?gc=1} it first runs a full
 * collection ({@code System.gc()}, a pause of the whole process) and adds {@code heapLive}, the
 * heap still in use after it: what a leak would show.
 */
public final class StatsRoute implements HttpRoute {
  /** Where the route answers. */
  public static final String PATH = "/sio-stats";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpListener listener;
  private final List<IntSupplier> clients;

  /**
   * @param listener whose allocator is reported
   * @param clients the {@code clientsCount()} of each server on the listener, summed
   */
  public StatsRoute(HttpListener listener, List<IntSupplier> clients) {
    this.listener = listener;
    this.clients = List.copyOf(clients);
  }

  @Override
  public HttpReply handle(HttpRequestInfo request) {
    if (!request.path().equals(PATH)) {
      return null;
    }
    if (request.remoteAddress() == null
        || !request.remoteAddress().getAddress().isLoopbackAddress()) {
      return HttpReply.text(403, "stats are served to loopback peers only");
    }
    if (!request.method().equals("GET")) {
      return HttpReply.text(405, "stats answer GET only");
    }
    Long live = null;
    if ("1".equals(request.queryParam("gc"))) {
      System.gc();
      live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    try {
      Map<String, Object> m = snapshot();
      if (live != null) {
        m.put("heapLive", live);
      }
      return HttpReply.ok("application/json", JSON.writeValueAsBytes(m));
    } catch (JsonProcessingException e) {
      return HttpReply.text(500, "stats could not be written: " + e.getMessage());
    }
  }

  /** The figures, by name; sizes in bytes. */
  public Map<String, Object> snapshot() {
    Map<String, Object> m = new LinkedHashMap<>();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
    m.put("heapUsed", heap.getUsed());
    m.put("heapCommitted", heap.getCommitted());
    m.put("heapMax", heap.getMax());
    m.put("nonHeapUsed", nonHeap.getUsed());
    m.put("nonHeapCommitted", nonHeap.getCommitted());
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        m.put("jdkDirectUsed", pool.getMemoryUsed());
        m.put("jdkDirectCount", pool.getCount());
      }
    }
    // Netty's own count of the direct memory it allocated without a Cleaner (-1 when not counted).
    m.put("nettyDirectUsed", PlatformDependent.usedDirectMemory());
    m.put("nettyDirectMax", PlatformDependent.maxDirectMemory());
    ByteBufAllocator alloc = allocator();
    m.put("allocator", alloc.getClass().getSimpleName());
    if (alloc instanceof ByteBufAllocatorMetricProvider provider) {
      ByteBufAllocatorMetric metric = provider.metric();
      m.put("allocatorDirectUsed", metric.usedDirectMemory());
      m.put("allocatorHeapUsed", metric.usedHeapMemory());
    }
    if (alloc instanceof PooledByteBufAllocator pooled) {
      m.put("allocatorDirectPinned", pooled.pinnedDirectMemory());
      m.put("allocatorDirectArenas", pooled.metric().numDirectArenas());
      m.put("allocatorThreadCaches", pooled.metric().numThreadLocalCaches());
    }
    m.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    m.put("gcCount", gcCount);
    m.put("gcMillis", gcMillis);
    int count = 0;
    for (IntSupplier c : clients) {
      count += c.getAsInt();
    }
    m.put("clientsCount", count);
    return m;
  }

  private ByteBufAllocator allocator() {
    ByteBufAllocator configured = listener.options().allocator();
    return configured == null ? ByteBufAllocator.DEFAULT : configured;
  }
}
