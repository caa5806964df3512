package dev.sio.engine;

import dev.sio.engine.internal.EngineEndpoint;
import dev.sio.engine.internal.NettyBindingDefaults;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Engine.IO v4 endpoint (Node's engine.io {@code Server}) served by an {@link HttpListener} on
 * its {@link EngineOptions#path()}.
 *
 * <pre>{@code
 * HttpListener listener = HttpListener.create(HttpListenerOptions.builder().port(3000).build());
 * EngineServer engine = EngineServer.attach(listener, EngineOptions.defaults(), new EngineHandler() {
 *   public void onOpen(EngineSocket socket) {}
 *   public void onMessage(EngineSocket socket, String text) { socket.send(text); }
 *   public void onBinary(EngineSocket socket, byte[] data) { socket.send(data); }
 *   public void onClose(EngineSocket socket, String reason, String description) {}
 * });
 * listener.start();
 * }</pre>
 */
public final class EngineServer implements AutoCloseable {
  private final HttpListener listener;
  private final EngineEndpoint endpoint;
  private final boolean ownsListener;

  private EngineServer(HttpListener listener, EngineEndpoint endpoint, boolean ownsListener) {
    this.listener = listener;
    this.endpoint = endpoint;
    this.ownsListener = ownsListener;
  }

  /**
   * Serves {@code options.path()} on {@code listener} (started or not) with {@code handler}.
   *
   * @param listener the listener
   * @param options the options
   * @param handler the handler
   * @return the new engine server
   * @throws IllegalStateException when the path is taken or the listener is closed
   */
  public static EngineServer attach(
      HttpListener listener, EngineOptions options, EngineHandler handler) {
    Objects.requireNonNull(listener, "listener");
    EngineEndpoint endpoint =
        new EngineEndpoint(
            Objects.requireNonNull(options, "options"),
            Objects.requireNonNull(handler, "handler"),
            NettyBindingDefaults.totalBufferedBytes());
    EngineServer server = new EngineServer(listener, endpoint, false);
    listener.attach(server, endpoint);
    return server;
  }

  /**
   * Creates a listener with {@code listenerOptions}, attaches an endpoint and starts it; {@link
   * #close()} then closes the listener too.
   *
   * @param listenerOptions the listener options
   * @param options the options
   * @param handler the handler
   * @return the new engine server
   */
  public static EngineServer listen(
      HttpListenerOptions listenerOptions, EngineOptions options, EngineHandler handler) {
    HttpListener listener = HttpListener.create(listenerOptions);
    EngineEndpoint endpoint =
        new EngineEndpoint(
            Objects.requireNonNull(options, "options"),
            Objects.requireNonNull(handler, "handler"),
            NettyBindingDefaults.totalBufferedBytes());
    EngineServer server = new EngineServer(listener, endpoint, true);
    listener.attach(server, endpoint);
    try {
      listener.start();
    } catch (RuntimeException e) {
      listener.close();
      throw e;
    }
    return server;
  }

  /** {@return the listener serving this endpoint} */
  public HttpListener listener() {
    return listener;
  }

  /** {@return the options} */
  public EngineOptions options() {
    return endpoint.options();
  }

  /** {@return the number of open sessions} */
  public int clientsCount() {
    return endpoint.clientsCount();
  }

  /**
   * Closes every session with reason {@code "server shutting down"} and stops serving the path (and
   * closes the listener when {@link #listen} made it). Blocks until the sessions have closed, a few
   * seconds at most, unless called from an event loop (a handler), where it does not wait.
   */
  @Override
  public void close() {
    if (ownsListener) {
      listener.close();
      return;
    }
    CompletableFuture<Void> closed = closeAsync();
    if (listener.onOwnEventLoop()) {
      return; // a handler asked: the sessions close on their loops without waiting here
    }
    try {
      closed.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the sessions are closed by their own event loops; nothing more to wait for
    }
  }

  CompletableFuture<Void> closeAsync() {
    listener.detach(this, endpoint);
    return endpoint.close();
  }
}
