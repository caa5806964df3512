package dev.sio.server.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * Futures whose failures carry the exception that went wrong, not a {@code CompletionException}.
 */
public final class Futures {
  private Futures() {}

  /** The cause inside {@code CompletionException}s and {@code ExecutionException}s. */
  public static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /**
   * A future that completes as {@code source} does, failing with the unwrapped cause; {@code
   * source} completing through {@code thenApply} chains otherwise fails with a {@code
   * CompletionException}.
   */
  public static <T> CompletableFuture<T> unwrapped(CompletableFuture<T> source) {
    CompletableFuture<T> out = new CompletableFuture<>();
    source.whenComplete(
        (value, error) -> {
          if (error != null) {
            out.completeExceptionally(unwrap(error));
          } else {
            out.complete(value);
          }
        });
    return out;
  }

  /** Calls {@code callback} with the value or the unwrapped error once {@code source} completes. */
  public static <T> void whenDone(CompletableFuture<T> source, BiConsumer<T, Throwable> callback) {
    source.whenComplete(
        (value, error) -> callback.accept(value, error == null ? null : unwrap(error)));
  }
}
