package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineHost;
import dev.sio.engine.EngineServer;
import dev.sio.engine.netty.HttpListener;
import dev.sio.server.internal.ClientBundle;
import dev.sio.server.internal.NettyStandalone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A Socket.IO v5 server (Node's {@code Server}), wire-compatible with the official clients.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(ServerOptions.builder().port(3000).build());
 * io.onConnection(socket -> {
 *   socket.on("chat", ChatMessage.class, (msg, ack) -> {
 *     socket.to(msg.room()).emit("chat", msg);
 *     ack.send("stored");
 *   });
 * });
 * io.start();
 * }</pre>
 *
 * <p>Methods of the main namespace ({@code "/"}) are available here directly. Thread-safe.
 */
public final class SocketIoServer {
  private final ServerOptions options;
  private final NamespaceRegistry namespaces = new NamespaceRegistry(this); // thread-safe
  private final ServerEngineHandler engineHandler;
  private final Namespace main;
  private final EngineHost host; // null when detached
  // Null unless the host is Netty's listener; every Netty-typed call goes through it (D5).
  private final NettyStandalone standalone;
  private final EngineServer engine; // null when detached
  // Any thread: set once by close().
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();
  // Any thread: the observers (instrument() rebuilds it); null while there is none, so that an
  // uninstrumented server pays one field read per hook.
  private volatile Instrumentation instrumentation;
  // Guarded by itself: the observers in registration order.
  private final List<Instrumentation> observers = new ArrayList<>();

  private SocketIoServer(ServerOptions options, EngineHost host, NettyStandalone standalone) {
    this.options = options;
    this.engineHandler = new ServerEngineHandler(this);
    this.main = of("/");
    this.host = host;
    this.standalone = standalone;
    if (host != null) {
      this.engine = host.attach(options.engine(), engineHandler);
      if (options.serveClient()) {
        host.route(options.path() + "socket.io", new ClientBundle(options.path()));
      }
    } else {
      this.engine = null;
    }
  }

  /**
   * {@return a standalone server with its own listener ({@link ServerOptions#listener()}); call
   * {@link #start()} to listen}
   *
   * @param options the options
   */
  public static SocketIoServer create(ServerOptions options) {
    NettyStandalone standalone = NettyStandalone.create(options.listener());
    return new SocketIoServer(options, standalone.host(), standalone);
  }

  /**
   * {@return a server on an existing listener (which may serve other paths too), under {@link
   * ServerOptions#path()}; the listener's owner starts and closes it}
   *
   * @param listener the listener
   * @param options the options
   */
  public static SocketIoServer attach(HttpListener listener, ServerOptions options) {
    NettyStandalone standalone =
        NettyStandalone.shared(java.util.Objects.requireNonNull(listener, "listener"));
    return new SocketIoServer(options, standalone.host(), standalone);
  }

  /**
   * {@return a server on an existing host of any binding (Netty's {@link HttpListener}, a Servlet
   * container's host), under {@link ServerOptions#path()}; the host's owner starts and closes it}
   * {@link #start()} and {@link #port()} work only on a Netty listener.
   *
   * @param host the host
   * @param options the options
   */
  public static SocketIoServer attach(EngineHost host, ServerOptions options) {
    java.util.Objects.requireNonNull(host, "host");
    return new SocketIoServer(options, host, NettyStandalone.of(host));
  }

  /**
   * {@return a server with no listener at all: feed {@link #engineHandler()} from your own
   * Engine.IO server}
   *
   * @param options the options
   */
  public static SocketIoServer detached(ServerOptions options) {
    return new SocketIoServer(options, null, null);
  }

  /**
   * Starts listening (standalone mode); returns this. The JVM's first start warms the connection
   * path up first ({@link ServerOptions.Builder#warmUpConnections(int)}).
   *
   * @return this server
   */
  public SocketIoServer start() {
    if (standalone == null) {
      throw new IllegalStateException(
          host == null ? "a detached server has no listener" : "the host starts itself");
    }
    standalone.start(options.warmUpConnections());
    return this;
  }

  /** {@return the port listened on (after {@link #start()})} */
  public int port() {
    if (standalone == null) {
      throw new IllegalStateException(
          host == null ? "a detached server has no listener" : "the host has no port of its own");
    }
    return standalone.port();
  }

  /**
   * {@return the Engine.IO server ({@code clientsCount()}, its options), or {@code null} when
   * detached}
   */
  public EngineServer engine() {
    return engine;
  }

