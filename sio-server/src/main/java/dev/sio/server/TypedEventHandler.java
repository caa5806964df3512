package dev.sio.server;

/**
 * Handles an event whose first argument is bound by Jackson to a record or POJO of type {@code T}.
 */
@FunctionalInterface
public interface TypedEventHandler<T> {
  /**
   * @param value the first argument, bound to {@code T} ({@code null} when there was none)
   * @param ack the answer, when the sender asked for one
   * @throws Exception when it fails
   */
  void handle(T value, Ack ack) throws Exception;
}
