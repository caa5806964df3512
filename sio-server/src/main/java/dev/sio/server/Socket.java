package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.engine.EngineBroadcast;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineSocket;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import dev.sio.server.internal.Args;
import dev.sio.server.internal.Base64Id;
import dev.sio.server.internal.ObservedDataMap;
import dev.sio.server.internal.SocketData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client in one namespace (Node's server-side {@code Socket}).
 *
 * <p><b>Threads.</b> Every handler of a socket (events, acknowledgements, middlewares, {@code
 * onDisconnect}) runs on the event loop of its Engine.IO session, one at a time and in the order
 * the packets arrived. Handlers must not block: hand blocking work to your own executor and answer
 * from there ({@link #emit}, {@link Ack#send}, {@link #join} and the rest may be called from any
 * thread).
 */
public final class Socket extends SocketEvents implements RemoteSocket {
  private static final Logger LOG = LoggerFactory.getLogger(Socket.class);

  /** {@link #data} before it was first read: Node's {@code {}}, made on first use. */
  private static final Object NO_DATA = new Object();

  private static final java.util.concurrent.atomic.AtomicReferenceFieldUpdater<Socket, Object>
      DATA =
          java.util.concurrent.atomic.AtomicReferenceFieldUpdater.newUpdater(
              Socket.class, Object.class, "data");

  @SuppressWarnings("rawtypes")
  private static final java.util.concurrent.atomic.AtomicReferenceFieldUpdater<Socket, Map> ACKS =
      java.util.concurrent.atomic.AtomicReferenceFieldUpdater.newUpdater(
          Socket.class, Map.class, "acks");

  /** Node's disconnect reasons after which a session is kept for recovery. */
  private static final Set<String> RECOVERABLE =
      Set.of(
          "transport error",
          "transport close",
          "forced close",
          "ping timeout",
          "server shutting down",
          "forced server close");

  private final Namespace nsp;
  private final Connection connection;
  private final Adapter adapter;
  private final ObjectMapper mapper;
  private final String id;
  private final String pid; // null unless recovery is on
  private final String startOffset; // the adapter's offset when the session began, or null
  // Any thread: Node's socket.handshake, made from the Engine.IO handshake and the CONNECT payload
  // when first asked for (a race makes equal copies); most sockets are never asked.
  private volatile Handshake handshake;
  private final JsonNode auth; // the CONNECT payload, for the handshake
  private final boolean recovered;
  // Any thread: the user's data (Node's socket.data, any value; {} at first); kept across a
  // recovery. NO_DATA until first read: the {} map is made then (CAS).
  private volatile Object data;
  // Any thread: acknowledgements awaited from the client, by packet id; made by the first emit
  // with an acknowledgement (CAS), null before: write through acks().
  private volatile Map<Long, AckCallback> acks;
  // Event loop only: the events missed while disconnected, sent after CONNECT then dropped.
  private List<JsonNode> missedPackets;
  // Any thread reads; the event loop writes: true between CONNECT and disconnection.
  private volatile boolean connected;
  // Any thread reads; the event loop writes: true once the socket left its namespace.
  private volatile boolean cleanedUp;

  Socket(Namespace nsp, Connection connection, JsonNode auth, Session previous) {
    this.nsp = nsp;
    this.connection = connection;
    this.adapter = nsp.adapter();
    this.mapper = nsp.server().options().objectMapper();
    boolean recovery = nsp.server().options().connectionStateRecovery() != null;
    if (previous != null) {
      this.id = previous.sid();
      this.pid = previous.pid();
      this.startOffset = previous.startOffset();
      Object restored = SocketData.restore(previous.data());
      this.data =
          restored instanceof Map<?, ?> map
              ? new ObservedDataMap(map, this::dataChanged)
              : restored;
      this.missedPackets = previous.missedPackets();
      this.recovered = true;
      adapter.addAll(id, new HashSet<>(previous.rooms()));
    } else {
      this.id =
          connection.isV2()
              ? SocketIoV4.socketId(nsp.name(), connection.engineSocket().id())
              : Base64Id.generate();
      this.pid = recovery ? Base64Id.generate() : null;
      this.startOffset = recovery ? adapter.currentOffset() : null;
      this.data = NO_DATA;
      this.missedPackets = List.of();
      this.recovered = false;
    }
    this.auth = auth;
  }

  // ---- identity and state ------------------------------------------------------------------

  /** The socket id: 20 characters, distinct from the Engine.IO session id. */
  @Override
  public String id() {
    return id;
  }

  /** {@return the namespace this socket belongs to} */
  public Namespace namespace() {
    return nsp;
  }

  @Override
  public Handshake handshake() {
    Handshake h = handshake;
    if (h == null) {
      h = Handshakes.of(connection.engineSocket().handshake(), auth);
      handshake = h;
    }
    return h;
  }

  /**
   * Your data about this client as an object (Node's default {@code socket.data = {}}): a mutable
   * map for any thread (no null values); kept across a recovery. Its writes are reported to
   * observers ({@link Instrumentation#socketDataChanged}); those into a map given to {@link
   * #setData} are not.
   *
   * @throws IllegalStateException when {@link #setData} gave it a value that is not a map
   */
  @Override
  public Map<String, Object> data() {
    return SocketData.asMap(dataValue());
  }

  /**
   * Your data about this client as it is: the map of {@link #data()} unless {@link #setData} gave
   * another value. Like Node's {@code socket.data}, any value Jackson can write (string, number,
   * list, record ...); it travels unchanged through recovery and {@code fetchSockets()}.
   */
  @Override
  public Object dataValue() {
    Object d = data;
    if (d == NO_DATA) {
      ObservedDataMap fresh = new ObservedDataMap(this::dataChanged);
      d = DATA.compareAndSet(this, NO_DATA, fresh) ? fresh : data;
    }
    return d;
  }

  /**
   * Replaces this socket's data, as Node's {@code socket.data = value}: any value Jackson can
   * write, or {@code null}. A {@code Map} is used as it is (not copied). Reported to observers
   * ({@link Instrumentation#socketDataChanged}).
   *
   * @param value the new data: any value Jackson can write, or {@code null}
   */
  public void setData(Object value) {
    this.data = value;
    dataChanged();
  }

  private void dataChanged() {
    Instrumentation observer = nsp.server().instrumentation();
    if (observer != null) {
      observer.socketDataChanged(this);
    }
  }

  @Override
  public Set<String> rooms() {
    Set<String> rooms = adapter.socketRooms(id);
    return rooms == null ? Set.of() : rooms;
  }

  /** {@return true between the connection and the disconnection} */
  public boolean connected() {
    return connected;
  }

  /** {@return true when this socket got its state back from a previous connection} */
  public boolean recovered() {
    return recovered;
  }

  /**
   * {@return the HTTP request that brought this connection's latest data (Node's {@code
   * socket.request} and {@code socket.conn.transport.dataReq}): inside an event handler over
   * polling, the POST that carried the event, with its cookies; over WebSocket, the upgrade
   * request; else the handshake}
   */
  public dev.sio.engine.HttpRequestInfo request() {
    return conn().request();
  }

  /** {@return the underlying Engine.IO session} */
  public EngineSocket conn() {
    return connection.engineSocket();
  }

  // ---- emitting ------------------------------------------------------------------------------

  /**
   * Emits {@code event} to the client. Arguments are any Jackson-serialisable values; {@code
   * byte[]} and {@code ByteBuffer} values, at any depth, travel as binary attachments.
   *
   * @throws IllegalArgumentException for a reserved event name ({@code "connect"}, {@code
   *     "disconnect"}, …), with Node's message
   */
  @Override
  public void emit(String event, Object... args) {
    emit(BroadcastFlags.NONE, event, args, null);
  }

  /**
   * Emits the event {@code "message"} (Node's {@code send}).
   *
   * @param args the arguments
   */
  public void send(Object... args) {
    emit("message", args);
  }

  /**
   * Emits and completes with the arguments the client acknowledges with (no timeout).
   *
   * @param event the event name
   * @param args the arguments
   * @return a future that completes with the arguments the client acknowledges with (no timeout)
   */
  public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
    return new SocketEmitter(this, BroadcastFlags.NONE).emitWithAck(event, args);
  }

  /**
   * Emits and calls {@code callback} with the client's acknowledgement arguments (no timeout; use
   * {@link #timeout} for one), or with the error (see {@link AckHandler}).
   *
   * @param event the event name
   * @param callback the callback
   * @param args the arguments
   */
  public void emitWithAck(String event, AckHandler<List<JsonNode>> callback, Object... args) {
    new SocketEmitter(this, BroadcastFlags.NONE).emitWithAck(event, callback, args);
  }

  /**
   * Emits and completes with the client's first acknowledgement argument bound to {@code type}.
   *
   * @param <T> the bound type
   * @param event the event name
   * @param type the class to bind to (with Jackson)
   * @param args the arguments
   * @return a future that completes with the client's first acknowledgement argument bound to
   *     {@code type}
   */
  public <T> CompletableFuture<T> emitWithAck(String event, Class<T> type, Object... args) {
    return new SocketEmitter(this, BroadcastFlags.NONE).emitWithAck(event, type, args);
  }

  /**
   * {@return an emitter whose acknowledgements time out after {@code timeout}}
   *
   * @param timeout how long to wait for the acknowledgement
   */
  public SocketEmitter timeout(Duration timeout) {
    return new SocketEmitter(this, BroadcastFlags.NONE.withTimeout(timeout));
  }

  /**
   * {@return an emitter whose packets may be dropped when the client is not ready (Node's {@code
   * volatile})}
   */
  public SocketEmitter asVolatile() {
    return new SocketEmitter(this, BroadcastFlags.NONE.withVolatile());
  }

  /**
   * {@return an emitter with the compress flag set}
   *
   * @param compress whether to compress
   */
  public SocketEmitter compress(boolean compress) {
    return new SocketEmitter(this, BroadcastFlags.NONE.withCompress(compress));
  }

  void emit(BroadcastFlags flags, String event, Object[] args, AckCallback ack) {
    ReservedEvents.check(event);
    ArrayNode payload = Args.toArray(mapper, event, args);
    long packetId = SocketPacket.NO_ID;
    if (ack != null) {
      packetId = nsp.nextAckId();
      registerAck(packetId, ack, flags.timeout());
    }
    SocketPacket packet = new SocketPacket(SocketPacketType.EVENT, nsp.name(), payload, packetId);
    if (nsp.server().options().connectionStateRecovery() != null) {
      // As Node: through the adapter, so that the packet is stored and gets an offset.
      adapter.broadcast(packet, new BroadcastOptions(Set.of(id), Set.of(), flags));
    } else {
      notifyOutgoing(payload);
      if (flags.isVolatile() && !connection.engineSocket().writable()) {
        return; // as Node's Client#writeToEngine: the transport is busy or closed
      }
      sendPacket(packet);
    }
  }

  // ---- rooms -----------------------------------------------------------------------------------

  /** Joins {@code rooms}. */
  @Override
  public void join(String... rooms) {
    join(Arrays.asList(rooms));
  }

  /**
   * Joins {@code rooms}.
   *
   * @param rooms the rooms
   */
  public void join(Collection<String> rooms) {
    if (!cleanedUp) {
      adapter.addAll(id, new HashSet<>(rooms));
      if (cleanedUp) {
        adapter.delAll(id); // the socket left meanwhile (a join from another thread)
      }
    }
  }

  /** Leaves {@code room}. */
  @Override
  public void leave(String room) {
    adapter.del(id, room);
  }

  /**
   * {@return a broadcast to {@code rooms}, without this socket}
   *
   * @param rooms the rooms
   */
  public BroadcastOperator to(Collection<String> rooms) {
    return broadcast().to(rooms);
  }

  /**
   * {@return a broadcast to {@code rooms}, this socket left out}
   *
   * @param rooms the rooms
   */
  public BroadcastOperator to(String... rooms) {
    return broadcast().to(rooms);
  }

  /**
   * Same as {@link #to}.
   *
   * @param rooms the rooms
   * @return the broadcast operator
   */
  public BroadcastOperator in(String... rooms) {
    return to(rooms);
  }

  /**
   * {@return a broadcast to every socket but this one and those in {@code rooms}}
   *
   * @param rooms the rooms
   */
  public BroadcastOperator except(String... rooms) {
    return broadcast().except(rooms);
  }

  /**
   * Same as {@link #to(Collection)}.
   *
   * @param rooms the rooms
   * @return the broadcast operator
   */
  public BroadcastOperator in(Collection<String> rooms) {
    return to(rooms);
  }

  /**
   * {@return a broadcast to every socket but this one and those in {@code rooms}}
   *
   * @param rooms the rooms
   */
  public BroadcastOperator except(Collection<String> rooms) {
    return broadcast().except(rooms);
  }

  /**
   * {@return a broadcast to every other socket of the namespace (Node's {@code socket.broadcast})}
   */
  public BroadcastOperator broadcast() {
    return new BroadcastOperator(nsp, Set.of(), Set.of(id), BroadcastFlags.NONE);
  }

  /** {@return a broadcast to every other socket of this server only} */
  public BroadcastOperator local() {
    return broadcast().local();
  }

  // ---- disconnection ---------------------------------------------------------------------------

  /** Disconnects from the namespace and keeps the connection (Node's {@code disconnect()}). */
  public void disconnect() {
    disconnect(false);
  }

  /**
   * Disconnects from the namespace (reason {@code "server namespace disconnect"}). On the socket's
   * event loop (in a handler) it happens at once; from another thread it is queued there.
   *
   * @param close also close the Engine.IO connection (and so every namespace of this client)
   */
  @Override
  public void disconnect(boolean close) {
    connection.run(() -> disconnectNow(close));
  }

  void disconnectNow(boolean close) {
    if (!connected) {
      return;
    }
    if (close) {
      connection.disconnectAll();
    } else {
      sendPacket(new SocketPacket(SocketPacketType.DISCONNECT, nsp.name(), null, -1));
      onClose("server namespace disconnect");
    }
  }

  // ---- package-private: the connection's side -------------------------------------------------

  void onConnect() {
    connected = true;
    join(id);
    ObjectNode answer = null; // Socket.IO v4 protocol (a v2 client): "40" without payload
    if (!connection.isV2()) {
      answer = JsonNodeFactory.instance.objectNode();
      answer.put("sid", id);
      if (pid != null) {
        answer.put("pid", pid);
      }
    }
    sendPacket(new SocketPacket(SocketPacketType.CONNECT, nsp.name(), answer, -1));
    for (JsonNode packet : missedPackets) {
      sendPacket(new SocketPacket(SocketPacketType.EVENT, nsp.name(), packet, -1));
    }
    missedPackets = List.of();
  }

  void onPacket(SocketPacket packet) {
    switch (packet.type()) {
      case EVENT, BINARY_EVENT -> onEvent(packet);
      case ACK, BINARY_ACK -> onAck(packet);
      case DISCONNECT -> onClose("client namespace disconnect");
      default -> {}
    }
  }

  private void onEvent(SocketPacket packet) {
    JsonNode payload = packet.data();
    String event = payload.get(0).asText();
    List<JsonNode> args = Args.tail(payload, 1);
    Ack ack = packet.hasId() ? new ClientAck(packet.id()) : Ack.NONE;
    notifyIncoming(event, args);
    Instrumentation observer = nsp.server().instrumentation();
    if (observer != null) {
      observer.eventReceived(this, event, args);
    }
    dispatch(new IncomingEvent(event, args, ack));
  }

  private void onAck(SocketPacket packet) {
    Map<Long, AckCallback> awaited = acks;
    AckCallback callback = awaited == null ? null : awaited.remove(packet.id());
    if (callback == null) {
      return; // unknown or timed out: ignored, as Node
    }
    JsonNode args = packet.data() != null ? packet.data() : JsonNodeFactory.instance.arrayNode();
    try {
      callback.onAck(args);
    } catch (RuntimeException e) {
      LOG.warn("acknowledgement callback of socket {} failed", id, e);
    }
  }

  @Override
  boolean isConnected() {
    return connected;
  }

  @Override
  void hop(Runnable task) {
    connection.run(task);
  }

  @Override
  ObjectMapper mapper() {
    return mapper;
  }

  void onClose(String reason) {
    if (!connected) {
      return;
    }
    fireDisconnecting(reason);
    if (pid != null && RECOVERABLE.contains(reason)) {
      adapter.persistSession(
          new Session(id, pid, new ArrayList<>(rooms()), dataValue(), startOffset, List.of()));
    }
    cleanup();
    connection.remove(this);
    connected = false;
    Map<Long, AckCallback> awaited = acks;
    if (awaited != null) {
      for (Long ackId : List.copyOf(awaited.keySet())) {
        AckCallback callback = awaited.remove(ackId);
        if (callback != null) {
          callback.onDisconnect();
        }
      }
    }
    Instrumentation observer = nsp.server().instrumentation();
    if (observer != null) {
      observer.socketDisconnected(this, reason);
    }
    fireDisconnect(reason);
  }

  void cleanup() {
    cleanedUp = true;
    adapter.delAll(id);
    nsp.remove(this);
  }

  void sendConnectError(Exception error) {
    if (connection.isV2()) {
      sendPacket(
          new SocketPacket(
              SocketPacketType.CONNECT_ERROR,
              nsp.name(),
              SocketIoV4.connectError(mapper, error),
              -1));
      return;
    }
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("message", error.getMessage());
    if (error instanceof ConnectError connectError && connectError.data() != null) {
      payload.set("data", Args.toNode(mapper, connectError.data()));
    }
    sendPacket(new SocketPacket(SocketPacketType.CONNECT_ERROR, nsp.name(), payload, -1));
  }

  Connection connection() {
    return connection;
  }

  void sendPacket(SocketPacket packet) {
    connection.sendPacket(packet);
  }

  @Override
  void instrumentOutgoing(JsonNode data) {
    Instrumentation observer = nsp.server().instrumentation();
    if (observer != null) {
      observer.eventSent(this, data);
    }
  }

  /**
   * Adds this socket's connection to {@code broadcast}, which carries the encoded parts of one
   * packet. A volatile packet is dropped when the transport is busy or closed (Node's {@code
   * Client#writeToEngine}: {@code !this.conn.transport.writable}).
   */
  void addTo(EngineBroadcast broadcast, List<EngineMessage> messages, BroadcastFlags flags) {
    EngineSocket conn = connection.engineSocket();
    if (flags.isVolatile() && !conn.writable()) {
      return;
    }
    broadcast.add(conn);
    Instrumentation observer = nsp.server().instrumentation();
    if (observer != null) {
      for (int i = 0, n = messages.size(); i < n; i++) {
        observer.bytesSent(conn, Connection.byteLength(messages.get(i)));
      }
    }
  }

  /** The awaited acknowledgements, made on first use. */
  @SuppressWarnings("unchecked")
  private Map<Long, AckCallback> acks() {
    Map<Long, AckCallback> m = acks;
    if (m == null) {
      m = new ConcurrentHashMap<>();
      if (!ACKS.compareAndSet(this, null, m)) {
        m = acks;
      }
    }
    return m;
  }

  void registerAck(long packetId, AckCallback callback) {
    acks().put(packetId, timed(callback));
  }

  /** {@code callback}, timed for the observers when there are any. */
  private AckCallback timed(AckCallback callback) {
    Instrumentation observer = nsp.server().instrumentation();
    if (observer == null) {
      return callback;
    }
    long sent = System.nanoTime();
    return new AckCallback() {
      @Override
      public void onAck(JsonNode args) {
        observer.ackReceived(Socket.this, System.nanoTime() - sent);
        callback.onAck(args);
      }

      @Override
      public void onTimeout() {
        observer.ackTimedOut(Socket.this);
        callback.onTimeout();
      }

      @Override
      public void onDisconnect() {
        callback.onDisconnect();
      }
    };
  }

  void registerAck(long packetId, AckCallback untimed, Duration timeout) {
    AckCallback callback = timed(untimed);
    if (timeout == null) {
      acks().put(packetId, callback);
      return;
    }
    java.util.concurrent.atomic.AtomicReference<java.util.concurrent.Future<?>> timer =
        new java.util.concurrent.atomic.AtomicReference<>();
    AckCallback timed =
        new AckCallback() {
          @Override
          public void onAck(JsonNode args) {
            cancel();
            callback.onAck(args);
          }

          @Override
          public void onTimeout() {
            callback.onTimeout();
          }

          @Override
          public void onDisconnect() {
            cancel();
            callback.onDisconnect();
          }

          private void cancel() {
            java.util.concurrent.Future<?> t = timer.get();
            if (t != null) {
              t.cancel(false);
            }
          }
        };
    Map<Long, AckCallback> awaited = acks();
    awaited.put(packetId, timed);
    timer.set(
        dev.sio.server.internal.Timers.schedule(
            connection.engineSocket().executor(),
            timeout.toMillis(),
            () -> {
              if (awaited.remove(packetId, timed)) {
                timed.onTimeout();
              }
            }));
  }

  void removeAck(long packetId) {
    Map<Long, AckCallback> awaited = acks;
    if (awaited != null && awaited.remove(packetId) != null) {
      Instrumentation observer = nsp.server().instrumentation();
      if (observer != null) {
        observer.ackTimedOut(this); // a broadcast's timeout: this client did not answer
      }
    }
  }

  /** What waits for an acknowledgement from the client. */
  @FunctionalInterface
  interface AckCallback {
    /** The client answered with {@code args} (an array). */
    void onAck(JsonNode args);

    /** No answer in time. */
    default void onTimeout() {}

    /** The socket disconnected first. */
    default void onDisconnect() {}
  }

  /** The answer to one client event. */
  private final class ClientAck implements Ack {
    private static final AtomicIntegerFieldUpdater<ClientAck> SENT =
        AtomicIntegerFieldUpdater.newUpdater(ClientAck.class, "sent");

    private final long packetId;
    private volatile int sent; // any thread: 1 once answered (CAS)

    ClientAck(long packetId) {
      this.packetId = packetId;
    }

    @Override
    public void send(Object... args) {
      if (SENT.compareAndSet(this, 0, 1)) {
        sendPacket(
            new SocketPacket(
                SocketPacketType.ACK, nsp.name(), Args.toArray(mapper, null, args), packetId));
      }
    }

    @Override
    public boolean requested() {
      return true;
    }
  }

  @Override
  public String toString() {
    return "Socket[" + id + " " + nsp.name() + "]";
  }
}
