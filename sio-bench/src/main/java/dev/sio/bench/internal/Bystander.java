package dev.sio.bench.internal;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The well-behaved client every hardening run keeps: alone in its own room, it sends a chat message
 * with an ack every 500 ms and records the ack's latency. An ack missing after 5 s counts as
 * failed; a close the tool did not ask for counts as a disconnection (and a new bystander
 * connects).
 */
public final class Bystander implements WsClient.Listener {
  private static final long LATE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final LoadTransport transport;
  private final Histogram latency = new Histogram(); // guarded by itself
  private final Map<Long, Long> pending =
      new ConcurrentHashMap<>(); // event loops: id -> sent nanos
  private final AtomicLong acks = new AtomicLong(); // its event loop
  private final AtomicLong failed = new AtomicLong(); // its event loop
  private final AtomicLong disconnects = new AtomicLong(); // its event loop
  private volatile WsClient client; // driving thread opens, event loop clears on close
  private volatile boolean stopping; // driving thread
  private long nextId = 1; // its event loop
  private long lastSendNanos; // driving thread

  /** A bystander on {@code transport}; {@link #tick} connects it. */
  public Bystander(LoadTransport transport) {
    this.transport = transport;
  }

  /** Connects when needed, sends the next message when due; driven every 100 ms. */
  public void tick() {
    WsClient c = client;
    if (c == null && !stopping) {
      client = WsClient.open(transport, this);
      return;
    }
    long now = System.nanoTime();
    if (c != null && c.connectedNanos() != 0 && now - lastSendNanos >= 500_000_000L) {
      lastSendNanos = now;
      c.channel()
          .eventLoop()
          .execute(
              () -> {
                for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                  if (now - it.next().getValue() > LATE_NANOS) {
                    it.remove();
                    failed.incrementAndGet();
                  }
                }
                long id = nextId++;
                pending.put(id, System.nanoTime());
                c.write("42" + id + "[\"message\",\"bystander " + id + "\"]");
                c.flush();
              });
    }
  }

  /** Closes the bystander; unanswered acks of the last 5 s are not counted. */
  public void stop() {
    stopping = true;
    WsClient c = client;
    if (c != null) {
      c.close();
      if (c.channel() != null) {
        c.channel().closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Acks received. */
  public long acks() {
    return acks.get();
  }

  /** Acks missing after 5 s. */
  public long failed() {
    return failed.get();
  }

  /** Closes the tool did not ask for. */
  public long disconnects() {
    return disconnects.get();
  }

  /** A copy of the ack latency (nanoseconds). */
  public Histogram latency() {
    Histogram copy = new Histogram();
    synchronized (latency) {
      copy.add(latency);
    }
    return copy;
  }

  @Override
  public void onConnected(WsClient c) {
    c.write("42[\"join\",{\"room\":\"bystander\",\"nickname\":\"bystander\"}]");
  }

  @Override
  public void onAck(WsClient c, long id, ByteBuf frame, int argsIndex) {
    Long sentAt = pending.remove(id);
    if (sentAt != null) {
      long t = System.nanoTime() - sentAt;
      synchronized (latency) {
        latency.record(t);
      }
      if (t > LATE_NANOS) {
        failed.incrementAndGet();
      } else {
        acks.incrementAndGet();
      }
    }
  }

  @Override
  public void onClosed(WsClient c, String reason) {
    if (!stopping) {
      disconnects.incrementAndGet();
    }
    client = null;
  }
}
