package dev.sio.server;

/**
 * Runs on each event a socket receives, before its handlers ({@code socket.use(...)}). A rejection
 * goes to the socket's {@code onError} listeners and the event is dropped (as Node).
 */
@FunctionalInterface
public interface PacketMiddleware {
  void handle(IncomingEvent event, Next next) throws Exception;
}
