package dev.sio.server;

/**
 * Runs before a socket joins its namespace ({@code io.use(...)}), in registration order. Runs on
 * the connection's event loop; {@code next} may be called later from any thread.
 */
@FunctionalInterface
public interface ConnectionMiddleware {
  /**
   * Looks at a socket before it joins its namespace; call {@code next.accept()} or {@code
   * next.reject(error)} once, now or later from any thread.
   *
   * @param socket the socket
   * @param next continues or refuses
   * @throws Exception when it fails
   */
  void handle(Socket socket, Next next) throws Exception;
}
