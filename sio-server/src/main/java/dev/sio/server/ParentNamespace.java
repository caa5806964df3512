package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * The parent of dynamic namespaces ({@code io.of(Pattern)} or {@code io.of(Predicate)}), as Node's
 * {@code ParentNamespace}. When a client connects to a name the matcher accepts, a child namespace
 * of that name is created with a copy of the parent's middlewares and connection handlers <i>as
 * registered at that moment</i> (as Node). Broadcasts on the parent reach every child.
 */
public final class ParentNamespace extends Namespace {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final BiPredicate<String, JsonNode> matcher;
  // Any thread: the children created so far.
  private final Set<Namespace> children = new CopyOnWriteArraySet<>();

  ParentNamespace(SocketIoServer server, BiPredicate<String, JsonNode> matcher) {
    super(server, "/_" + COUNT.getAndIncrement(), ParentBroadcastAdapter::new, null);
    this.matcher = matcher;
  }

  /** True when a client (with its CONNECT payload) may create the namespace {@code name}. */
  boolean matches(String name, JsonNode auth) {
    return matcher.test(name, auth);
  }

  /** {@return the children created so far (a snapshot)} */
  public Set<Namespace> children() {
    return Set.copyOf(children);
  }

  Namespace createChild(String childName) {
    Namespace child = new Namespace(server(), childName, server().options().adapter(), this);
    middlewares().forEach(child::use);
    for (Consumer<Socket> handler : connectionHandlers()) {
      child.onConnection(handler);
    }
    children.add(child);
    return child;
  }

  void removeChild(Namespace child) {
    if (children.remove(child)) {
      server().removeNamespace(child);
      child.adapter().close();
    }
  }

  /** Not supported on a parent namespace, as Node: completes exceptionally. */
  @Override
  public CompletableFuture<List<RemoteSocket>> fetchSockets() {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("fetchSockets() is not supported on parent namespaces"));
  }

  /** Broadcasts of a parent go to each child's adapter. */
  private static final class ParentBroadcastAdapter extends InMemoryAdapter {
    ParentBroadcastAdapter(Namespace nsp) {
      super(nsp, false); // holds no socket: nothing to store for recovery
    }

    private Set<Namespace> kids() {
      return ((ParentNamespace) nsp).children;
    }

    @Override
    public void broadcast(dev.sio.protocol.socketio.SocketPacket packet, BroadcastOptions opts) {
      for (Namespace child : kids()) {
        child.adapter().broadcast(packet, opts);
      }
    }

    @Override
    public void addSockets(BroadcastOptions opts, Collection<String> rooms) {
      kids().forEach(child -> child.adapter().addSockets(opts, rooms));
    }

    @Override
    public void delSockets(BroadcastOptions opts, Collection<String> rooms) {
      kids().forEach(child -> child.adapter().delSockets(opts, rooms));
    }

    @Override
    public void disconnectSockets(BroadcastOptions opts, boolean close) {
      kids().forEach(child -> child.adapter().disconnectSockets(opts, close));
    }
  }
}
