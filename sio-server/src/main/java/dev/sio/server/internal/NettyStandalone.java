package dev.sio.server.internal;

import dev.sio.engine.EngineHost;
import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;

/**
 * The one place where {@code SocketIoServer} touches the Netty binding (D5 of
 * docs/design/SERVLET.md): the standalone listener that {@code create} makes, and {@code start},
 * {@code port} and {@code close} on a Netty listener that a server was attached to. A server on
 * another host (a Servlet container's) never loads this class's Netty types: {@link #of} compares
 * the host's class name before any cast.
 */
public final class NettyStandalone {
  private static final String LISTENER_CLASS = "dev.sio.engine.netty.HttpListener";

  private final HttpListener listener;
  private final boolean owned; // true: close() closes the listener

  private NettyStandalone(HttpListener listener, boolean owned) {
    this.listener = listener;
    this.owned = owned;
  }

  /** {@return a standalone listener of its own, made from {@code options}, not yet started} */
  public static NettyStandalone create(HttpListenerOptions options) {
    return new NettyStandalone(HttpListener.create(options), true);
  }

  /** {@return {@code listener}, owned by its caller: {@link #close()} leaves it open} */
  public static NettyStandalone shared(HttpListener listener) {
    return new NettyStandalone(listener, false);
  }

  /**
   * {@return the standalone view of {@code host} when it is Netty's listener (owned by its caller),
   * else {@code null}}
   */
  public static NettyStandalone of(EngineHost host) {
    // HttpListener is final: an exact class-name match is an instanceof that loads nothing.
    return LISTENER_CLASS.equals(host.getClass().getName()) ? shared((HttpListener) host) : null;
  }

  /** {@return the listener, as the host a server attaches to} */
  public EngineHost host() {
    return listener;
  }

  /** {@return the listener} */
  public HttpListener listener() {
    return listener;
  }

  /**
   * Binds the listener; the JVM's first start warms the connection path up first.
   *
   * @param warmUpConnections the warm-up's connection count ({@code 0}: none)
   */
  public void start(int warmUpConnections) {
    if (!listener.isRunning()) {
      ConnectionWarmup.once(warmUpConnections);
    }
    listener.start();
  }

  /** {@return the port listened on} */
  public int port() {
    return listener.port();
  }

  /** Closes the listener when this server made it; otherwise does nothing. */
  public void close() {
    if (owned) {
      listener.close();
    }
  }
}