  /** {@return the Netty listener, or {@code null} when detached or on another host} */
  public HttpListener listener() {
    return standalone == null ? null : standalone.listener();
  }

  /** {@return the host serving this server, or {@code null} when detached} */
  public EngineHost host() {
    return host;
  }

  /** {@return the options} */
  public ServerOptions options() {
    return options;
  }

  /** {@return the Engine.IO handler that feeds this server, to attach to an engine} */
  public EngineHandler engineHandler() {
    return engineHandler;
  }

  /**
   * Adds an observer of sockets, rooms and traffic (the admin UI, metrics). Observers added later
   * see only what happens afterwards; register them before {@link #start()}.
   *
   * @param observer the observer
   * @return this server
   */
  public SocketIoServer instrument(Instrumentation observer) {
    java.util.Objects.requireNonNull(observer, "observer");
    synchronized (observers) {
      observers.add(observer);
      instrumentation = new dev.sio.server.internal.InstrumentationChain(observers);
    }
    return this;
  }

  /**
   * {@return the registered observers as one, or {@code null} when there is none (the hooks' fast
   * path), for adapters that report what they do}
   */
  public Instrumentation instrumentation() {
    return instrumentation;
  }

  // ---- namespaces -----------------------------------------------------------------------------

  /**
   * {@return the namespace {@code name} ({@code "/"} prepended when missing), created when absent}
   *
   * @param name the name
   */
  public Namespace of(String name) {
    return namespaces.of(name);
  }

  /**
   * Called with each namespace created after this call, dynamic children included.
   *
   * @param listener the listener
   * @return this server
   */
  public SocketIoServer onNewNamespace(Consumer<Namespace> listener) {
    namespaces.onNewNamespace(listener);
    return this;
  }

  /**
   * {@return dynamic namespaces: every name that fully matches {@code pattern}}
   *
   * @param pattern the pattern
   */
  public ParentNamespace of(Pattern pattern) {
    return of(name -> pattern.matcher(name).matches());
  }

  /**
   * {@return dynamic namespaces: every name {@code matcher} accepts}
   *
   * @param matcher the matcher
   */
  public ParentNamespace of(Predicate<String> matcher) {
    return of((name, auth) -> matcher.test(name));
  }

  /**
   * {@return dynamic namespaces: every name {@code matcher} accepts, given the client's CONNECT
   * payload (Node's {@code io.of((name, auth, next) => …)}, synchronous)} It runs on the
   * connection's event loop and must not block.
   *
   * @param matcher the matcher
   */
  public ParentNamespace of(BiPredicate<String, JsonNode> matcher) {
    return namespaces.parent(matcher);
  }

  /** {@return the main namespace {@code "/"} (Node's {@code io.sockets})} */
  public Namespace sockets() {
    return main;
  }

  /** {@return the namespaces that exist now (a snapshot)} */
  public Set<String> namespaceNames() {
    return namespaces.names();
  }

  /** The namespace a client asks for: an existing one, a new dynamic child, or null. */
  Namespace namespaceFor(String name, JsonNode auth) {
    return namespaces.forClient(name, auth);
  }

  /** Forgets the dynamic child {@code nsp}, which ended. */
  void removeNamespace(Namespace nsp) {
    namespaces.remove(nsp);
  }

  // ---- the main namespace ---------------------------------------------------------------------

  /**
   * Adds a connection middleware to the main namespace.
   *
   * @param middleware the middleware
   * @return this server
   */
  public SocketIoServer use(ConnectionMiddleware middleware) {
    main.use(middleware);
    return this;
  }

  /**
   * Called with each socket joining the main namespace.
   *
   * @param handler the handler
   * @return this server
   */
  public SocketIoServer onConnection(Consumer<Socket> handler) {
    main.onConnection(handler);
    return this;
  }

  /**
   * {@return a broadcast to {@code rooms} of the main namespace}
   *
   * @param rooms the rooms
   */
  public BroadcastOperator to(String... rooms) {
    return main.to(rooms);
  }

  /**
   * {@return a broadcast to {@code rooms} of the main namespace}
   *
   * @param rooms the rooms
   */
  public BroadcastOperator to(Collection<String> rooms) {
    return main.to(rooms);
  }

  /**
   * Same as {@link #to}.
   *
   * @param rooms the rooms
   * @return the broadcast operator
   */
  public BroadcastOperator in(String... rooms) {
    return main.in(rooms);
  }

