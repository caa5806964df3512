package dev.sio.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.Ack;
import dev.sio.client.AnyListener;
import dev.sio.client.EventListener;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one socket: per event, for any incoming event, for any outgoing one. Listeners
 * are added and removed from any thread and called on the event thread; an exception thrown by one
 * is logged and does not reach the connection.
 */
public final class EventRegistry {
  private static final Logger log = LoggerFactory.getLogger(EventRegistry.class);

  private record Entry(Object key, EventListener listener, boolean once) {}

  private final Map<String, CopyOnWriteArrayList<Entry>> events = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<AnyListener> any = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<AnyListener> anyOutgoing = new CopyOnWriteArrayList<>();

  /**
   * Adds a listener of {@code event}; {@code key} is what {@link #off(String, Object)} removes (the
   * user's own lambda when the listener wraps it).
   */
  public void on(String event, Object key, EventListener listener, boolean once) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(listener, "listener");
    events
        .computeIfAbsent(event, e -> new CopyOnWriteArrayList<>())
        .add(new Entry(key, listener, once));
  }

  /** Removes the listeners registered with {@code key} for {@code event}. */
  public void off(String event, Object key) {
    CopyOnWriteArrayList<Entry> list = events.get(event);
    if (list != null) {
      list.removeIf(e -> e.key() == key);
    }
  }

  /** Removes every listener of {@code event}. */
  public void off(String event) {
    events.remove(event);
  }

  /** Removes every event listener. */
  public void offAll() {
    events.clear();
  }

  /** Whether {@code event} has a listener. */
  public boolean has(String event) {
    List<Entry> list = events.get(event);
    return list != null && !list.isEmpty();
  }

  /** The catch-all incoming listeners. */
  public CopyOnWriteArrayList<AnyListener> any() {
    return any;
  }

  /** The catch-all outgoing listeners. */
  public CopyOnWriteArrayList<AnyListener> anyOutgoing() {
    return anyOutgoing;
  }

  /** Calls the catch-all listeners, then those of {@code event}. Event thread. */
  public void dispatch(String event, List<JsonNode> args, Ack ack) {
    for (AnyListener l : any) {
      try {
        l.onEvent(event, args);
      } catch (RuntimeException e) {
        log.warn("onAny listener failed on event '{}'", event, e);
      }
    }
    CopyOnWriteArrayList<Entry> list = events.get(event);
    if (list == null) {
      return;
    }
    for (Entry e : list) {
      if (e.once() && !list.remove(e)) {
        continue; // a once listener already called
      }
      try {
        e.listener().onEvent(args, ack);
      } catch (RuntimeException ex) {
        log.warn("listener of event '{}' failed", event, ex);
      }
    }
  }

  /** Calls the outgoing catch-all listeners. Event thread. */
  public void dispatchOutgoing(String event, List<JsonNode> args) {
    for (AnyListener l : anyOutgoing) {
      try {
        l.onEvent(event, args);
      } catch (RuntimeException e) {
        log.warn("onAnyOutgoing listener failed on event '{}'", event, e);
      }
    }
  }

  /** Runs a user callback, logging what it throws. */
  public static void safely(String what, Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      log.warn("{} listener failed", what, e);
    }
  }
}
