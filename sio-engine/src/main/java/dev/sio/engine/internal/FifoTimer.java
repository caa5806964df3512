package dev.sio.engine.internal;

import dev.sio.engine.spi.SessionExecutor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One timer for many entries of one executor armed with the same delay: they are due in the order
 * they were armed, so they wait in a FIFO (an intrusive doubly linked list: the entry is the node,
 * arming and disarming are O(1) and allocate nothing), and one task scheduled on the executor fires
 * at the head's due time, runs every entry that is due, and is scheduled again for the new head.
 * Each executor keeps one per delay in its {@link LoopState}. Confined to its executor's thread.
 *
 * <p>An entry armed for a time before the tail's (another kind of entry sharing the delay) is
 * placed in due order, walking back from the tail. A disarmed head leaves the task scheduled: it
 * fires, finds nothing due and is scheduled for the new head. An entry that throws is logged and
 * the others still run.
 */
final class FifoTimer implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(FifoTimer.class);

  /**
   * A node of one {@link FifoTimer}'s list: in at most one list at a time. Touched by the
   * executor's thread only.
   */
  abstract static class Entry {
    private Entry prev; // executor: null when not armed
    private Entry next; // executor: null when not armed
    long dueNanos; // executor: when it is (or was last) due, in the executor's monotonicNanos

    /** Runs when due, on the executor, after the entry left the list (it may arm itself again). */
    abstract void fire();

    /** True while the entry waits in a list. */
    final boolean armed() {
      return next != null;
    }

    /** Leaves the list it waits in, if any: O(1). */
    final void disarm() {
      Entry n = next;
      if (n != null) {
        prev.next = n;
        n.prev = prev;
        prev = null;
        next = null;
      }
    }
  }

  /** The list's head and tail: {@code head.next} is the first entry, {@code head.prev} the last. */
  private static final class Head extends Entry {
    Head() {
      linkToSelf(this);
    }

    @Override
    void fire() {
      throw new AssertionError("the list's head is never due");
    }
  }

  private final SessionExecutor loop;
  private final long delayNanos;
  private final Entry head = new Head(); // executor
  private ScheduledFuture<?> task; // executor: the scheduled run, or null
  private long taskDue; // executor: when the scheduled run fires (valid while task != null)

  FifoTimer(SessionExecutor loop, long delayNanos) {
    this.loop = loop;
    this.delayNanos = delayNanos;
  }

  private static void linkToSelf(Entry h) {
    h.prev = h;
    h.next = h;
  }

  /** The delay its entries are armed with. */
  long delayNanos() {
    return delayNanos;
  }

  /** Arms {@code e} to fire {@link #delayNanos} from now. */
  void arm(Entry e) {
    arm(e, loop.monotonicNanos() + delayNanos);
  }

  /** Arms {@code e} (leaving the list it waits in first) to fire at {@code dueNanos}. */
  void arm(Entry e, long dueNanos) {
    e.disarm();
    e.dueNanos = dueNanos;
    Entry p = head.prev;
    while (p != head && p.dueNanos - dueNanos > 0) {
      p = p.prev; // only when an entry of another kind shares the delay: a short walk
    }
    e.prev = p;
    e.next = p.next;
    p.next.prev = e;
    p.next = e;
    if (p == head && (task == null || taskDue - dueNanos > 0)) {
      if (task != null) {
        task.cancel(false);
        task = null;
      }
      schedule(loop.monotonicNanos());
    }
  }

  /** True when no entry waits. */
  boolean isEmpty() {
    return head.next == head;
  }

  /** Runs every entry that is due, then waits for the new head. */
  @Override
  public void run() {
    task = null;
    long now = loop.monotonicNanos();
    Entry e;
    while ((e = head.next) != head && e.dueNanos - now <= 0) {
      e.disarm();
      try {
        e.fire();
      } catch (Throwable t) {
        log.warn("Engine.IO timer failed for {}", e, t);
      }
    }
    if (task == null && head.next != head) {
      schedule(now);
    }
  }

  private void schedule(long now) {
    long due = head.next.dueNanos;
    try {
      task = loop.schedule(this, Math.max(0, due - now), TimeUnit.NANOSECONDS);
      taskDue = due;
    } catch (RejectedExecutionException ex) {
      task = null; // the executor is shutting down: its sessions are closing
    }
  }

  @Override
  public String toString() {
    return "FifoTimer[" + TimeUnit.NANOSECONDS.toMillis(delayNanos) + " ms]";
  }
}
