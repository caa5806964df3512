package dev.sio.client;

import dev.sio.client.internal.Backoff;
import dev.sio.client.internal.ClientLoop;
import dev.sio.client.internal.Endpoint;
import dev.sio.client.internal.EngineListener;
import dev.sio.client.internal.EngineSocket;
import dev.sio.client.internal.EventRegistry;
import dev.sio.client.internal.TransportContext;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.socketio.JsonParser;
import dev.sio.protocol.socketio.Parser;
import dev.sio.protocol.socketio.SocketPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO connection to a server, shared by the {@link Socket}s of several namespaces, with
 * reconnection (exponential backoff with jitter) as in the Node.js client's {@code Manager}.
 *
 * <p>Threads: a manager owns one daemon event thread, started when it connects and stopped when it
 * closes (its last socket disconnected, reconnection given up or disabled). All I/O, timers and
 * listeners of the manager and its sockets run on that thread, in order.
 *
 * <pre>{@code
 * Manager manager = SocketIoClient.manager(URI.create("http://localhost:3000"), options);
 * Socket main = manager.socket("/");
 * Socket admin = manager.socket("/admin");
 * manager.onReconnect(attempt -> log.info("back after {} attempts", attempt));
 * }</pre>
 */
public final class Manager {
  private static final Logger log = LoggerFactory.getLogger(Manager.class);

  private enum ReadyState {
    CLOSED,
    OPENING,
    OPEN
  }

  private final URI uri;
  private final ClientOptions options;
  private final Endpoint endpoint;
  private final Parser parser;
  private final ClientLoop loop;
  private final Map<String, Socket> nsps = new ConcurrentHashMap<>();
  private final Backoff backoff;
  private ReadyState readyState = ReadyState.CLOSED; // event thread
  private EngineSocket engine; // event thread
  // Any thread writes (reconnection(boolean)), the event thread reads: reconnect after a loss.
  private volatile boolean reconnection;
  private TransportContext context; // event thread: one per manager, for its cookie jar
  private Parser.Decoder decoder; // event thread
  private boolean reconnecting; // event thread
  private boolean skipReconnect; // event thread
  private ScheduledFuture<?> openTimer; // event thread
  private ScheduledFuture<?> reconnectTimer; // event thread
  private volatile String transport; // event thread writes: name of the current transport
  // event thread: protocol V2, what the server said about "/" in this session; null with V4
  private final V2Protocol.MainNamespace v2Main;

  private final CopyOnWriteArrayList<Runnable> openListeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Consumer<String>> closeListeners =
      new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Consumer<Throwable>> errorListeners =
      new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Runnable> pingListeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<IntConsumer> reconnectAttemptListeners =
      new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<IntConsumer> reconnectListeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Consumer<Throwable>> reconnectErrorListeners =
      new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Runnable> reconnectFailedListeners =
      new CopyOnWriteArrayList<>();

