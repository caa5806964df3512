package dev.sio.client.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, the formula of the Node.js client's {@code backo2}: {@code min *
 * 2^attempts}, moved up or down by up to {@code jitter} of itself, capped at {@code max}. Event
 * thread only.
 */
public final class Backoff {
  private final long min;
  private final long max;
  private final double jitter;
  private int attempts; // event thread

  /** Delays from {@code minMillis} to {@code maxMillis} with {@code jitter} in [0, 1]. */
  public Backoff(long minMillis, long maxMillis, double jitter) {
    this.min = minMillis;
    this.max = maxMillis;
    this.jitter = jitter > 0 && jitter <= 1 ? jitter : 0;
  }

  /** The next delay in milliseconds; counts one attempt. */
  public long duration() {
    double ms = min * Math.pow(2, attempts++);
    if (jitter > 0) {
      double rand = ThreadLocalRandom.current().nextDouble();
      double deviation = Math.floor(rand * jitter * ms);
      ms = (((int) Math.floor(rand * 10)) & 1) == 0 ? ms - deviation : ms + deviation;
    }
    return (long) Math.min(ms, max);
  }

  /** The attempts counted since the last {@link #reset()}. */
  public int attempts() {
    return attempts;
  }

  /** Starts over at the first delay. */
  public void reset() {
    attempts = 0;
  }
}
