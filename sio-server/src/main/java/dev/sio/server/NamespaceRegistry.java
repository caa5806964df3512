package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * The namespaces of one {@link SocketIoServer} (Node's {@code server._nsps} and {@code
 * parentNsps}): by name, dynamic children included; the dynamic parents in registration order; the
 * listeners of namespace creation. Finds or creates the namespace a client asks for, and closes
 * them all. One per server; thread-safe.
 */
final class NamespaceRegistry {
  private final SocketIoServer server;
  // Any thread: namespaces by name (children of parents included).
  private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
  // Any thread: dynamic namespace parents, in registration order.
  private final List<ParentNamespace> parents = new CopyOnWriteArrayList<>();
  // Any thread: listeners of namespace creation.
  private final List<Consumer<Namespace>> newNamespaceListeners = new CopyOnWriteArrayList<>();

  /** The registry of {@code server}, empty. */
  NamespaceRegistry(SocketIoServer server) {
    this.server = server;
  }

  /** The namespace {@code name} ({@code "/"} prepended when missing), created when absent. */
  Namespace of(String name) {
    String normalized = name.startsWith("/") ? name : "/" + name;
    Namespace[] created = new Namespace[1];
    Namespace nsp =
        namespaces.computeIfAbsent(
            normalized,
            n -> created[0] = new Namespace(server, n, server.options().adapter(), null));
    if (created[0] != null) {
      fireNewNamespace(created[0]);
    }
    return nsp;
  }

  /**
   * A new parent of the dynamic namespaces whose names (and CONNECT payload) {@code matcher}
   * accepts.
   */
  ParentNamespace parent(BiPredicate<String, JsonNode> matcher) {
    ParentNamespace parent = new ParentNamespace(server, matcher);
    parents.add(parent);
    return parent;
  }

  /** Calls {@code listener} with each namespace created from now on. */
  void onNewNamespace(Consumer<Namespace> listener) {
    newNamespaceListeners.add(listener);
  }

  /** The names of the namespaces that exist now (a snapshot). */
  Set<String> names() {
    return Set.copyOf(namespaces.keySet());
  }

  /** The namespace a client asks for: an existing one, a new dynamic child, or null. */
  Namespace forClient(String name, JsonNode auth) {
    Namespace existing = namespaces.get(name);
    if (existing != null) {
      return existing;
    }
    for (ParentNamespace parent : parents) {
      if (parent.matches(name, auth)) {
        Namespace[] created = new Namespace[1];
        Namespace nsp = namespaces.computeIfAbsent(name, n -> created[0] = parent.createChild(n));
        if (created[0] != null) {
          fireNewNamespace(created[0]);
        }
        return nsp;
      }
    }
    return null;
  }

  /** Forgets {@code nsp} (a dynamic child that ended), unless another took its name. */
  void remove(Namespace nsp) {
    namespaces.remove(nsp.name(), nsp);
  }

  /**
   * Disconnects every socket ({@code "server shutting down"}) and closes the adapters of every
   * namespace and parent: {@code closing} gets their futures.
   */
  void close(List<CompletableFuture<Void>> closing) {
    for (Namespace nsp : namespaces.values()) {
      for (Socket socket : List.copyOf(nsp.localSockets())) {
        socket.connection().run(() -> socket.onClose("server shutting down"));
      }
      closing.add(nsp.adapter().close());
    }
    for (ParentNamespace parent : parents) {
      closing.add(parent.adapter().close());
    }
  }

  private void fireNewNamespace(Namespace nsp) {
    for (Consumer<Namespace> listener : newNamespaceListeners) {
      listener.accept(nsp);
    }
  }
}
