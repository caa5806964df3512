package dev.sio.engine.internal;

import dev.sio.engine.spi.SessionExecutor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A session executor on a manual clock, run by the test's thread: {@link #advance} moves the clock
 * and runs the timers that are due, in due order. It counts what was scheduled and cancelled.
 */
final class ManualLoop extends AbstractExecutorService implements SessionExecutor {
  private final List<Timer> timers = new ArrayList<>(); // the test's thread
  private long now = 1_000_000_000L; // the test's thread: not 0, as a real ticker need not be
  private long sequence; // the test's thread
  private Object state; // the test's thread
  int scheduled; // the test's thread: schedule calls
  int cancelled; // the test's thread: cancels of pending timers

  /** A pending timer. */
  final class Timer implements ScheduledFuture<Object> {
    final Runnable task;
    final long due;
    final long order;
    boolean done;
    boolean wasCancelled;

    Timer(Runnable task, long due) {
      this.task = task;
      this.due = due;
      this.order = sequence++;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - now, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (done) {
        return false;
      }
      done = true;
      wasCancelled = true;
      cancelled++;
      timers.remove(this);
      return true;
    }

    @Override
    public boolean isCancelled() {
      return wasCancelled;
    }

    @Override
    public boolean isDone() {
      return done;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }

  /** The clock, in nanoseconds. */
  long now() {
    return now;
  }

  /** The timers not yet run or cancelled. */
  int pending() {
    return timers.size();
  }

  /** Moves the clock by {@code nanos}, running each timer at its due time, in order. */
  void advance(long nanos) {
    long end = now + nanos;
    while (true) {
      Timer next =
          timers.stream()
              .filter(t -> t.due - end <= 0)
              .min(Comparator.<Timer>comparingLong(t -> t.due).thenComparingLong(t -> t.order))
              .orElse(null);
      if (next == null) {
        break;
      }
      timers.remove(next);
      next.done = true;
      now = Math.max(now, next.due);
      next.task.run();
    }
    now = end;
  }

  void advanceMillis(long millis) {
    advance(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Override
  public boolean inExecutor() {
    return true;
  }

  @Override
  public long monotonicNanos() {
    return now;
  }

  @Override
  public Object engineState() {
    return state;
  }

  @Override
  public void engineState(Object s) {
    state = s;
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    scheduled++;
    Timer t = new Timer(command, now + unit.toNanos(delay));
    timers.add(t);
    return t;
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return false;
  }
}
