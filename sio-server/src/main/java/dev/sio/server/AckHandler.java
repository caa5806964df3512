package dev.sio.server;

/**
 * A callback for an acknowledgement, for those who prefer callbacks to futures (Node's {@code
 * emit(event, ...args, (err, answer) => ...)}): called once, with the answer or with the error
 * ({@link AckTimeoutException}, a {@link java.util.concurrent.CancellationException} when the
 * socket disconnected first, the adapter's own error), never wrapped in a {@code
 * CompletionException}. It runs on the thread that completes the acknowledgement (an event loop or
 * a timer) and must not block.
 *
 * @param <T> the answer's type
 */
@FunctionalInterface
public interface AckHandler<T> {
  /**
   * The acknowledgement arrived or failed.
   *
   * @param answer the answer, or {@code null} when {@code error} is set
   * @param error why there is no answer, or {@code null}
   */
  void handle(T answer, Throwable error);
}
