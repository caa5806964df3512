package dev.sio.spring.boot.internal;

import dev.sio.engine.EngineHost;

/**
 * The Servlet binding's host once the container has installed it ({@code SioServletInitializer}),
 * for the {@code SocketIoServer} bean made after the web server. No Servlet type appears here, so
 * the auto-configuration can name this class where sio-servlet is absent.
 */
public final class ServletHostHolder {
  // Written once on the container's start-up thread, read by the bean factory afterwards.
  private volatile EngineHost host;
  private volatile AutoCloseable closer;

  /** An empty holder. */
  public ServletHostHolder() {}

  /**
   * Records the installed host.
   *
   * @param host the host
   * @param closer closes it (its loops)
   */
  public void installed(EngineHost host, AutoCloseable closer) {
    this.host = host;
    this.closer = closer;
  }

  /**
   * {@return the installed host}
   *
   * @throws IllegalStateException when the container has not started yet
   */
  public EngineHost host() {
    EngineHost h = host;
    if (h == null) {
      throw new IllegalStateException(
          "the SocketIoServer bean was requested before the Servlet container started (is a"
              + " Filter, Servlet or ServletContextInitializer bean taking it?); let such beans"
              + " take an ObjectProvider<SocketIoServer> instead");
    }
    return h;
  }

  /** Closes the host's loops, once; nothing when none was installed. */
  public void close() {
    AutoCloseable c = closer;
    closer = null;
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the Servlet host failed", e);
      }
    }
  }
}
