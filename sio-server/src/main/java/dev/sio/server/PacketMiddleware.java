package dev.sio.server;

/**
 * Runs on each event a socket receives, before its handlers ({@code socket.use(...)}). A rejection
 * goes to the socket's {@code onError} listeners and the event is dropped (as Node).
 */
@FunctionalInterface
public interface PacketMiddleware {
  /**
   * Looks at an incoming event before its listeners; call {@code next.accept()} to let it through
   * or {@code next.reject(error)} to drop it (the socket's error listeners hear the error).
   *
   * @param event the event name
   * @param next continues or refuses
   * @throws Exception when it fails
   */
  void handle(IncomingEvent event, Next next) throws Exception;
}
