package dev.sio.engine.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes queued for all sessions of one endpoint together ({@code maxTotalBufferedBytes}).
 *
 * <p>Sessions report their share only when it crosses a {@link #STEP}: a session holding less than
 * 64 KiB (every client that reads what it is sent) counts as zero and never touches the counters,
 * so the echo path costs nothing. A session's share changes when it is checked (a send while its
 * connection is over the high water mark, the heartbeat, a writability change) and returns to zero
 * when it closes. Over the budget, a session holding at least the fair share ({@code limit /
 * holders}) must go: the largest holders cross it first. Thread-safe; updated by any event loop.
 */
final class BufferBudget {
  /** Granularity of the reports, and the smallest share counted (Netty's default high mark). */
  static final long STEP = 64 * 1024;

  private final long limit;
  private final AtomicLong total = new AtomicLong(); // any event loop, on crossings only
  private final AtomicInteger holders = new AtomicInteger(); // any event loop: shares > 0

  BufferBudget(long limit) {
    this.limit = limit;
  }

  /** The budget in bytes. */
  long limit() {
    return limit;
  }

  /** The bytes reported by all sessions. */
  long total() {
    return total.get();
  }

  /**
   * The share a session holding {@code bytes} reports, given what it reported before: zero below
   * {@link #STEP}, unchanged while it moved by less than a step.
   */
  static long share(long reported, long bytes) {
    if (bytes < STEP) {
      return 0;
    }
    return reported != 0 && Math.abs(bytes - reported) < STEP ? reported : bytes;
  }

  /** Moves a session's share from {@code previous} to {@code now}. */
  void move(long previous, long now) {
    if (previous == now) {
      return;
    }
    if (previous == 0) {
      holders.incrementAndGet();
    } else if (now == 0) {
      holders.decrementAndGet();
    }
    total.addAndGet(now - previous);
  }

  /** True when the budget is exceeded and a session whose share is {@code share} holds too much. */
  boolean mustShed(long share) {
    return share > 0 && total.get() > limit && share >= limit / Math.max(1, holders.get());
  }
}