  /**
   * Same as {@link #to(Collection)}.
   *
   * @param rooms the rooms
   * @return the broadcast operator
   */
  public BroadcastOperator in(Collection<String> rooms) {
    return main.in(rooms);
  }

  /**
   * {@return a broadcast to every socket of the main namespace but those in {@code rooms}}
   *
   * @param rooms the rooms
   */
  public BroadcastOperator except(Collection<String> rooms) {
    return main.except(rooms);
  }

  /**
   * {@return how many servers the main namespace's adapter counts in the cluster, this one included
   * (Node's {@code io.serverCount()}); 1 without a cluster} Fails with the adapter's own exception.
   */
  public CompletableFuture<Integer> serverCount() {
    return dev.sio.server.internal.Futures.unwrapped(main.adapter().serverCount());
  }

  /**
   * {@return a broadcast to every socket of the main namespace but those in {@code rooms}}
   *
   * @param rooms the rooms
   */
  public BroadcastOperator except(String... rooms) {
    return main.except(rooms);
  }

  /** {@return a broadcast to this server's sockets only} */
  public BroadcastOperator local() {
    return main.local();
  }

  /** {@return a volatile broadcast} */
  public BroadcastOperator asVolatile() {
    return main.asVolatile();
  }

  /**
   * {@return a broadcast with the compress flag}
   *
   * @param compress a broadcast with the compress flag
   */
  public BroadcastOperator compress(boolean compress) {
    return main.compress(compress);
  }

  /**
   * {@return a broadcast whose acknowledgements time out}
   *
   * @param timeout a broadcast whose acknowledgements time out
   */
  public BroadcastOperator timeout(Duration timeout) {
    return main.timeout(timeout);
  }

  /**
   * Emits to every socket of the main namespace.
   *
   * @param event the event name
   * @param args the arguments
   */
  public void emit(String event, Object... args) {
    main.emit(event, args);
  }

  /**
   * Emits {@code "message"} to every socket of the main namespace.
   *
   * @param args the arguments
   */
  public void send(Object... args) {
    main.send(args);
  }

  /**
   * Emits to every socket of the main namespace and collects their acknowledgements.
   *
   * @param event the event name
   * @param args the arguments
   * @return a future of the answers
   */
  public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
    return main.emitWithAck(event, args);
  }

  /** {@return the sockets of the main namespace} */
  public CompletableFuture<List<RemoteSocket>> fetchSockets() {
    return main.fetchSockets();
  }

  /**
   * Makes every socket of the main namespace join {@code rooms}.
   *
   * @param rooms the rooms
   */
  public void socketsJoin(String... rooms) {
    main.socketsJoin(rooms);
  }

  /**
   * Makes every socket of the main namespace leave {@code rooms}.
   *
   * @param rooms the rooms
   */
  public void socketsLeave(String... rooms) {
    main.socketsLeave(rooms);
  }

  /**
   * Disconnects every socket of the main namespace.
   *
   * @param close whether to close the underlying connection too
   */
  public void disconnectSockets(boolean close) {
    main.disconnectSockets(close);
  }

  /**
   * Sends an event to the other servers of the cluster.
   *
   * @param event the event name
   * @param args the arguments
   */
  public void serverSideEmit(String event, Object... args) {
    main.serverSideEmit(event, args);
  }

  /**
   * Sends an event to the other servers and collects their acknowledgements.
   *
   * @param event the event name
   * @param args the arguments
   * @return a future of the answers
   */
  public CompletableFuture<List<JsonNode>> serverSideEmitWithAck(String event, Object... args) {
    return main.serverSideEmitWithAck(event, args);
  }

  /**
   * Handles an event another server sent to the main namespace.
   *
   * @param event the event name
   * @param handler the handler
   * @return this server
   */
  public SocketIoServer onServerSideEmit(String event, EventListener handler) {
    main.onServerSideEmit(event, handler);
    return this;
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /**
   * Disconnects every socket (reason {@code "server shutting down"}), closes the adapters and the
   * {@link ServerOptions.Builder#adapter adapter factory} ({@link AdapterFactory#close()}), then
   * the engine and the listener when this server owns them. Idempotent.
   */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    namespaces.close(closing);
    CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0])).join();
    if (options.adapter() != null) {
      options.adapter().close();
    }
    if (engine != null) {
      engine.close();
    }
    if (standalone != null) {
      standalone.close(); // the listener only when this server made it
    }
  }
}
