package dev.sio.bench.internal;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per broadcast in flight, how many of its N recipients have it and when the first and the last one
 * read it. A fixed ring of {@value #SLOTS} slots indexed by the broadcast's sequence number; a slot
 * is reused only once its broadcast is complete, so a lost delivery blocks one slot, never the run.
 * The sender calls {@link #begin} on one thread; {@link #arrived} may come from any thread.
 */
public final class BroadcastTracker {
  /** Broadcasts that can be in flight at once. */
  public static final int SLOTS = 8192;

  private static final int MASK = SLOTS - 1;

  /** A broadcast that just became complete: its first and last arrival, and whether measured. */
  public record Completion(long first, long last, boolean measured) {}

  /** What {@link #arrived} answers for a delivery of no broadcast in flight (or a duplicate). */
  public static final Completion STALE = new Completion(-1, -1, false);

  private final int recipients;
  private final AtomicLongArray owner = new AtomicLongArray(SLOTS); // seq + 1; 0 = never used
  private final AtomicIntegerArray count = new AtomicIntegerArray(SLOTS);
  private final AtomicLongArray firstAt = new AtomicLongArray(SLOTS);
  private final AtomicLongArray lastAt = new AtomicLongArray(SLOTS);
  private final AtomicIntegerArray measured = new AtomicIntegerArray(SLOTS);
  private final AtomicLong completed = new AtomicLong();

  /** A tracker of broadcasts that each reach {@code recipients} clients. */
  public BroadcastTracker(int recipients) {
    if (recipients < 1) {
      throw new IllegalArgumentException("recipients must be at least 1: " + recipients);
    }
    this.recipients = recipients;
  }

  /**
   * Claims the slot of broadcast {@code seq} before it is sent; false when that slot still holds an
   * incomplete broadcast (then {@code seq} must not be sent now).
   */
  public boolean begin(long seq, boolean measuredBroadcast) {
    int slot = (int) (seq & MASK);
    if (owner.get(slot) != 0 && count.get(slot) < recipients) {
      return false;
    }
    count.set(slot, 0);
    firstAt.set(slot, Long.MAX_VALUE);
    lastAt.set(slot, Long.MIN_VALUE);
    measured.set(slot, measuredBroadcast ? 1 : 0);
    owner.set(slot, seq + 1);
    return true;
  }

  /**
   * Records that one recipient read broadcast {@code seq} at {@code nanos}: {@link #STALE} when
   * {@code seq} is not in flight or this is one delivery too many, the {@link Completion} when it
   * was the last recipient, otherwise {@code null}.
   */
  public Completion arrived(long seq, long nanos) {
    int slot = (int) (seq & MASK);
    if (owner.get(slot) != seq + 1) {
      return STALE;
    }
    // first and last before the count: whoever counts the last recipient sees every arrival
    firstAt.accumulateAndGet(slot, nanos, Math::min);
    lastAt.accumulateAndGet(slot, nanos, Math::max);
    int c = count.incrementAndGet(slot);
    if (c > recipients) {
      return STALE;
    }
    if (c < recipients) {
      return null;
    }
    completed.incrementAndGet();
    return new Completion(firstAt.get(slot), lastAt.get(slot), measured.get(slot) == 1);
  }

  /** Whether broadcast {@code seq} (in flight) was sent while measuring. */
  public boolean measured(long seq) {
    int slot = (int) (seq & MASK);
    return owner.get(slot) == seq + 1 && measured.get(slot) == 1;
  }

  /** Broadcasts every recipient has. */
  public long completed() {
    return completed.get();
  }
}
