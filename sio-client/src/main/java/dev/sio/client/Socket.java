package dev.sio.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.client.internal.Arguments;
import dev.sio.client.internal.EventRegistry;
import dev.sio.client.internal.OutgoingQueue;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A connection to one namespace, multiplexed with the other namespaces of its {@link Manager} over
 * one Engine.IO connection. The methods have the names of the Node.js client (and of Sio's server
 * socket): {@code on}, {@code once}, {@code off}, {@code onAny}, {@code emit}, {@code emitWithAck},
 * {@code timeout}, {@code connect}, {@code disconnect}.
 *
 * <p>Every method may be called from any thread. Listeners run on the manager's single event
 * thread, in the order events arrive; they must not block (a blocking {@code join()} on an
 * acknowledgement future inside a listener waits forever: chain with {@code thenAccept} instead).
 *
 * <pre>{@code
 * Socket socket = SocketIoClient.connect(URI.create("http://localhost:3000/chat"));
 * socket.onConnect(() -> socket.emit("hello", "world"));
 * socket.on("message", ChatMessage.class, msg -> System.out.println(msg.text()));
 * socket.timeout(Duration.ofSeconds(2)).emitWithAck("echo", String.class, "ping")
 *     .thenAccept(System.out::println);
 * }</pre>
 */
public final class Socket {
  private final Manager io;
  private final String namespace;
  private final ClientOptions options;
  private final ObjectMapper mapper;
  private final EventRegistry registry = new EventRegistry();
  private final OutgoingQueue out; // event thread state inside
  private final Emitter emitter;
  private final CopyOnWriteArrayList<Runnable> connectListeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Consumer<ConnectError>> connectErrorListeners =
      new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Consumer<String>> disconnectListeners =
      new CopyOnWriteArrayList<>();
  private volatile String id; // event thread writes
  private volatile boolean connected; // event thread writes
  private volatile boolean recovered; // event thread writes
  private volatile boolean active; // event thread writes: subscribed to the manager
  private String pid; // event thread: recovery session, from the CONNECT answer
  private String lastOffset; // event thread: offset of the last event received
  private final List<SocketPacket> receiveBuffer = new ArrayList<>(); // event thread

  Socket(Manager io, String namespace, ClientOptions options) {
    this.io = io;
    this.namespace = namespace;
    this.options = options;
    this.mapper = options.objectMapper();
    this.out =
        new OutgoingQueue(
            namespace,
            this::sendToManager,
            io.loop(),
            options,
            () -> connected && !io.pingExpired(),
            io::transportWritable);
    this.emitter = new Emitter(this, null, false, true);
  }

  /** {@return the namespace, such as {@code "/"} or {@code "/chat"}} */
  public String namespace() {
    return namespace;
  }

  /** {@return the manager holding this socket's connection} */
  public Manager io() {
    return io;
  }

  /**
   * {@return the socket id the server gave (distinct from the Engine.IO id), or null when
   * disconnected}
   */
  public String id() {
    return id;
  }

  /** {@return whether the socket is connected to its namespace} */
  public boolean connected() {
    return connected;
  }

  /** {@return whether the socket will (re)connect: it is subscribed to its manager} */
  public boolean active() {
    return active;
  }

  /**
   * {@return whether the last connection recovered the previous session (connection state recovery:
   * the server replayed the missed events and kept the id and rooms)}
   */
  public boolean recovered() {
    return recovered;
  }

  // ---------------------------------------------------------------- listeners

  /**
   * Listens to {@code event} with its raw arguments and the acknowledgement.
   *
   * @param event the event name
   * @param listener the listener
   * @return this socket
   */
  public Socket on(String event, EventListener listener) {
    registry.on(event, listener, listener, false);
    return this;
  }

  /**
   * Listens to {@code event}, binding its first argument to {@code type} with Jackson.
   *
   * @param <T> the bound type
   * @param event the event name
   * @param type the class to bind to (with Jackson)
   * @param listener the listener
   * @return this socket
   */
  public <T> Socket on(String event, Class<T> type, Consumer<T> listener) {
    registry.on(event, listener, (args, ack) -> listener.accept(bind(args, type)), false);
    return this;
  }

