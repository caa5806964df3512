package dev.sio.engine;

/**
 * Where Engine.IO endpoints and plain HTTP routes are served: an I/O binding (Netty's {@code
 * dev.sio.engine.netty.HttpListener} in sio-engine-netty, or a Servlet container's host). Socket.IO
 * and applications attach through this interface, so they do not depend on the binding.
 *
 * <pre>{@code
 * EngineHost host = HttpListener.create(HttpListenerOptions.builder().port(3000).build());
 * EngineServer engine = host.attach(EngineOptions.defaults(), handler);
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
public interface EngineHost {
  /**
   * Serves {@code options.path()} with {@code handler}.
   *
   * @param options the options
   * @param handler the handler
   * @return the new engine server; closing it stops serving the path
   * @throws IllegalStateException when the path is taken or the host is closed
   */
  EngineServer attach(EngineOptions options, EngineHandler handler);

  /**
   * Serves plain HTTP requests whose path starts with {@code pathPrefix} with {@code route}.
   *
   * @param pathPrefix the path prefix, such as {@code "/socket.io/socket.io"}
   * @param route the route
   * @return this host
   */
  EngineHost route(String pathPrefix, HttpRoute route);

  /**
   * {@return true when the calling thread is one of the host's own I/O or session threads, where a
   * close must not wait for sessions that this very thread closes}
   */
  default boolean onOwnThread() {
    return false;
  }
}
