package dev.sio.engine;

import dev.sio.engine.spi.EnginePort;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One Engine.IO v4 endpoint (Node's engine.io {@code Server}) served by an {@link EngineHost}
 * (Netty's {@code dev.sio.engine.netty.HttpListener} in sio-engine-netty, or a Servlet container's)
 * on its {@link EngineOptions#path()}.
 *
 * <pre>{@code
 * HttpListener listener = HttpListener.create(HttpListenerOptions.builder().port(3000).build());
 * EngineServer engine = listener.attach(EngineOptions.defaults(), new EngineHandler() {
 *   public void onOpen(EngineSocket socket) {}
 *   public void onMessage(EngineSocket socket, String text) { socket.send(text); }
 *   public void onBinary(EngineSocket socket, byte[] data) { socket.send(data); }
 *   public void onClose(EngineSocket socket, String reason, String description) {}
 * });
 * listener.start();
 * }</pre>
 */
public final class EngineServer implements AutoCloseable {
  private final EngineHost host;
  private final EnginePort port;
  private final Supplier<CompletableFuture<Void>> detach;

  private EngineServer(EngineHost host, EnginePort port, Supplier<CompletableFuture<Void>> detach) {
    this.host = host;
    this.port = port;
    this.detach = detach;
  }

  /**
   * Serves {@code options.path()} on {@code host} (started or not) with {@code handler}; the same
   * as {@code host.attach(options, handler)}.
   *
   * @param host the host, such as Netty's {@code HttpListener}
   * @param options the options
   * @param handler the handler
   * @return the new engine server
   * @throws IllegalStateException when the path is taken or the host is closed
   */
  public static EngineServer attach(EngineHost host, EngineOptions options, EngineHandler handler) {
    return Objects.requireNonNull(host, "host")
        .attach(
            Objects.requireNonNull(options, "options"), Objects.requireNonNull(handler, "handler"));
  }

  /**
   * For bindings: the server of {@code port}, which {@code host} serves; {@link #close()} calls
   * {@code detach}, which stops routing to the port and returns its {@link EnginePort#close()} (or
   * closes the whole host when the server owns it).
   *
   * @param host the host serving the port
   * @param port the endpoint, from {@link EnginePort#create}
   * @param detach stops serving the port and closes its sessions
   * @return the server
   */
  public static EngineServer bound(
      EngineHost host, EnginePort port, Supplier<CompletableFuture<Void>> detach) {
    return new EngineServer(
        Objects.requireNonNull(host, "host"),
        Objects.requireNonNull(port, "port"),
        Objects.requireNonNull(detach, "detach"));
  }

  /** {@return the host serving this endpoint} */
  public EngineHost host() {
    return host;
  }

  /** {@return the options} */
  public EngineOptions options() {
    return port.options();
  }

  /** {@return the number of open sessions} */
  public int clientsCount() {
    return port.clientsCount();
  }

  /**
   * Closes every session with reason {@code "server shutting down"} and stops serving the path (and
   * closes the listener when Netty's {@code HttpListener.listen} made it). Blocks until the
   * sessions have closed, a few seconds at most, unless called from one of the host's threads (a
   * handler), where it does not wait.
   */
  @Override
  public void close() {
    CompletableFuture<Void> closed = detach.get();
    if (host.onOwnThread()) {
      return; // a handler asked: the sessions close on their own threads without waiting here
    }
    try {
      closed.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the sessions are closed by their own threads; nothing more to wait for
    }
  }
}