  /**
   * Listens to {@code event}, binding its first argument, and answers with the {@link Ack}.
   *
   * @param <T> the bound type
   * @param event the event name
   * @param type the class to bind to (with Jackson)
   * @param listener the listener
   * @return this socket
   */
  public <T> Socket on(String event, Class<T> type, BiConsumer<T, Ack> listener) {
    registry.on(event, listener, (args, ack) -> listener.accept(bind(args, type), ack), false);
    return this;
  }

  /**
   * Listens to the next {@code event} only.
   *
   * @param event the event name
   * @param listener the listener
   * @return this socket
   */
  public Socket once(String event, EventListener listener) {
    registry.on(event, listener, listener, true);
    return this;
  }

  /**
   * Listens to the next {@code event} only, binding its first argument.
   *
   * @param <T> the bound type
   * @param event the event name
   * @param type the class to bind to (with Jackson)
   * @param listener the listener
   * @return this socket
   */
  public <T> Socket once(String event, Class<T> type, Consumer<T> listener) {
    registry.on(event, listener, (args, ack) -> listener.accept(bind(args, type)), true);
    return this;
  }

  /**
   * Removes {@code listener} (as given to {@code on} or {@code once}) from {@code event}.
   *
   * @param event the event name
   * @param listener the listener
   * @return this socket
   */
  public Socket off(String event, Object listener) {
    registry.off(event, listener);
    return this;
  }

  /**
   * Removes every listener of {@code event}.
   *
   * @param event the event name
   * @return this socket
   */
  public Socket off(String event) {
    registry.off(event);
    return this;
  }

  /**
   * Removes every event listener (not the connect, error and disconnect ones).
   *
   * @return this socket
   */
  public Socket off() {
    registry.offAll();
    return this;
  }

  /**
   * Adds a listener called for every incoming event, before the event's own listeners.
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket onAny(AnyListener listener) {
    registry.any().add(listener);
    return this;
  }

  /**
   * Adds a catch-all incoming listener before the others.
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket prependAny(AnyListener listener) {
    registry.any().add(0, listener);
    return this;
  }

  /**
   * Removes one catch-all incoming listener.
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket offAny(AnyListener listener) {
    registry.any().remove(listener);
    return this;
  }

  /**
   * Removes every catch-all incoming listener.
   *
   * @return this socket
   */
  public Socket offAny() {
    registry.any().clear();
    return this;
  }

  /**
   * Adds a listener called for every event sent to the server (not for acknowledgements).
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket onAnyOutgoing(AnyListener listener) {
    registry.anyOutgoing().add(listener);
    return this;
  }

  /**
   * Adds a catch-all outgoing listener before the others.
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket prependAnyOutgoing(AnyListener listener) {
    registry.anyOutgoing().add(0, listener);
    return this;
  }

  /**
   * Removes one catch-all outgoing listener.
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket offAnyOutgoing(AnyListener listener) {
    registry.anyOutgoing().remove(listener);
    return this;
  }

  /**
   * Removes every catch-all outgoing listener.
   *
   * @return this socket
   */
  public Socket offAnyOutgoing() {
    registry.anyOutgoing().clear();
    return this;
  }

