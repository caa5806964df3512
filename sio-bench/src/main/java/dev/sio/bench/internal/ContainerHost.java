package dev.sio.bench.internal;

import dev.sio.servlet.ServletEngineHost;

/**
 * An embedded Servlet container running one {@link ServletEngineHost} on {@code 127.0.0.1}, for the
 * bench servers {@code tomcat} and {@code jetty} ({@link TomcatHost}, {@link JettyHost}).
 */
public interface ContainerHost extends AutoCloseable {
  /** {@return the host the container's context installed} */
  ServletEngineHost host();

  /** {@return the port the container listens on} */
  int port();

  /** {@return the container's name and version without spaces, such as {@code tomcat-11.0.29}} */
  String version();

  @Override
  void close();
}
