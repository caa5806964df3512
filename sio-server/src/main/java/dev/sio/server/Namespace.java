package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sio.server.internal.Args;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A namespace ({@code io.of("/chat")}): its sockets, connection middlewares and handlers, and its
 * {@link Adapter}. Broadcast methods ({@link #to}, {@link #emit}, …) start an immutable {@link
 * BroadcastOperator}. Thread-safe.
 */
public class Namespace {
  private static final Logger LOG = LoggerFactory.getLogger(Namespace.class);

  private final SocketIoServer server;
  private final String name;
  private final Adapter adapter;
  private final ParentNamespace parent; // null unless a dynamic child
  // Any thread: the connected sockets of this server, by id.
  private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
  // Any thread: registration lists.
  private final CopyOnWriteArrayList<ConnectionMiddleware> middlewares =
      new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Consumer<Socket>> connectionHandlers =
      new CopyOnWriteArrayList<>();
  private final Map<String, CopyOnWriteArrayList<EventListener>> serverSideHandlers =
      new ConcurrentHashMap<>();
  // Any thread: acknowledgement ids, shared by emits and broadcasts (Node's nsp._ids).
  private final AtomicLong ids = new AtomicLong();

  Namespace(SocketIoServer server, String name, AdapterFactory factory, ParentNamespace parent) {
    this.server = server;
    this.name = name;
    this.parent = parent;
    this.adapter = factory.create(this);
    adapter.init();
  }

  /** {@return the name, for example {@code "/"} or {@code "/chat"}} */
  public String name() {
    return name;
  }

  /** {@return the server} */
  public SocketIoServer server() {
    return server;
  }

  /** {@return this namespace's adapter} */
  public Adapter adapter() {
    return adapter;
  }

  /** {@return the connected sockets of this server, by id (a live read-only view)} */
  public Map<String, Socket> sockets() {
    return Collections.unmodifiableMap(sockets);
  }

  /**
   * Adds a connection middleware; it runs before a socket joins, in registration order.
   *
   * @param middleware the middleware
   * @return this namespace
   */
  public Namespace use(ConnectionMiddleware middleware) {
    middlewares.add(middleware);
    return this;
  }

  /**
   * Called with each socket that joined (Node's {@code "connection"} event).
   *
   * @param handler the handler
   * @return this namespace
   */
  public Namespace onConnection(Consumer<Socket> handler) {
    connectionHandlers.add(handler);
    return this;
  }

  // ---- broadcasting ---------------------------------------------------------------------------

  private BroadcastOperator operator() {
    return new BroadcastOperator(this, Set.of(), Set.of(), BroadcastFlags.NONE);
  }

  /**
   * {@return a broadcast to the sockets in {@code rooms}}
   *
   * @param rooms the rooms
   */
  public BroadcastOperator to(String... rooms) {
    return operator().to(rooms);
  }

  /**
   * {@return a broadcast to the sockets in {@code rooms}}
   *
   * @param rooms the rooms
   */
  public BroadcastOperator to(java.util.Collection<String> rooms) {
    return operator().to(rooms);
  }

  /**
   * Same as {@link #to}.
   *
   * @param rooms the rooms
   * @return the broadcast operator
   */
  public BroadcastOperator in(String... rooms) {
    return operator().to(rooms);
  }

  /**
   * Same as {@link #to(java.util.Collection)}.
   *
   * @param rooms the rooms
   * @return the broadcast operator
   */
  public BroadcastOperator in(java.util.Collection<String> rooms) {
    return operator().to(rooms);
  }

  /**
   * {@return a broadcast to every socket but those in {@code rooms}}
   *
   * @param rooms the rooms
   */
  public BroadcastOperator except(java.util.Collection<String> rooms) {
    return operator().except(rooms);
  }

  /**
   * {@return a broadcast to every socket but those in {@code rooms}}
   *
   * @param rooms the rooms
   */
  public BroadcastOperator except(String... rooms) {
    return operator().except(rooms);
  }

  /** {@return a broadcast to the sockets of this server only} */
  public BroadcastOperator local() {
    return operator().local();
  }

  /** {@return a volatile broadcast} */
  public BroadcastOperator asVolatile() {
    return operator().asVolatile();
  }

  /**
   * {@return a broadcast with the compress flag}
   *
   * @param compress a broadcast with the compress flag
   */
  public BroadcastOperator compress(boolean compress) {
    return operator().compress(compress);
  }

  /**
   * {@return a broadcast whose acknowledgements time out}
   *
   * @param timeout a broadcast whose acknowledgements time out
   */
  public BroadcastOperator timeout(java.time.Duration timeout) {
    return operator().timeout(timeout);
  }

  /**
   * Emits to every socket of the namespace.
   *
   * @param event the event name
   * @param args the arguments
   */
  public void emit(String event, Object... args) {
    operator().emit(event, args);
  }

  /**
   * Emits {@code "message"} to every socket.
   *
   * @param args the arguments
   */
  public void send(Object... args) {
    emit("message", args);
  }

  /**
   * Emits to every socket and collects their acknowledgements (see {@link BroadcastOperator}).
   *
   * @param event the event name
   * @param args the arguments
   * @return a future of the answers
   */
  public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
    return operator().emitWithAck(event, args);
  }

  /** {@return the sockets of the namespace, across the cluster} */
  public CompletableFuture<List<RemoteSocket>> fetchSockets() {
    return operator().fetchSockets();
  }

  /**
   * Makes every socket join {@code rooms}.
   *
   * @param rooms the rooms
   */
  public void socketsJoin(String... rooms) {
    operator().socketsJoin(rooms);
  }

  /**
   * Makes every socket leave {@code rooms}.
   *
   * @param rooms the rooms
   */
  public void socketsLeave(String... rooms) {
    operator().socketsLeave(rooms);
  }

  /**
   * Disconnects every socket.
   *
   * @param close whether to close the underlying connection too
   */
  public void disconnectSockets(boolean close) {
    operator().disconnectSockets(close);
  }

  /** {@return the ids of every socket (local)} */
  public CompletableFuture<Set<String>> allSockets() {
    return operator().allSockets();
  }

  // ---- between servers ------------------------------------------------------------------------

  /**
   * Sends an event to the other servers of the cluster (nothing on a single server).
   *
   * @param event the event name
   * @param args the arguments
   */
  public void serverSideEmit(String event, Object... args) {
    adapter.serverSideEmit(packet(event, args));
  }

  /**
   * Sends an event to the other servers and collects their first acknowledgement argument.
   *
   * @param event the event name
   * @param args the arguments
   * @return a future of the answers
   */
  public CompletableFuture<List<JsonNode>> serverSideEmitWithAck(String event, Object... args) {
    return adapter.serverSideEmitWithAck(packet(event, args));
  }

  private List<JsonNode> packet(String event, Object[] args) {
    ReservedEvents.check(event);
    List<JsonNode> packet = new ArrayList<>(args.length + 1);
    packet.add(TextNode.valueOf(event));
    for (Object arg : args) {
      packet.add(Args.toNode(server.options().objectMapper(), arg));
    }
    return packet;
  }

  /**
   * Handles an event another server sent with {@code serverSideEmit}.
   *
   * @param event the event name
   * @param handler the handler
   * @return this namespace
   */
  public Namespace onServerSideEmit(String event, EventListener handler) {
    serverSideHandlers.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(handler);
    return this;
  }

  /**
   * Delivers a server-side event received from another server (called by cluster adapters).
   *
   * @param packet {@code [eventName, ...args]}
   * @param ack where the first acknowledgement argument goes, or {@code null} when none is wanted
   */
  public void deliverServerSideEmit(List<JsonNode> packet, Consumer<JsonNode> ack) {
    if (packet.isEmpty()) {
      return;
    }
    List<EventListener> handlers = serverSideHandlers.get(packet.get(0).asText());
    if (handlers == null) {
      return;
    }
    AtomicBoolean sent = new AtomicBoolean();
    Ack answer =
        new Ack() {
          @Override
          public void send(Object... args) {
            if (ack != null && sent.compareAndSet(false, true)) {
              ack.accept(
                  args.length == 0
                      ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                      : Args.toNode(server.options().objectMapper(), args[0]));
            }
          }

          @Override
          public boolean requested() {
            return ack != null;
          }
        };
    List<JsonNode> args = List.copyOf(packet.subList(1, packet.size()));
    for (EventListener handler : handlers) {
      try {
        handler.onEvent(args, answer);
      } catch (Exception e) {
        LOG.warn("server-side handler of \"{}\" failed", packet.get(0).asText(), e);
      }
    }
  }

  // ---- package-private: connecting ------------------------------------------------------------

  Socket localSocket(String id) {
    return sockets.get(id);
  }

  Collection<Socket> localSockets() {
    return sockets.values();
  }

  long nextAckId() {
    return ids.getAndIncrement();
  }

  List<ConnectionMiddleware> middlewares() {
    return middlewares;
  }

  List<Consumer<Socket>> connectionHandlers() {
    return connectionHandlers;
  }

  /** Node's {@code _add}: restore or create the socket, run the middlewares, connect. */
  void add(Connection connection, JsonNode auth, Consumer<Socket> onJoined) {
    RecoveryOptions recovery = server.options().connectionStateRecovery();
    JsonNode pid = auth == null ? null : auth.get("pid");
    if (recovery != null && pid != null && pid.isTextual()) {
      JsonNode offset = auth.get("offset");
      CompletableFuture<Session> restoring;
      try {
        restoring =
            adapter.restoreSession(
                pid.asText(), offset != null && offset.isTextual() ? offset.asText() : null);
      } catch (RuntimeException e) {
        restoring = CompletableFuture.completedFuture(null);
      }
      restoring.whenComplete(
          (session, error) ->
              connection.run(
                  () -> createSocket(connection, auth, error == null ? session : null, onJoined)));
    } else {
      createSocket(connection, auth, null, onJoined);
    }
  }

  private void createSocket(
      Connection connection, JsonNode auth, Session session, Consumer<Socket> onJoined) {
    if (!connection.isOpen()) {
      return;
    }
    Socket socket = new Socket(this, connection, auth, session);
    RecoveryOptions recovery = server.options().connectionStateRecovery();
    if (recovery != null && recovery.skipMiddlewares() && socket.recovered()) {
      doConnect(socket, onJoined);
      return;
    }
    runMiddlewares(
        socket,
        List.copyOf(middlewares),
        0,
        error -> {
          if (!connection.isOpen()) {
            socket.cleanup();
            return;
          }
          if (error != null) {
            socket.cleanup();
            socket.sendConnectError(error);
            return;
          }
          doConnect(socket, onJoined);
        });
  }

  private void runMiddlewares(
      Socket socket, List<ConnectionMiddleware> chain, int index, Consumer<Exception> done) {
    if (index >= chain.size()) {
      done.accept(null);
      return;
    }
    AtomicBoolean called = new AtomicBoolean();
    Connection connection = socket.connection();
    Next next =
        new Next() {
          @Override
          public void accept() {
            if (called.compareAndSet(false, true)) {
              connection.run(() -> runMiddlewares(socket, chain, index + 1, done));
            }
          }

          @Override
          public void reject(Exception error) {
            if (called.compareAndSet(false, true)) {
              connection.run(() -> done.accept(error));
            }
          }
        };
    try {
      chain.get(index).handle(socket, next);
    } catch (Exception e) {
      next.reject(e);
    }
  }

  private void doConnect(Socket socket, Consumer<Socket> onJoined) {
    // As Node: registered before the CONNECT answer, so that a broadcast made after the client saw
    // CONNECT reaches it (one made concurrently may arrive just before CONNECT; clients buffer it).
    sockets.put(socket.id(), socket);
    socket.onConnect();
    onJoined.accept(socket);
    Instrumentation observer = server.instrumentation();
    if (observer != null) {
      observer.socketConnected(socket);
    }
    for (Consumer<Socket> handler : connectionHandlers) {
      try {
        handler.accept(socket);
      } catch (RuntimeException e) {
        LOG.warn("connection handler of {} failed", name, e);
      }
    }
  }

  void remove(Socket socket) {
    sockets.remove(socket.id(), socket);
    if (parent != null && server.options().cleanupEmptyChildNamespaces() && sockets.isEmpty()) {
      parent.removeChild(this);
    }
  }

  @Override
  public String toString() {
    return "Namespace[" + name + "]";
  }
}
