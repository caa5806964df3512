package dev.sio.redis.internal;

import io.lettuce.core.resource.Delay;
import java.time.Duration;

/**
 * node-redis's default reconnect strategy, {@code Math.min(retries * 50, 500)} ms, with the step
 * and the cap as options: the first attempt at once, then one step more per attempt up to the cap.
 * Lettuce counts attempts from 1.
 */
public final class ReconnectDelay extends Delay {
  private final long stepMillis;
  private final long maxMillis;

  /** Delays growing by {@code step} up to {@code max}. */
  public ReconnectDelay(Duration step, Duration max) {
    this.stepMillis = step.toMillis();
    this.maxMillis = max.toMillis();
  }

  @Override
  public Duration createDelay(long attempt) {
    return Duration.ofMillis(delayMillis(attempt));
  }

  /** The delay before attempt {@code attempt} (1 is the first), in ms. */
  public long delayMillis(long attempt) {
    long retries = Math.max(0, attempt - 1);
    if (stepMillis == 0) {
      return 0;
    }
    return retries >= maxMillis / stepMillis + 1
        ? maxMillis
        : Math.min(retries * stepMillis, maxMillis);
  }
}
