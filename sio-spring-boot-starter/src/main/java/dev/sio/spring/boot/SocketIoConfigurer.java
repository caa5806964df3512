package dev.sio.spring.boot;

import dev.sio.server.SocketIoServer;

/**
 * A bean that configures the auto-configured {@link SocketIoServer} before it serves: namespaces,
 * their middlewares and handlers, instrumentation. Applied in {@code @Order}, after every {@link
 * dev.sio.server.ConnectionMiddleware} and {@link SioConnectionHandler} bean.
 *
 * <pre>{@code
 * @Bean
 * SocketIoConfigurer admin() {
 *   return io -> io.of("/admin").onConnection(socket -> socket.emit("hello"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SocketIoConfigurer {
  /**
   * Configures the server.
   *
   * @param io the server, not yet serving
   */
  void configure(SocketIoServer io);
}