  /**
   * A manager of connections to the server of {@code uri} (its path is ignored: namespaces are
   * chosen with {@link #socket}). The constructor starts nothing: with {@code autoConnect} on, the
   * connection opens when the first socket is created (after its setup, with {@link #socket(String,
   * Consumer)}), or at {@link #open()}; so listeners added to the manager right after construction
   * see its first events. {@link SocketIoClient#manager(URI, ClientOptions, Consumer)} opens it at
   * once after a setup callback, as the JS client's {@code new Manager}.
   *
   * @param uri the server's address; its path is ignored
   * @param options the options of the connection and of its sockets
   */
  public Manager(URI uri, ClientOptions options) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.options = Objects.requireNonNull(options, "options");
    this.endpoint = Endpoint.of(uri);
    this.parser = options.parser() != null ? options.parser() : JsonParser.create();
    this.loop = new ClientLoop("sio-client");
    loop.idleCheck(this::maybeRelease);
    this.reconnection = options.reconnection();
    this.v2Main = options.protocol() == ClientProtocol.V2 ? new V2Protocol.MainNamespace() : null;
    this.backoff =
        new Backoff(
            options.reconnectionDelay().toMillis(),
            options.reconnectionDelayMax().toMillis(),
            options.randomizationFactor());
  }

  /** {@return the server URI this manager connects to} */
  public URI uri() {
    return uri;
  }

  /** {@return the options of this manager} */
  public ClientOptions options() {
    return options;
  }

  /**
   * {@return the name of the transport in use ({@code "polling"} or {@code "websocket"}), or null}
   */
  public String transport() {
    return transport;
  }

  /**
   * The socket of {@code namespace}, created (and connected, with autoConnect) on first use.
   * Listeners added after this call may miss the first events ({@code connect}, {@code
   * connect_error}): add them in {@link #socket(String, Consumer)}'s setup.
   *
   * @param namespace the namespace, such as {@code "/"} or {@code "/chat"}
   * @return the socket of that namespace
   */
  public Socket socket(String namespace) {
    return socket(namespace, options, s -> {});
  }

  /**
   * The socket of {@code namespace}; {@code setup} runs on the calling thread before the socket
   * connects (with autoConnect), so the listeners it adds see every event, the first included. The
   * setup runs only when the socket is created or inactive.
   *
   * @param namespace the namespace, such as {@code "/"} or {@code "/chat"}
   * @param setup adds the listeners, before anything is sent
   * @return the socket of that namespace
   */
  public Socket socket(String namespace, Consumer<Socket> setup) {
    return socket(namespace, options, setup);
  }

  /**
   * The socket of {@code namespace} with its own {@code auth}, {@code retries} and {@code
   * ackTimeout} taken from {@code socketOptions} (used only when the socket is created).
   *
   * @param namespace the namespace, such as {@code "/"} or {@code "/chat"}
   * @param socketOptions the socket's own options
   * @return the socket of that namespace
   */
  public Socket socket(String namespace, ClientOptions socketOptions) {
    return socket(namespace, socketOptions, s -> {});
  }

  /**
   * The socket of {@code namespace} with its own options, set up by {@code setup} before it
   * connects (see {@link #socket(String, Consumer)}).
   *
   * @param namespace the namespace, such as {@code "/"} or {@code "/chat"}
   * @param socketOptions the socket's own options (used only when the socket is created)
   * @param setup adds the listeners, before anything is sent
   * @return the socket of that namespace
   */
  public Socket socket(String namespace, ClientOptions socketOptions, Consumer<Socket> setup) {
    Objects.requireNonNull(setup, "setup");
    if (options.protocol() == ClientProtocol.V2 && socketOptions.hasAuth()) {
      throw new IllegalArgumentException(ClientOptions.AUTH_WITH_V2);
    }
    String nsp = namespace.startsWith("/") ? namespace : "/" + namespace;
    boolean[] created = {false};
    Socket socket =
        nsps.computeIfAbsent(
            nsp,
            n -> {
              created[0] = true;
              return new Socket(this, n, socketOptions);
            });
    if (created[0] || !socket.active()) {
      setup.accept(socket);
      if (options.autoConnect()) {
        socket.connect();
      }
    }
    return socket;
  }

  /**
   * {@return whether the manager reconnects after losing its connection (the JS client's getter)}
   */
  public boolean reconnection() {
    return reconnection;
  }

  /**
   * Switches reconnection on or off from now on (the JS client's {@code reconnection(v)}); off also
   * stops the next attempt if one is scheduled.
   *
   * @param value whether to reconnect
   * @return this manager
   */
  public Manager reconnection(boolean value) {
    this.reconnection = value;
    if (!value) {
      run(
          () -> {
            if (reconnectTimer != null && readyState == ReadyState.CLOSED) {
              reconnectTimer.cancel(false);
              reconnectTimer = null;
              reconnecting = false;
            }
          });
    }
    return this;
  }

  /**
   * {@return the Engine.IO connection (the JS client's {@code manager.engine}), or {@code null}
   * before the first open}
   */
  public EngineConnection engine() {
    EngineSocket e = engine;
    if (e == null) {
      return null;
    }
    return new EngineConnection() {
      @Override
      public String id() {
        return e.id();
      }

      @Override
      public String transport() {
        return e == engine ? transport : null;
      }

      @Override
      public void close() {
        run(
            () -> {
              if (e == engine && readyState == ReadyState.OPEN) {
                onEngineClose("forced close");
              } else {
                e.close();
              }
            });
      }
    };
  }

  /**
   * Opens the connection (needed only with {@code autoConnect(false)}).
   *
   * @return this manager
   */
  public Manager open() {
    run(() -> open(null));
    return this;
  }

  /** Disconnects every socket and closes the connection; the event thread then stops. */
  public void close() {
    for (Socket s : nsps.values()) {
      s.disconnect();
    }
    run(this::forceClose);
  }

  // ------------------------------------------------------------- manager events

  /**
   * Called when the Engine.IO connection opens (event {@code open}).
   *
   * @param listener the listener
   * @return this manager
   */
  public Manager onOpen(Runnable listener) {
    openListeners.add(listener);
    return this;
  }

  /**
   * Called when the connection closes, with the reason (event {@code close}).
   *
   * @param listener the listener
   * @return this manager
   */
  public Manager onClose(Consumer<String> listener) {
    closeListeners.add(listener);
    return this;
  }

  /**
   * Called on connection errors and refused oversized emits (event {@code error}).
   *
   * @param listener the listener
   * @return this manager
   */
  public Manager onError(Consumer<Throwable> listener) {
    errorListeners.add(listener);
    return this;
  }

  /**
   * Called at each ping of the server (event {@code ping}); with {@link ClientProtocol#V2}, at each
   * ping the client sends (Engine.IO v3 reverses the heartbeat), as socket.io-client 2.x.
   *
   * @param listener the listener
   * @return this manager
   */
  public Manager onPing(Runnable listener) {
    pingListeners.add(listener);
    return this;
  }

  /**
   * Called before each reconnection attempt with its number (event {@code reconnect_attempt}).
   *
   * @param listener the listener
   * @return this manager
   */
  public Manager onReconnectAttempt(IntConsumer listener) {
    reconnectAttemptListeners.add(listener);
    return this;
  }

  /**
   * Called after a successful reconnection with the attempts it took (event {@code reconnect}).
   *
   * @param listener the listener
   * @return this manager
   */
  public Manager onReconnect(IntConsumer listener) {
    reconnectListeners.add(listener);
    return this;
  }

  /**
   * Called when a reconnection attempt fails (event {@code reconnect_error}).
   *
   * @param listener the listener
   * @return this manager
   */
  public Manager onReconnectError(Consumer<Throwable> listener) {
    reconnectErrorListeners.add(listener);
    return this;
  }

  /**
   * Called when every reconnection attempt failed (event {@code reconnect_failed}).
   *
   * @param listener the listener
   * @return this manager
   */
  public Manager onReconnectFailed(Runnable listener) {
    reconnectFailedListeners.add(listener);
    return this;
  }

  // ------------------------------------------------------------- event thread

  ClientLoop loop() {
    return loop;
  }

  boolean reconnecting() {
    return reconnecting;
  }

  boolean isOpen() {
    return readyState == ReadyState.OPEN;
  }

  boolean pingExpired() {
    return engine != null && engine.hasPingExpired();
  }

  boolean transportWritable() {
    return engine != null && engine.writable();
  }

  void open(Consumer<Exception> callback) {
    if (readyState != ReadyState.CLOSED) {
      return;
    }
    if (context == null) {
      context = new TransportContext(options, endpoint, loop);
    }
    readyState = ReadyState.OPENING;
    skipReconnect = false;
    EngineSocket[] self = new EngineSocket[1];
    EngineSocket socket = new EngineSocket(context, new ManagerEngineListener(self, callback));
    self[0] = socket;
    engine = socket;
    if (options.timeout() != null) {
      openTimer =
          loop.schedule(
              () -> {
                openTimer = null;
                if (engine == socket && readyState == ReadyState.OPENING) {
                  onOpenError(new ConnectError("timeout", null, null), callback);
                  socket.close();
                }
              },
              options.timeout().toMillis());
    }
    socket.open();
  }

  private final class ManagerEngineListener implements EngineListener {
    private final EngineSocket[] self;
    private final Consumer<Exception> callback;

    ManagerEngineListener(EngineSocket[] self, Consumer<Exception> callback) {
      this.self = self;
      this.callback = callback;
    }

    private boolean current() {
      return engine == self[0];
    }

    @Override
    public void onOpen() {
      if (!current() || readyState != ReadyState.OPENING) {
        return;
      }
      cancelTimers();
      readyState = ReadyState.OPEN;
      decoder = parser.newDecoder();
      if (v2Main != null) {
        v2Main.reset();
      }
      transport = self[0].transportName();
      // As in the JS client, the sockets active now hear "open" after the listeners registered
      // before them; a socket created by a listener connects itself (one CONNECT, not two).
      List<Socket> active = new ArrayList<>();
      for (Socket s : nsps.values()) {
        if (s.isActive()) {
          active.add(s);
        }
      }
      openListeners.forEach(l -> EventRegistry.safely("open", l));
      for (Socket s : active) {
        if (s.isActive() && readyState == ReadyState.OPEN) {
          s.onOpen();
        }
      }
      if (callback != null) {
        callback.accept(null);
      }
    }

    @Override
    public void onUpgrade(String name) {
      // an upgrade that completes after the manager closed (the close waits for it) changes nothing
      if (current() && readyState == ReadyState.OPEN) {
        transport = name;
      }
    }

    @Override
    public void onMessage(Object data) {
      if (!current() || readyState != ReadyState.OPEN) {
        return;
      }
      SocketPacket packet;
      try {
        packet = data instanceof byte[] b ? decoder.decode(b) : decoder.decode((String) data);
      } catch (ProtocolException | RuntimeException e) {
        onEngineClose("parse error");
        return;
      }
      if (packet != null) {
        if (v2Main != null && v2Main.onPacket(packet, nsps.values())) {
          return;
        }
        Socket s = nsps.get(packet.namespace());
        if (s != null && s.isActive()) {
          s.onPacket(packet);
        }
      }
    }

    @Override
    public void onPing() {
      if (current()) {
        pingListeners.forEach(l -> EventRegistry.safely("ping", l));
      }
    }

    @Override
    public void onError(Exception error) {
      if (!current()) {
        return;
      }
      if (readyState == ReadyState.OPENING) {
        onOpenError(error, callback);
      } else if (readyState == ReadyState.OPEN) {
        emitError(error);
      }
    }

    @Override
    public void onClose(String reason, Exception cause) {
      if (current() && readyState == ReadyState.OPEN) {
        onEngineClose(reason);
      } else {
        maybeRelease(); // a close the manager asked for is complete: its timers are gone
      }
    }
  }

  boolean isV2() {
    return v2Main != null;
  }

  /** V2: what the server said about "/"; null with V4. */
  V2Protocol.MainNamespace v2Main() {
    return v2Main;
  }

  /** The query of the manager's URI. */
  Map<String, String> uriQuery() {
    return endpoint.query();
  }

  /** The Engine.IO session id, or null. */
  String engineId() {
    return engine == null ? null : engine.id();
  }

  private void onOpenError(Exception error, Consumer<Exception> callback) {
    cancelTimers();
    readyState = ReadyState.CLOSED;
    transport = null;
    emitError(error);
    if (callback != null) {
      callback.accept(error);
    } else if (!reconnecting && reconnection && backoff.attempts() == 0) {
      reconnect();
    }
    maybeRelease();
  }

  private void emitError(Exception error) {
    errorListeners.forEach(l -> EventRegistry.safely("error", () -> l.accept(error)));
    for (Socket s : nsps.values()) {
      if (s.isActive()) {
        s.onManagerError(error);
      }
    }
  }

  /** An error with no other place to go (an oversized plain emit). */
  void reportError(Exception error) {
    log.warn("socket.io client error: {}", error.getMessage());
    errorListeners.forEach(l -> EventRegistry.safely("error", () -> l.accept(error)));
  }

  private void onEngineClose(String reason) {
    cancelTimers();
    decoder = null;
    readyState = ReadyState.CLOSED; // first: the engine's own close event is then ignored
    transport = null;
    EngineSocket e = engine;
    if (e != null) {
      e.close();
    }
    backoff.reset();
    closeListeners.forEach(l -> EventRegistry.safely("close", () -> l.accept(reason)));
    for (Socket s : nsps.values()) {
      if (s.isActive()) {
        s.onClose(reason);
      }
    }
    if (reconnection && !skipReconnect) {
      reconnect();
    }
    maybeRelease();
  }

  private void reconnect() {
    if (reconnecting || skipReconnect) {
      return;
    }
    if (backoff.attempts() >= options.reconnectionAttempts()) {
      backoff.reset();
      reconnecting = false;
      reconnectFailedListeners.forEach(l -> EventRegistry.safely("reconnect_failed", l));
      return;
    }
    long delay = backoff.duration();
    reconnecting = true;
    reconnectTimer =
        loop.schedule(
            () -> {
              reconnectTimer = null;
              if (skipReconnect) {
                return;
              }
              int attempt = backoff.attempts();
              reconnectAttemptListeners.forEach(
                  l -> EventRegistry.safely("reconnect_attempt", () -> l.accept(attempt)));
              if (skipReconnect) {
                return;
              }
              open(
                  error -> {
                    if (error != null) {
                      reconnecting = false;
                      reconnect();
                      reconnectErrorListeners.forEach(
                          l -> EventRegistry.safely("reconnect_error", () -> l.accept(error)));
                    } else {
                      int attempts = backoff.attempts();
                      reconnecting = false;
                      backoff.reset();
                      reconnectListeners.forEach(
                          l -> EventRegistry.safely("reconnect", () -> l.accept(attempts)));
                    }
                  });
            },
            delay);
  }

  private void cancelTimers() {
    if (openTimer != null) {
      openTimer.cancel(false);
      openTimer = null;
    }
    if (reconnectTimer != null) {
      reconnectTimer.cancel(false);
      reconnectTimer = null;
    }
  }

  /** A socket left: close the connection when no socket is active any more. */
  void destroy(Socket socket) {
    for (Socket s : nsps.values()) {
      if (s.isActive()) {
        return;
      }
    }
    forceClose();
  }

  private void forceClose() {
    boolean betweenAttempts = reconnecting;
    skipReconnect = true;
    reconnecting = false;
    if (readyState == ReadyState.CLOSED) {
      cancelTimers();
      if (engine != null) {
        engine.close();
      }
      if (betweenAttempts) {
        // between reconnection attempts: as the JS client's onclose, reset the backoff and say
        // "close", so that a connect() from a listener starts again from the first attempt; a
        // manager already closed and told says nothing more
        backoff.reset();
        closeListeners.forEach(l -> EventRegistry.safely("close", () -> l.accept("forced close")));
      }
      maybeRelease();
      return;
    }
    onEngineClose("forced close");
  }

  /** Frees the event thread when nothing is left to do (no connection, no timer). */
  void maybeRelease() {
    if (readyState == ReadyState.CLOSED
        && !reconnecting
        && reconnectTimer == null
        && openTimer == null
        && loop.pendingTimers() == 0) {
      loop.release();
    }
  }

  /**
   * Runs a task from the public API on the event thread (at once when already there), then frees
   * the thread if the task left nothing to do: an emit on a closed manager starts no lasting
   * thread.
   */
  void run(Runnable task) {
    loop.run(
        () -> {
          task.run();
          maybeRelease();
        });
  }

  /**
   * Writes one packet.
   *
   * @throws PayloadTooLargeException when a message of it exceeds the server's maxPayload
   */
  void packet(SocketPacket packet, boolean compress) {
    EngineSocket e = engine;
    if (e == null) {
      return;
    }
    List<Object> messages = parser.encode(packet);
    long max = e.maxPayload();
    if (max > 0) {
      for (Object m : messages) {
        long size = e.encodedSize(m);
        if (size > max) {
          throw new PayloadTooLargeException(size, max);
        }
      }
    }
    for (Object m : messages) {
      e.write(m, compress);
    }
  }

  /** Waits until the event thread has stopped (after {@link #close()}); for tests and exits. */
  boolean awaitReleased(Duration timeout) throws InterruptedException {
    return loop.awaitReleased(timeout.toMillis());
  }
}
