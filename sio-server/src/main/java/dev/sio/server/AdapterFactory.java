package dev.sio.server;

/** Makes the {@link Adapter} of each namespace (a {@link ServerOptions} option). */
@FunctionalInterface
public interface AdapterFactory {
  /**
   * {@return a new adapter for {@code namespace}; called once per namespace, before it gets any
   * socket}
   *
   * @param namespace the namespace
   */
  Adapter create(Namespace namespace);

  /**
   * Frees what the factory holds (connections, threads); {@link SocketIoServer#close()} calls it
   * once, after closing the adapters it made. Does nothing by default.
   */
  default void close() {}
}
