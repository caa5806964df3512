package dev.sio.server.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs errors a client causes (an event argument that does not bind to the handler's type) as one
 * DEBUG line without a stack trace, at most one a second for the whole server: a client that
 * repeats the error costs a counter, not a line (nor a trace) per event. Thread-safe.
 */
public final class ClientErrorLog {
  private static final long INTERVAL_NANOS = 1_000_000_000L;
  private static final int MAX_DETAIL = 200;

  private final Logger log;
  private final AtomicLong next = new AtomicLong(System.nanoTime()); // any thread: next line due
  private final AtomicLong suppressed = new AtomicLong(); // any thread: since the last line

  /** Lines go to {@code log}. */
  public ClientErrorLog(Logger log) {
    this.log = log;
  }

  /**
   * One line for a bad argument of {@code event} on {@code where}, unless one was written less than
   * a second ago.
   */
  public void badArgument(String event, Object where, String detail) {
    if (!log.isDebugEnabled()) {
      return;
    }
    long now = System.nanoTime();
    long due = next.get();
    if (now - due < 0 || !next.compareAndSet(due, now + INTERVAL_NANOS)) {
      suppressed.incrementAndGet();
      return;
    }
    String d = detail == null ? "" : detail.replaceAll("[\\r\\n]+", " ");
    if (d.length() > MAX_DETAIL) {
      d = d.substring(0, MAX_DETAIL) + "…";
    }
    log.debug(
        "bad argument for event \"{}\" on {}: {} ({} similar suppressed)",
        event,
        where,
        d,
        suppressed.getAndSet(0));
  }
}
