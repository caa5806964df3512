package dev.sio.interop.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The JSON events an in-process server reports, with the same await semantics as {@link
 * dev.sio.interop.NodeScript}: a wait takes the first matching event and leaves the others.
 */
final class EventQueue {
  private final String name;
  private final Object lock = new Object();
  // Guarded by lock: events not yet taken, in arrival order (written by the server's threads).
  private final List<JsonNode> pending = new ArrayList<>();
  // Guarded by lock: every event, for failure messages.
  private final List<JsonNode> all = new ArrayList<>();

  EventQueue(String name) {
    this.name = name;
  }

  /** Adds an event (any thread). */
  void add(JsonNode event) {
    synchronized (lock) {
      pending.add(event);
      all.add(event);
      lock.notifyAll();
    }
  }

  /** Waits for the first unread event that matches, and takes it. */
  JsonNode await(String what, Predicate<JsonNode> predicate, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        for (Iterator<JsonNode> it = pending.iterator(); it.hasNext(); ) {
          JsonNode event = it.next();
          if (predicate.test(event)) {
            it.remove();
            return event;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for " + what, e);
        }
      }
      StringBuilder s = new StringBuilder(name).append(": waited ").append(timeout);
      s.append(" without ").append(what).append("\n  events (").append(all.size()).append("):");
      for (JsonNode event : all.subList(Math.max(0, all.size() - 40), all.size())) {
        s.append("\n    ").append(event);
      }
      throw new AssertionError(s.toString());
    }
  }

  /** The events not taken yet. */
  List<JsonNode> pending() {
    synchronized (lock) {
      return List.copyOf(pending);
    }
  }
}
