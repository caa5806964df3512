package dev.sio.servlet;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineHost;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.HttpRoute;
import dev.sio.engine.spi.EnginePort;
import dev.sio.servlet.internal.ServletBinding;
import jakarta.servlet.ServletContext;
import java.util.Objects;

/**
 * The Engine.IO session layer inside a Servlet 6 container: polling over asynchronous Servlet I/O,
 * WebSocket over Jakarta WebSocket 2.1, on the application's own port. {@link #install} adds one
 * filter ({@code /*}, async) to the context; endpoints attached afterwards are served under their
 * path, other requests pass on to the application. Sessions live on the host's Sio loops ({@code
 * sio-servlet-N}), never on container threads. Thread-safe.
 *
 * <pre>{@code
 * // in a ServletContainerInitializer or ServletContextListener
 * ServletEngineHost host = ServletEngineHost.install(ctx, ServletHostOptions.defaults());
 * SocketIoServer io = SocketIoServer.attach(host, ServerOptions.defaults());
 * }</pre>
 */
public final class ServletEngineHost implements EngineHost, AutoCloseable {
  private final ServletBinding binding;

  private ServletEngineHost(ServletBinding binding) {
    this.binding = binding;
  }

  /**
   * Adds the host's filter to {@code context} (while the context is being initialized) and starts
   * its loops. The WebSocket container is found in the context attribute {@code
   * jakarta.websocket.server.ServerContainer} at the first upgrade.
   *
   * @param context the servlet context, not yet initialized
   * @param options the options
   * @return the host
   * @throws IllegalStateException when the context is already initialized
   */
  public static ServletEngineHost install(ServletContext context, ServletHostOptions options) {
    return new ServletEngineHost(
        ServletBinding.install(
            Objects.requireNonNull(context, "context"),
            Objects.requireNonNull(options, "options")));
  }

  @Override
  public EngineServer attach(EngineOptions options, EngineHandler handler) {
    EnginePort port = binding.attach(options, handler);
    return EngineServer.bound(this, port, () -> binding.detach(port));
  }

  @Override
  public ServletEngineHost route(String pathPrefix, HttpRoute route) {
    binding.route(Objects.requireNonNull(pathPrefix, "pathPrefix"), Objects.requireNonNull(route));
    return this;
  }

  @Override
  public boolean onOwnThread() {
    return binding.onLoop();
  }

  /**
   * Closes every endpoint's sessions ({@code "server shutting down"}), then stops the loops; waits
   * a few seconds at most (not when called from a loop). The filter stays in the context and passes
   * requests on. Idempotent.
   */
  @Override
  public void close() {
    binding.close();
  }
}
