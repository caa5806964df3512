package dev.sio.servlet.internal;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the HTTP requests of one session to the port in the order they entered the filter, as Node
 * and the Netty binding do by reading every connection on one thread. A request naming a {@code
 * sid} takes a {@link Ticket} on entry; once ready (a GET at once, a POST when its body is read) it
 * goes to the port after every earlier ticket of that sid went or ended.
 *
 * <p>Bounds and deadlines: a ready request waits at most {@link #WAIT_MILLIS} for an earlier one
 * still reading its body, then goes ahead (the earlier one goes when ready, unordered); a sid holds
 * at most {@link #MAX_TICKETS} tickets and the map at most {@link #MAX_SIDS} sids (a request past
 * either gets no ticket and goes unordered, as before); a sid's entry is removed as soon as none of
 * its requests waits, so dead or random sids leave nothing behind.
 *
 * <p>Threads: any. Each sid's queue is guarded by its own monitor, held only to change the queue,
 * never while a request is handed on; one thread at a time hands a sid's requests on (the drainer),
 * so two of them never race to the session.
 */
final class RequestOrder {
  private static final Logger log = LoggerFactory.getLogger(RequestOrder.class);

  /** The most a ready request waits for an earlier one of its session (its body still read). */
  static final long WAIT_MILLIS = 50;

  /** The most tickets one sid holds at once (Engine.IO has one GET and one POST in flight). */
  static final int MAX_TICKETS = 8;

  /** The most sids with a request waiting or reading its body at once. */
  static final int MAX_SIDS = 10_000;

  private final ConcurrentHashMap<String, Line> lines = new ConcurrentHashMap<>(); // any thread
  private final Supplier<? extends ScheduledExecutorService> timers;
  private final long waitNanos;

  /**
   * @param timers where a deadline fires (a Sio loop; the request it releases is handed on there)
   */
  RequestOrder(Supplier<? extends ScheduledExecutorService> timers) {
    this(timers, WAIT_MILLIS);
  }

  /** With another wait than {@link #WAIT_MILLIS} (tests). */
  RequestOrder(Supplier<? extends ScheduledExecutorService> timers, long waitMillis) {
    this.timers = timers;
    this.waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
  }

  /**
   * {@return a ticket for a request of {@code sid}, or {@code null} when a bound is reached (the
   * request then goes unordered)}
   *
   * @param sid the session id the request names
   */
  Ticket take(String sid) {
    for (int attempt = 0; attempt < 4; attempt++) {
      Line line = lines.get(sid);
      if (line == null) {
        if (lines.size() >= MAX_SIDS) {
          return null;
        }
        Line fresh = new Line(sid);
        line = lines.putIfAbsent(sid, fresh);
        if (line == null) {
          line = fresh;
        }
      }
      synchronized (line) {
        if (line.removed) {
          continue; // emptied and removed meanwhile: take a new one
        }
        if (line.queue.size() >= MAX_TICKETS) {
          return null;
        }
        Ticket t = new Ticket(line, System.nanoTime());
        line.queue.add(t);
        return t;
      }
    }
    return null;
  }

  /** {@return the sids with a ticket in flight (tests)} */
  int size() {
    return lines.size();
  }

  /** The tickets of one sid, in the order taken. */
  private final class Line {
    final String sid;
    final ArrayDeque<Ticket> queue = new ArrayDeque<>(); // monitor
    boolean draining; // monitor: a thread is handing a request on
    boolean removed; // monitor: out of the map, takes no more tickets
    Ticket timed; // monitor: the head whose deadline is scheduled

    Line(String sid) {
      this.sid = sid;
    }
  }

  /** One request's place in its session's line. */
  final class Ticket {
    private final Line line;
    private final long takenNanos;
    private Runnable handOff; // line's monitor: set once ready
    private boolean ended; // line's monitor: cancelled, or left the queue
    private boolean skipped; // line's monitor: overtaken at its deadline, goes when ready

    private Ticket(Line line, long takenNanos) {
      this.line = line;
      this.takenNanos = takenNanos;
    }

    /**
     * The request is ready: {@code handOff} runs now, or once the earlier tickets went (at most
     * {@link #WAIT_MILLIS} after they were taken), on the thread that releases it.
     *
     * @param handOff hands the request to the port; must not block
     */
    void ready(Runnable handOff) {
      boolean alone;
      synchronized (line) {
        if (ended) {
          return;
        }
        alone = skipped;
        if (alone) {
          ended = true;
        } else {
          this.handOff = handOff;
        }
      }
      if (alone) {
        handOff.run();
        return;
      }
      drain(line);
    }

    /** The request ended without going to the port (refused, failed, answered here). */
    void cancel() {
      synchronized (line) {
        if (ended) {
          return;
        }
        ended = true;
        handOff = null;
      }
      drain(line);
    }
  }

  /** Hands on the ready heads of {@code line}, in order, unless another thread does already. */
  private void drain(Line line) {
    for (; ; ) {
      Runnable run;
      synchronized (line) {
        if (line.draining) {
          return; // the drainer loops and sees this change
        }
        run = nextLocked(line);
        if (run == null) {
          return;
        }
        line.draining = true;
      }
      try {
        run.run();
      } catch (RuntimeException e) {
        log.warn("handing a request of {} on failed", line.sid, e);
      } finally {
        synchronized (line) {
          line.draining = false;
        }
      }
    }
  }

  /** {@return the next hand-off of {@code line}, or null (then maybe a deadline is scheduled)} */
  private Runnable nextLocked(Line line) {
    for (; ; ) {
      Ticket head = line.queue.peek();
      if (head == null) {
        line.removed = true;
        lines.remove(line.sid, line);
        return null;
      }
      if (head.ended) {
        line.queue.poll();
        continue;
      }
      if (head.handOff != null) {
        line.queue.poll();
        head.ended = true;
        Runnable r = head.handOff;
        head.handOff = null;
        return r;
      }
      if (!anyReadyBehind(line)) {
        return null; // nobody waits for the head
      }
      long late = System.nanoTime() - head.takenNanos - waitNanos;
      if (late >= 0) {
        line.queue.poll(); // its body is slow: the others go ahead, it goes when ready
        head.skipped = true;
        continue;
      }
      if (line.timed != head) {
        line.timed = head;
        if (!schedule(line, -late)) {
          line.queue.poll(); // no timer (shutting down): nobody waits
          head.skipped = true;
          continue;
        }
      }
      return null;
    }
  }

  private static boolean anyReadyBehind(Line line) {
    for (Ticket t : line.queue) {
      if (!t.ended && t.handOff != null) {
        return true;
      }
    }
    return false;
  }

  private boolean schedule(Line line, long nanos) {
    try {
      timers.get().schedule(() -> drain(line), nanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      log.debug("no timer for the request order of {} (shutting down)", line.sid, e);
      return false;
    }
  }
}