  /**
   * Called at each connection to the namespace (event {@code connect}).
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket onConnect(Runnable listener) {
    connectListeners.add(listener);
    return this;
  }

  /**
   * Called when a connection attempt fails (event {@code connect_error}): refused by the server
   * (message and data of its middleware's error) or a transport failure.
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket onConnectError(Consumer<ConnectError> listener) {
    connectErrorListeners.add(listener);
    return this;
  }

  /**
   * Called at the next connection only (the JS client's {@code once("connect")}).
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket onceConnect(Runnable listener) {
    connectListeners.add(new OnceRunnable(connectListeners, listener));
    return this;
  }

  /**
   * Removes a {@link #onConnect} or {@link #onceConnect} listener.
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket offConnect(Runnable listener) {
    connectListeners.removeIf(
        l -> l == listener || l instanceof OnceRunnable o && o.original == listener);
    return this;
  }

  /**
   * Called at the next {@code connect_error} only.
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket onceConnectError(Consumer<ConnectError> listener) {
    connectErrorListeners.add(new OnceConsumer<>(connectErrorListeners, listener));
    return this;
  }

  /**
   * Removes a {@link #onConnectError} or {@link #onceConnectError} listener.
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket offConnectError(Consumer<ConnectError> listener) {
    connectErrorListeners.removeIf(
        l -> l == listener || l instanceof OnceConsumer<?> o && o.original == listener);
    return this;
  }

  /**
   * Called at the next disconnection only.
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket onceDisconnect(Consumer<String> listener) {
    disconnectListeners.add(new OnceConsumer<>(disconnectListeners, listener));
    return this;
  }

  /**
   * Removes a {@link #onDisconnect} or {@link #onceDisconnect} listener.
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket offDisconnect(Consumer<String> listener) {
    disconnectListeners.removeIf(
        l -> l == listener || l instanceof OnceConsumer<?> o && o.original == listener);
    return this;
  }

  // A listener that removes itself from its list before its first call (identity equality).
  private static final class OnceRunnable implements Runnable {
    private final List<Runnable> list;
    final Runnable original;

    OnceRunnable(List<Runnable> list, Runnable original) {
      this.list = list;
      this.original = Objects.requireNonNull(original, "listener");
    }

    @Override
    public void run() {
      if (list.remove(this)) {
        original.run();
      }
    }
  }

  private static final class OnceConsumer<T> implements Consumer<T> {
    private final List<Consumer<T>> list;
    final Consumer<T> original;

    OnceConsumer(List<Consumer<T>> list, Consumer<T> original) {
      this.list = list;
      this.original = Objects.requireNonNull(original, "listener");
    }

    @Override
    public void accept(T value) {
      if (list.remove(this)) {
        original.accept(value);
      }
    }
  }

  /**
   * Called at each disconnection (event {@code disconnect}) with the Node.js reason: {@code "io
   * server disconnect"}, {@code "io client disconnect"}, {@code "ping timeout"}, {@code "transport
   * close"}, {@code "transport error"} or {@code "parse error"}.
   *
   * @param listener the listener
   * @return this socket
   */
  public Socket onDisconnect(Consumer<String> listener) {
    disconnectListeners.add(listener);
    return this;
  }

  // ---------------------------------------------------------------- emitting

  /**
   * Emits {@code event} with {@code args}: values Jackson converts to JSON, {@code byte[]} and
   * {@code ByteBuffer} as binary anywhere. Buffered while disconnected (unless volatile).
   *
   * @param event the event name
   * @param args the arguments
   * @return this socket
   * @throws IllegalArgumentException for a reserved event name ({@code connect}, {@code
   *     connect_error}, {@code disconnect}, {@code disconnecting}, {@code newListener}, {@code
   *     removeListener})
   */
  public Socket emit(String event, Object... args) {
    emitter.emit(event, args);
    return this;
  }

  /**
   * {@code emit("message", args)}.
   *
   * @param args the arguments
   * @return this socket
   */
  public Socket send(Object... args) {
    emitter.emit("message", args);
    return this;
  }

