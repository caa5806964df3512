package dev.sio.engine;

/**
 * Serves plain HTTP requests under a path prefix of an {@link EngineHost} (a static file, a demo
 * page). Called on the connection's thread (Netty: its event loop): it must answer quickly and
 * never block. Return the same body array for a static file each time: from its second request on,
 * the listener writes it (and its gzip/deflate forms, made once) from shared buffers, neither
 * copied nor compressed per request. A route that throws gets {@code 500} (logged once per route).
 *
 * <pre>{@code
 * listener.route("/socket.io/socket.io.js", req -> HttpReply.ok("application/javascript", bundle));
 * }</pre>
 */
@FunctionalInterface
public interface HttpRoute {
  /**
   * Answers {@code request}.
   *
   * @param request the request
   * @return the reply, or {@code null} to let the next matching route or endpoint answer (404 when
   *     none does)
   */
  HttpReply handle(HttpRequestInfo request);
}
