package dev.sio.server;

/** Makes the {@link Adapter} of each namespace (a {@link ServerOptions} option). */
@FunctionalInterface
public interface AdapterFactory {
  /** A new adapter for {@code namespace}; called once per namespace, before it gets any socket. */
  Adapter create(Namespace namespace);
}
