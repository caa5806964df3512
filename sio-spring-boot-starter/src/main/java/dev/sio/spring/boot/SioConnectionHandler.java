package dev.sio.spring.boot;

import dev.sio.server.Socket;

/**
 * A bean called for every socket that joins the main namespace ({@code io.onConnection}). Beans are
 * registered in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * SioConnectionHandler echo() {
 *   return socket -> socket.on("echo", (args, ack) -> ack.send(args.toArray()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SioConnectionHandler {
  /**
   * Handles a new socket of the main namespace.
   *
   * @param socket the socket
   */
  void onConnection(Socket socket);
}
