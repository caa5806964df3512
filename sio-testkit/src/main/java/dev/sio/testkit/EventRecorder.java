package dev.sio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The events one client receives, in order, for a test to take one by one with a deadline and to
 * check empty at the end (so that nothing unexpected went by). Holds at most {@link #CAPACITY}
 * events; past that it fails the next {@link #next} instead of growing.
 */
public final class EventRecorder {
  /** The most events a recorder holds before it reports an overflow. */
  public static final int CAPACITY = 10_000;

  /** One received event: its name and arguments. */
  public record Event(String name, List<JsonNode> args) {
    /**
     * {@return argument {@code i}}
     *
     * @param i the index, from 0
     */
    public JsonNode arg(int i) {
      return args.get(i);
    }
  }

  private final Duration timeout;
  // Client event thread adds, the test's thread takes; bounded by CAPACITY.
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>(CAPACITY);
  // Client event thread writes, the test's thread reads: set when an event did not fit.
  private volatile boolean overflowed;

  private EventRecorder(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * A recorder of {@code names} on {@code socket} (every event when none is given), listening from
   * now on.
   *
   * @param socket the client to listen to
   * @param timeout how long {@link #next()} waits for an event
   * @param names the event names to record; none records every event
   * @return the recorder, listening
   */
  public static EventRecorder of(Socket socket, Duration timeout, String... names) {
    return create(timeout).attach(socket, names);
  }

  /**
   * A recorder that listens to nothing yet: {@link #attach} it to a client in the client's setup,
   * so that it hears the events the server sends on connection too.
   *
   * @param timeout how long {@link #next()} waits for an event
   * @return a new recorder
   * @throws IllegalArgumentException when the timeout is not positive
   */
  public static EventRecorder create(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    return new EventRecorder(timeout);
  }

  /**
   * Records {@code names} on {@code socket} (every event when none is given) from now on; several
   * sockets may share one recorder, their events then interleave in arrival order.
   *
   * @param socket the client to listen to
   * @param names the event names to record; none records every event
   * @return this recorder
   */
  public EventRecorder attach(Socket socket, String... names) {
    if (names.length == 0) {
      socket.onAny((event, args) -> add(new Event(event, List.copyOf(args))));
    } else {
      for (String name : names) {
        socket.on(name, (args, ack) -> add(new Event(name, List.copyOf(args))));
      }
    }
    return this;
  }

  private void add(Event e) {
    if (!events.offer(e)) {
      overflowed = true;
    }
  }

  /**
   * {@return the next event}
   *
   * @throws AssertionError when none arrives within the timeout, or the recorder overflowed
   */
  public Event next() {
    if (overflowed) {
      throw new AssertionError("more than " + CAPACITY + " events were not read");
    }
    try {
      Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (e == null) {
        throw new AssertionError("no event within " + timeout);
      }
      return e;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", ex);
    }
  }

  /**
   * {@return the next event, which must be {@code name}}
   *
   * @param name the name
   * @throws AssertionError when another comes first or none within the timeout
   */
  public Event next(String name) {
    Event e = next();
    if (!e.name().equals(name)) {
      throw new AssertionError("expected event " + name + ", got " + e);
    }
    return e;
  }

  /**
   * Checks that nothing more arrived.
   *
   * @throws AssertionError listing what was not read
   */
  public void assertEmpty() {
    if (!events.isEmpty() || overflowed) {
      throw new AssertionError("events no test read: " + List.copyOf(events));
    }
  }
}