  /**
   * Emits {@code event} and completes with the server's acknowledgement arguments; exceptionally
   * with {@link java.util.concurrent.TimeoutException} after the timeout (if any), {@link
   * DisconnectedException} on disconnection, {@link PayloadTooLargeException} when too large.
   *
   * @param event the event name
   * @param args the arguments
   * @return a future that completes with the server's acknowledgement arguments; exceptionally with
   *     {@link java.util.concurrent.TimeoutException} after the timeout (if any), {@link
   *     DisconnectedException} on disconnection, {@link PayloadTooLargeException} when too large
   */
  public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
    return emitter.emitWithAck(event, args);
  }

  /**
   * Emits {@code event} and completes with the first acknowledgement argument bound to {@code
   * type}.
   *
   * @param <T> the bound type
   * @param event the event name
   * @param type the class to bind to (with Jackson)
   * @param args the arguments
   * @return a future that completes with the first acknowledgement argument bound to {@code type}
   */
  public <T> CompletableFuture<T> emitWithAck(String event, Class<T> type, Object... args) {
    return emitter.emitWithAck(event, type, args);
  }

  /**
   * {@return an emitter whose acknowledgements time out after {@code timeout}}
   *
   * @param timeout an emitter whose acknowledgements time out after {@code timeout}
   */
  public Emitter timeout(Duration timeout) {
    return emitter.timeout(timeout);
  }

  /** {@return an emitter whose events are dropped when they cannot be sent right now} */
  public Emitter asVolatile() {
    return emitter.asVolatile();
  }

  /**
   * {@return an emitter that asks for compression (or not) of its events}
   *
   * @param compress an emitter that asks for compression (or not) of its events
   */
  public Emitter compress(boolean compress) {
    return emitter.compress(compress);
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Connects (or reconnects) to the namespace; does nothing when connected.
   *
   * @return this socket
   */
  public Socket connect() {
    io.run(this::doConnect);
    return this;
  }

  /**
   * Same as {@link #connect()}.
   *
   * @return this socket
   */
  public Socket open() {
    return connect();
  }

  /**
   * Leaves the namespace (event {@code disconnect} with {@code "io client disconnect"}) and stops
   * reconnecting. When no other socket of the manager is active, the connection closes and the
   * event thread stops.
   *
   * @return this socket
   */
  public Socket disconnect() {
    io.run(this::doDisconnect);
    return this;
  }

  /**
   * Same as {@link #disconnect()}.
   *
   * @return this socket
   */
  public Socket close() {
    return disconnect();
  }

  // ---------------------------------------------------------------- event thread

  void doConnect() {
    if (connected) {
      return;
    }
    active = true;
    if (!io.reconnecting()) {
      io.open(null);
    }
    if (io.isOpen()) {
      onOpen();
    }
  }

  private void doDisconnect() {
    boolean wasConnected = connected;
    if (wasConnected) {
      packet(new SocketPacket(SocketPacketType.DISCONNECT, namespace, null, SocketPacket.NO_ID));
      if (io.isV2() && "/".equals(namespace)) {
        io.v2Main().left();
      }
    }
    destroy();
    if (wasConnected) {
      onClose("io client disconnect");
    }
  }

  void emitFromAnyThread(
      String event, Object[] args, Emitter flags, CompletableFuture<List<JsonNode>> future) {
    if (OutgoingQueue.RESERVED.contains(event)) {
      throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
    }
    ArrayNode data = Arguments.event(mapper, event, args);
    io.run(
        () -> {
          try {
            out.emit(data, flags.timeoutOrNull(), flags.isVolatile(), flags.compressed(), future);
          } catch (PayloadTooLargeException e) {
            io.reportError(e); // a plain emit has no future to fail
          }
        });
  }

  private void sendToManager(SocketPacket packet, boolean compress, boolean outgoing) {
    if (outgoing) {
      ArrayNode data = (ArrayNode) packet.data();
      List<JsonNode> args = new ArrayList<>(data.size() - 1);
      for (int i = 1; i < data.size(); i++) {
        args.add(data.get(i));
      }
      registry.dispatchOutgoing(data.get(0).asText(), args);
    }
    io.packet(packet, compress);
  }

  private void packet(SocketPacket packet) {
    io.packet(packet, true);
  }

  /** The manager's connection is open: send CONNECT with the auth payload. */
  void onOpen() {
    if (io.isV2()) {
      onOpenV2();
      return;
    }
    JsonNode auth;
    try {
      Object value = options.auth();
      auth = value == null ? null : Arguments.toNode(mapper, value);
    } catch (RuntimeException e) {
      emitConnectError(new ConnectError("auth supplier failed: " + e.getMessage(), null, e));
      return;
    }
    if (pid != null) {
      ObjectNode withSession = mapper.createObjectNode();
      withSession.put("pid", pid);
      if (lastOffset != null) {
        withSession.put("offset", lastOffset);
      }
      if (auth instanceof ObjectNode object) {
        withSession.setAll(object);
      }
      auth = withSession;
    }
    packet(new SocketPacket(SocketPacketType.CONNECT, namespace, auth, SocketPacket.NO_ID));
  }

  /** V2: "/" is joined by the server (or again with a CONNECT once left); others with a query. */
  private void onOpenV2() {
    if (!"/".equals(namespace)) {
      packet(V2Protocol.connect(namespace, io.uriQuery(), options));
      return;
    }
    SocketPacket answer = io.v2Main().takeAnswer();
    if (answer != null) {
      onPacket(answer);
    } else if (io.v2Main().wasLeft()) {
      destroy();
      emitConnectError(new ConnectError(V2Protocol.MAIN_AGAIN, null, null));
    }
  }

  void onPacket(SocketPacket packet) {
    if (io.isV2()
        && (packet.type() == SocketPacketType.CONNECT
            || packet.type() == SocketPacketType.CONNECT_ERROR)) {
      onConnectAnswerV2(packet);
      return;
    }
    switch (packet.type()) {
      case CONNECT -> {
        JsonNode data = packet.data();
        if (data != null && data.hasNonNull("sid")) {
          onConnected(
              data.get("sid").asText(), data.hasNonNull("pid") ? data.get("pid").asText() : null);
        } else {
          emitConnectError(
              new ConnectError(
                  "It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client,"
                      + " but they are not compatible (more information here:"
                      + " https://socket.io/docs/v3/migrating-from-2-x-to-3-0/)",
                  null,
                  null));
        }
      }
      case EVENT, BINARY_EVENT -> {
        if (connected) {
          onEvent(packet);
        } else {
          receiveBuffer.add(packet);
        }
      }
      case ACK, BINARY_ACK -> out.onAck(packet.id(), elements(packet.data(), 0));
      case DISCONNECT -> {
        destroy();
        onClose("io server disconnect");
      }
      case CONNECT_ERROR -> {
        destroy();
        JsonNode data = packet.data();
        String message = data == null ? "" : data.path("message").asText("");
        JsonNode details = data == null ? null : data.get("data");
        emitConnectError(new ConnectError(message, details, null));
      }
      default -> {}
    }
  }

  private void onConnectAnswerV2(SocketPacket packet) {
    if (packet.type() == SocketPacketType.CONNECT) {
      if (!connected) {
        onConnected(V2Protocol.socketId(namespace, io.engineId()), null);
      }
    } else if (connected) {
      io.reportError(V2Protocol.error(packet.data())); // socket.error(…) of a 2.x server
    } else {
      destroy();
      emitConnectError(V2Protocol.error(packet.data()));
    }
  }

  private void onEvent(SocketPacket packet) {
    JsonNode data = packet.data();
    if (data == null || !data.isArray() || data.isEmpty()) {
      return;
    }
    String event = data.get(0).asText();
    List<JsonNode> args = elements(data, 1);
    Ack ack = packet.hasId() ? new OnceAck(packet.id()) : Ack.NONE;
    registry.dispatch(event, args, ack);
    if (pid != null
        && !packet.hasId()
        && !args.isEmpty()
        && args.get(args.size() - 1).isTextual()) {
      lastOffset = args.get(args.size() - 1).asText();
    }
  }

  private void onConnected(String sid, String newPid) {
    id = sid;
    recovered = newPid != null && newPid.equals(pid);
    pid = newPid;
    connected = true;
    List<SocketPacket> buffered = new ArrayList<>(receiveBuffer);
    receiveBuffer.clear();
    buffered.forEach(this::onEvent);
    out.onConnect();
    for (Runnable l : connectListeners) {
      EventRegistry.safely("connect", l);
    }
  }

  /** The manager failed while this socket was not connected. */
  void onManagerError(Exception error) {
    if (!connected) {
      emitConnectError(
          error instanceof ConnectError ce
              ? ce
              : new ConnectError(error.getMessage(), null, error));
    }
  }

  /** The connection closed (or this socket left): event {@code disconnect}. */
  void onClose(String reason) {
    connected = false;
    id = null;
    for (Consumer<String> l : disconnectListeners) {
      EventRegistry.safely("disconnect", () -> l.accept(reason));
    }
    out.onDisconnect();
  }

  private void destroy() {
    active = false;
    io.destroy(this);
  }

  private void emitConnectError(ConnectError error) {
    for (Consumer<ConnectError> l : connectErrorListeners) {
      EventRegistry.safely("connect_error", () -> l.accept(error));
    }
  }

  boolean isActive() {
    return active;
  }

  private <T> T bind(List<JsonNode> args, Class<T> type) {
    return Arguments.bind(mapper, Arguments.first(args), type);
  }

  ObjectMapper mapper() {
    return mapper;
  }

  private static List<JsonNode> elements(JsonNode array, int from) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<JsonNode> list = new ArrayList<>(Math.max(0, array.size() - from));
    for (int i = from; i < array.size(); i++) {
      list.add(array.get(i));
    }
    return List.copyOf(list);
  }

  /** Answers one event; the first call wins. */
  private final class OnceAck implements Ack {
    private final long ackId;
    private volatile boolean sent; // any thread

    OnceAck(long ackId) {
      this.ackId = ackId;
    }

    @Override
    public void send(Object... args) {
      if (sent) {
        return;
      }
      sent = true;
      ArrayNode data = Arguments.array(mapper, args);
      io.run(() -> packet(new SocketPacket(SocketPacketType.ACK, namespace, data, ackId)));
    }
  }
}
