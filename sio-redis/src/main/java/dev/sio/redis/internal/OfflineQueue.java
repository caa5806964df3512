package dev.sio.redis.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server publishes while Redis is unreachable, kept in order and sent once the link is back
 * (node-redis's offline queue, with bounds): at most {@code maxMessages} messages and {@code
 * maxBytes} payload bytes, each for at most {@code maxAge}. A message over a bound is refused
 * (counted and logged, its future fails); one older than {@code maxAge} when the link comes back is
 * dropped the same way. Thread-safe: one monitor guards the queue.
 */
public final class OfflineQueue {
  private static final Logger LOG = LoggerFactory.getLogger(OfflineQueue.class);

  /** One queued command. */
  public interface Entry {
    /** The payload size counted against the byte bound. */
    int bytes();

    /** Sends it now. */
    void send();

    /** Gives up on it. */
    void fail(Throwable error);
  }

  private record Held(Entry entry, long since) {}

  private final int maxMessages;
  private final long maxBytes;
  private final long maxAgeNanos;
  private final String where;
  private final ArrayDeque<Held> queue = new ArrayDeque<>(); // guarded by this
  private long bytes; // guarded by this
  private boolean warned; // guarded by this: a drop was logged during the current outage
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong expired = new AtomicLong();
  private final AtomicLong queued = new AtomicLong();

  /**
   * A queue with these bounds; {@code maxMessages == 0} keeps nothing (every message published
   * while offline fails).
   */
  public OfflineQueue(int maxMessages, long maxBytes, Duration maxAge, String where) {
    this.maxMessages = maxMessages;
    this.maxBytes = maxBytes;
    this.maxAgeNanos = maxAge.toNanos();
    this.where = where;
  }

  /**
   * Keeps {@code entry} for later.
   *
   * @return false (and counts a drop) when a bound would be exceeded
   */
  public boolean offer(Entry entry) {
    synchronized (this) {
      if (queue.size() < maxMessages && bytes + entry.bytes() <= maxBytes) {
        queue.addLast(new Held(entry, System.nanoTime()));
        bytes += entry.bytes();
        queued.incrementAndGet();
        return true;
      }
      dropped.incrementAndGet();
      if (!warned) {
        warned = true;
        LOG.warn(
            "Redis at {} unreachable and the offline queue is full ({} messages, {} bytes; bounds"
                + " {} messages, {} bytes): dropping what is published until the link is back",
            where,
            queue.size(),
            bytes,
            maxMessages,
            maxBytes);
      }
      return false;
    }
  }

  /**
   * Takes every queued entry, in order; entries older than the age bound are failed and counted
   * instead.
   */
  public List<Entry> drain() {
    List<Held> taken;
    synchronized (this) {
      if (queue.isEmpty()) {
        warned = false;
        return List.of();
      }
      taken = new ArrayList<>(queue);
      queue.clear();
      bytes = 0;
      warned = false;
    }
    long now = System.nanoTime();
    List<Entry> fresh = new ArrayList<>(taken.size());
    int stale = 0;
    for (Held h : taken) {
      if (now - h.since() > maxAgeNanos) {
        stale++;
        h.entry().fail(new IllegalStateException("held longer than the offline queue allows"));
      } else {
        fresh.add(h.entry());
      }
    }
    if (stale > 0) {
      expired.addAndGet(stale);
      LOG.warn(
          "dropped {} messages held longer than {} ms while Redis at {} was unreachable",
          stale,
          maxAgeNanos / 1_000_000,
          where);
    }
    if (!fresh.isEmpty()) {
      LOG.info("sending {} messages queued while Redis at {} was unreachable", fresh.size(), where);
    }
    return fresh;
  }

  /** Fails every queued entry (when the link closes). */
  public void failAll(Throwable error) {
    List<Held> taken;
    synchronized (this) {
      taken = new ArrayList<>(queue);
      queue.clear();
      bytes = 0;
    }
    taken.forEach(h -> h.entry().fail(error));
  }

  /** Messages queued now. */
  public synchronized int size() {
    return queue.size();
  }

  /** Payload bytes queued now. */
  public synchronized long bytes() {
    return bytes;
  }

  /** True when nothing is queued. */
  public synchronized boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Messages refused because a bound was reached, since the start. */
  public long dropped() {
    return dropped.get();
  }

  /** Messages dropped because they waited longer than the age bound, since the start. */
  public long expired() {
    return expired.get();
  }

  /** Messages ever queued. */
  public long queued() {
    return queued.get();
  }
}
