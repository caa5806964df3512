package dev.sio.servlet.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The frames of one Jakarta WebSocket waiting for the socket, with one asynchronous send in flight
 * at a time (Tomcat throws on a second: S0 (e); Jetty would queue it without a bound). It counts
 * the UTF-8 bytes queued or in flight ({@link #pendingBytes()}, the session's {@code
 * maxBufferedBytes} check), turns them into writability with high and low water marks, and runs
 * {@link #whenWritten} tasks once everything queued before them has been sent.
 *
 * <p>Threads: {@link #add}, {@link #flush} and {@link #whenWritten} on the session's loop; a send's
 * completion on whatever thread the container calls back on; {@link #terminate} on any. The queue
 * is guarded by this object's monitor; sends are made outside it. Bound: the session closes the
 * connection once {@link #pendingBytes()} passes its {@code maxBufferedBytes}, so the queue holds
 * at most that much plus one message.
 */
public final class Outbox {
  /** Sends one frame and reports the result once, on any thread. */
  public interface Sender {
    /**
     * Sends {@code frame} (a {@link String} for text, a {@code byte[]} for binary).
     *
     * @param frame the frame's payload
     * @param done called once with {@code null} on success, else the failure
     */
    void send(Object frame, java.util.function.Consumer<Throwable> done);
  }

  /** What the outbox tells its owner. */
  public interface Listener {
    /** The pending bytes crossed a water mark: {@link #isWritable()} changed. */
    void onWritabilityChanged();

    /** A send failed: the connection is lost; the outbox is terminated. */
    void onSendFailed(Throwable cause);
  }

  private record Frame(Object payload, long size) {}

  private record Mark(Runnable task) {}

  private final Sender sender;
  private final Executor owner; // runs whenWritten tasks and listener calls
  private final Listener listener;
  private final long high;
  private final long low;

  private final ArrayDeque<Object> queue = new ArrayDeque<>(); // monitor: Frames and Marks
  private boolean inFlight; // monitor: a send has not completed
  private Thread pumper; // monitor: the thread in pump(), or null
  private boolean flushed; // monitor: frames may go (set by flush, kept until empty)
  private boolean terminated; // monitor: closed; nothing more is sent or run
  private boolean writable = true; // monitor: the last writability reported
  private final AtomicLong pending = new AtomicLong(); // any thread: bytes queued or in flight

  /**
   * An outbox sending through {@code sender}.
   *
   * @param sender the container's asynchronous send
   * @param owner the session's loop: {@code whenWritten} tasks and listener calls run there
   * @param listener told about writability and failures
   * @param highWaterMark above this many pending bytes the outbox is not writable
   * @param lowWaterMark below this many it is writable again
   */
  public Outbox(
      Sender sender, Executor owner, Listener listener, long highWaterMark, long lowWaterMark) {
    if (lowWaterMark > highWaterMark) {
      throw new IllegalArgumentException("lowWaterMark must not exceed highWaterMark");
    }
    this.sender = sender;
    this.owner = owner;
    this.listener = listener;
    this.high = highWaterMark;
    this.low = lowWaterMark;
  }

  /**
   * Queues one frame; sent after the next {@link #flush()}. Dropped once terminated.
   *
   * @param payload a {@link String} (text) or {@code byte[]} (binary), not changed afterwards
   * @param size its size in bytes on the wire (UTF-8 for text)
   */
  public void add(Object payload, long size) {
    boolean changed;
    synchronized (this) {
      if (terminated) {
        return;
      }
      queue.add(new Frame(payload, size));
      pending.addAndGet(size);
      changed = updateWritability();
    }
    if (changed) {
      owner.execute(listener::onWritabilityChanged);
    }
  }

  /** Starts sending what was queued. */
  public void flush() {
    synchronized (this) {
      if (terminated || queue.isEmpty()) {
        return;
      }
      flushed = true;
    }
    pump();
  }

  /**
   * Runs {@code task} on the owner once every frame queued so far has been sent; never if the
   * outbox is terminated first.
   *
   * @param task the task
   */
  public void whenWritten(Runnable task) {
    synchronized (this) {
      if (terminated) {
        return;
      }
      queue.add(new Mark(task));
      flushed = true;
    }
    pump();
  }

  /** {@return the bytes queued or in flight; 0 once terminated} Any thread. */
  public long pendingBytes() {
    return pending.get();
  }

  /** {@return true while not terminated and below the high water mark (with hysteresis)} */
  public synchronized boolean isWritable() {
    return !terminated && writable;
  }

  /** {@return true once terminated} */
  public synchronized boolean isTerminated() {
    return terminated;
  }

  /**
   * Ends the outbox: queued frames and marks are dropped, a send in flight is forgotten (Tomcat may
   * never call back for it after a close: S0), and nothing more is sent. Idempotent.
   */
  public void terminate() {
    synchronized (this) {
      if (terminated) {
        return;
      }
      terminated = true;
      queue.clear();
      pending.set(0);
    }
  }

  /** Sends queued frames one at a time until the queue is empty or a send is in flight. */
  private void pump() {
    for (; ; ) {
      Frame frame;
      Runnable mark = null;
      synchronized (this) {
        Thread me = Thread.currentThread();
        if (pumper != null && pumper != me) {
          return; // that thread sends what this one queued, at its next check
        }
        if (terminated || inFlight || !flushed || queue.isEmpty()) {
          if (queue.isEmpty()) {
            flushed = false;
          }
          pumper = null;
          return;
        }
        pumper = me;
        Object head = queue.poll();
        if (head instanceof Mark m) {
          mark = m.task();
          frame = null;
        } else {
          frame = (Frame) head;
          inFlight = true;
        }
      }
      if (mark != null) {
        owner.execute(mark);
        continue;
      }
      try {
        sender.send(frame.payload(), failure -> sent(frame, failure));
      } catch (RuntimeException e) { // the session is closing, or the container refused the call
        sent(frame, e);
      }
    }
  }

  /** A send completed (any thread); the next frame goes, from this thread or the pumping one. */
  private void sent(Frame frame, Throwable failure) {
    boolean changed;
    boolean pumpHere;
    synchronized (this) {
      if (terminated) {
        return;
      }
      inFlight = false;
      if (failure != null) {
        terminated = true;
        queue.clear();
        pending.set(0);
        changed = false;
        pumpHere = false;
      } else {
        pending.addAndGet(-frame.size());
        changed = updateWritability();
        pumpHere = pumper == null; // else the pumping thread sees inFlight false at its next check
      }
    }
    if (failure != null) {
      owner.execute(() -> listener.onSendFailed(failure));
      return;
    }
    if (changed) {
      owner.execute(listener::onWritabilityChanged);
    }
    if (pumpHere) {
      pump();
    }
  }

  /** Under the monitor: flips {@link #writable} at the marks; true when it changed. */
  private boolean updateWritability() {
    long p = pending.get();
    if (writable && p > high) {
      writable = false;
      return true;
    }
    if (!writable && p < low) {
      writable = true;
      return true;
    }
    return false;
  }
}
