package dev.sio.bench.internal;

import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Opens many {@link WsClient}s at a set rate and waits until each one connected or failed, bounded
 * in time. Records the connect latency (from {@link WsClient#open} to the CONNECT answer).
 */
public final class ClientPool implements WsClient.Listener {
  /** The rate that opens every client at once, without pacing (a connection storm). */
  public static final int AT_ONCE = Integer.MAX_VALUE;

  private static final int MAX_REASONS = 8;

  private final WsClient.Listener delegate;
  private final List<WsClient> clients = new ArrayList<>(); // driving thread
  private final AtomicInteger connected = new AtomicInteger(); // any event loop
  private final AtomicInteger failed = new AtomicInteger(); // any event loop
  private final AtomicLong lastConnectedNanos = new AtomicLong(); // any event loop
  private final Histogram connectLatency = new Histogram(); // guarded by itself
  private volatile String firstFailure; // any event loop
  private final java.util.Map<String, java.util.concurrent.atomic.LongAdder> reasons =
      new java.util.concurrent.ConcurrentHashMap<>(); // any event loop; at most MAX_REASONS keys
  private long firstStartNanos; // driving thread
  private long allOpenedNanos; // driving thread

  /** A pool whose clients report to {@code delegate} once connected. */
  public ClientPool(WsClient.Listener delegate) {
    this.delegate = delegate;
  }

  /**
   * Opens {@code count} clients at {@code perSecond} ({@link #AT_ONCE}: all in one go) and waits
   * until all connected or failed, at most the opening time plus {@code timeout}. Returns how many
   * connected.
   */
  public int open(
      LoadTransport transport,
      int count,
      int perSecond,
      Duration timeout,
      Consumer<String> progress,
      String label) {
    firstStartNanos = System.nanoTime();
    long start = firstStartNanos;
    long nextReport = start + TimeUnit.SECONDS.toNanos(1);
    int opened = 0;
    while (opened < count) {
      long due =
          perSecond == AT_ONCE
              ? count
              : Math.min(count, 1 + (long) ((System.nanoTime() - start) / 1e9 * perSecond));
      while (opened < due) {
        clients.add(WsClient.open(transport, this));
        opened++;
      }
      if (System.nanoTime() >= nextReport) {
        progress.accept(label + " opened=" + opened + " connected=" + connected.get());
        nextReport += TimeUnit.SECONDS.toNanos(1);
      }
      if (opened < count) {
        RunControl.sleep(1);
      }
    }
    allOpenedNanos = System.nanoTime();
    long deadline = allOpenedNanos + timeout.toNanos();
    while (connected.get() + failed.get() < count && System.nanoTime() < deadline) {
      if (System.nanoTime() >= nextReport) {
        progress.accept(label + " opened=" + opened + " connected=" + connected.get());
        nextReport += TimeUnit.SECONDS.toNanos(1);
      }
      RunControl.sleep(2);
    }
    return connected.get();
  }

  /** The clients in the order opened. */
  public List<WsClient> clients() {
    return clients;
  }

  /** How many connected. */
  public int connected() {
    return connected.get();
  }

  /** How many failed before connecting. */
  public int failed() {
    return failed.get();
  }

  /** The first reason a client failed, or {@code null}. */
  public String firstFailure() {
    return firstFailure;
  }

  /** When {@link #open} started ({@link System#nanoTime()}). */
  public long startNanos() {
    return firstStartNanos;
  }

  /**
   * How many clients failed for each reason (the reason's first 60 characters, at most 8 reasons,
   * the rest as "other"), most frequent first: {@code 4385x transport close; 12x connect failed}.
   */
  public String failureReasons() {
    StringBuilder sb = new StringBuilder();
    reasons.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
        .forEach(
            e ->
                sb.append(sb.length() == 0 ? "" : "; ")
                    .append(e.getValue().sum())
                    .append("x ")
                    .append(e.getKey()));
    return sb.toString();
  }

  /** Nanoseconds the tool took to start every connection (to call {@link WsClient#open}). */
  public long openSpanNanos() {
    return allOpenedNanos - firstStartNanos;
  }

  /** Nanoseconds from the first open to the last CONNECT answer. */
  public long connectSpanNanos() {
    return lastConnectedNanos.get() - firstStartNanos;
  }

  /** A copy of the connect latency histogram. */
  public Histogram connectLatency() {
    Histogram copy = new Histogram();
    synchronized (connectLatency) {
      copy.add(connectLatency);
    }
    return copy;
  }

  /** Closes every client and waits (bounded) for the channels to close. */
  public void closeAll() {
    for (WsClient c : clients) {
      c.close();
    }
    for (WsClient c : clients) {
      if (c.channel() != null) {
        c.channel().closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public void onConnected(WsClient client) {
    long t = client.connectedNanos();
    synchronized (connectLatency) {
      connectLatency.record(t - client.startNanos());
    }
    lastConnectedNanos.accumulateAndGet(t, Math::max);
    connected.incrementAndGet();
    delegate.onConnected(client);
  }

  @Override
  public void onAck(WsClient client, long id, ByteBuf frame, int argsIndex) {
    delegate.onAck(client, id, frame, argsIndex);
  }

  @Override
  public void onEvent(WsClient client, ByteBuf frame) {
    delegate.onEvent(client, frame);
  }

  @Override
  public void onClosed(WsClient client, String reason) {
    if (client.connectedNanos() == 0) {
      failed.incrementAndGet();
      if (firstFailure == null) {
        firstFailure = reason;
      }
      String key = reason.length() > 60 ? reason.substring(0, 60) : reason;
      if (!reasons.containsKey(key) && reasons.size() >= MAX_REASONS) {
        key = "other";
      }
      reasons.computeIfAbsent(key, k -> new java.util.concurrent.atomic.LongAdder()).increment();
    }
    delegate.onClosed(client, reason);
  }
}
