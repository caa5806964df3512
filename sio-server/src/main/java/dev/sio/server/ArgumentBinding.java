package dev.sio.server;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Typed event handlers: binds an event's first argument to a class with the socket's Jackson mapper
 * before the handler runs. An argument that does not bind is the client's error, thrown as a {@link
 * BadArgumentException} that {@link SocketEvents} logs as such. Static, no state.
 */
final class ArgumentBinding {
  private ArgumentBinding() {}

  /** An event argument the client sent does not bind to the handler's type: its error. */
  static final class BadArgumentException extends RuntimeException {
    BadArgumentException(String message) {
      super(message, null, false, false); // no stack trace: nobody will read it
    }
  }

  /**
   * {@code handler} as a raw handler of {@code events}' socket, its first argument bound to {@code
   * type}.
   */
  static <T> EventListener bind(SocketEvents events, Class<T> type, TypedEventHandler<T> handler) {
    return (args, ack) -> {
      T value;
      try {
        value = args.isEmpty() ? null : events.mapper().treeToValue(args.get(0), type);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        String detail =
            e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        throw new BadArgumentException("not a " + type.getSimpleName() + ": " + detail);
      }
      handler.handle(value, ack);
    };
  }
}
