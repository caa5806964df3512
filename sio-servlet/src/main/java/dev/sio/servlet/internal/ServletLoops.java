package dev.sio.servlet.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Servlet binding's K {@link ServletLoop}s: a new session is pinned to the next one, round
 * robin, at its handshake. Thread-safe.
 */
public final class ServletLoops {
  private final ServletLoop[] loops;
  private final AtomicInteger next = new AtomicInteger(); // any thread

  /**
   * Starts {@code count} loops named {@code sio-servlet-0} to {@code sio-servlet-(count-1)}.
   *
   * @param count the number of loops, at least 1
   */
  public ServletLoops(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("loopThreads must be at least 1, got " + count);
    }
    loops = new ServletLoop[count];
    for (int i = 0; i < count; i++) {
      loops[i] = new ServletLoop("sio-servlet-" + i);
    }
  }

  /** {@return the loop the next new session gets} */
  public ServletLoop next() {
    return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
  }

  /** {@return the number of loops} */
  public int size() {
    return loops.length;
  }

  /** {@return true when the calling thread is one of these loops} */
  public boolean onLoop() {
    for (ServletLoop l : loops) {
      if (l.inExecutor()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Stops every loop: queued tasks still run, timers are dropped; waits up to {@code millis} for
   * the threads to end (not when called from a loop).
   *
   * @param millis the most to wait
   */
  public void shutdown(long millis) {
    for (ServletLoop l : loops) {
      l.shutdown();
    }
    if (onLoop()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (ServletLoop l : loops) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !l.awaitTermination(left, TimeUnit.NANOSECONDS)) {
          l.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        l.shutdownNow();
      }
    }
  }
}
