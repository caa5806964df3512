package dev.sio.testkit;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Waits with deadlines for acknowledgements, futures and conditions, as tests need them. */
public final class Await {
  /** The deadline when none is given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private Await() {}

  /**
   * {@return the value of {@code future} within {@link #DEFAULT_TIMEOUT}}
   *
   * @param <T> the type of the value
   * @param future an acknowledgement or any other future
   */
  public static <T> T of(Future<T> future) {
    return of(future, DEFAULT_TIMEOUT);
  }

  /**
   * {@return the value of {@code future} within {@code timeout}}
   *
   * @param <T> the type of the value
   * @param future an acknowledgement or any other future
   * @param timeout how long to wait
   * @throws AssertionError when it does not complete in time
   * @throws RuntimeException the future's own failure, unwrapped (an {@code AckTimeoutException}, a
   *     {@code CancellationException} ...); a checked failure comes wrapped in an AssertionError
   */
  public static <T> T of(Future<T> future, Duration timeout) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("not completed within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new AssertionError(cause);
    } catch (CancellationException e) {
      throw e;
    }
  }

  /**
   * Waits until {@code condition} holds, checking every 10 ms.
   *
   * @param what names the condition in the failure message
   * @param condition checked every 10 ms
   * @param timeout how long to wait
   * @throws AssertionError naming {@code what} when it does not hold within {@code timeout}
   */
  public static void until(String what, BooleanSupplier condition, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError(what + ": not within " + timeout);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
