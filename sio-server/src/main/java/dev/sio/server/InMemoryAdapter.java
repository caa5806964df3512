package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio.engine.EngineBroadcast;
import dev.sio.engine.EngineMessage;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import dev.sio.server.internal.MemberSets;
import dev.sio.server.internal.SessionStore;
import dev.sio.server.internal.Timers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The adapter of a single server (socket.io-adapter's {@code Adapter}, and its {@code
 * SessionAwareAdapter} when connection state recovery is on): rooms in memory, broadcasts to the
 * local sockets.
 *
 * <p>Cluster adapters extend this class: they call the {@code super} methods for the local part and
 * forward the operation to the other servers. Room changes are reported to the protected {@code
 * on…Room} hooks (socket.io-adapter's {@code create-room}, {@code delete-room}, {@code join-room},
 * {@code leave-room} events), for example to subscribe to a room's channel.
 *
 * <p>Thread-safe: the index is made of concurrent maps; each room's membership changes atomically.
 */
public class InMemoryAdapter implements Adapter {
  /** The namespace this adapter serves. */
  protected final Namespace nsp;

  // Any thread: room -> ids of its local sockets.
  private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();
  // Any thread: local socket id -> its rooms.
  private final Map<String, Set<String>> sids = new ConcurrentHashMap<>();
  // A socket's rooms stay an immutable set up to this many (its own room and a few others).
  private static final int SOCKET_ROOMS_SMALL = 8;
  // Null unless connection state recovery is on.
  private final SessionStore sessions;
  // Set once by init(), cleared by close(): the sweep of expired sessions.
  private volatile Future<?> sweeper;

  /**
   * An adapter for {@code nsp} (use as {@code InMemoryAdapter::new} for the factory); it keeps
   * sessions and packets in memory when connection state recovery is on.
   *
   * @param nsp the namespace
   */
  public InMemoryAdapter(Namespace nsp) {
    this(nsp, true);
  }

  /**
   * For subclasses that keep sessions and packets elsewhere (a Redis stream): with {@code
   * storeSessions} false, {@link #broadcast} adds no offset and stores nothing, and {@link
   * #persistSession}/{@link #restoreSession} do nothing; override them.
   *
   * @param nsp the namespace
   * @param storeSessions whether this adapter keeps the sessions and packets itself
   */
  protected InMemoryAdapter(Namespace nsp, boolean storeSessions) {
    this.nsp = nsp;
    RecoveryOptions recovery = nsp.server().options().connectionStateRecovery();
    this.sessions =
        recovery == null || !storeSessions
            ? null
            : new SessionStore(recovery.maxDisconnectionDuration().toMillis());
  }

  /** {@return the namespace this adapter serves} */
  public Namespace namespace() {
    return nsp;
  }

  @Override
  public CompletableFuture<Void> init() {
    if (sessions != null) {
      sweeper = Timers.every(60_000, sessions::sweep);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> close() {
    Future<?> s = sweeper;
    if (s != null) {
      s.cancel(false);
    }
    return CompletableFuture.completedFuture(null);
  }

  // ---- rooms index --------------------------------------------------------------------------

  @Override
  public void addAll(String id, Set<String> roomsToJoin) {
    for (String room : roomsToJoin) {
      // a socket's first room is its own (Socket.IO joins it first): then its room list and the
      // room's members are both Set.of(id), one immutable set for the two entries
      Object[] first = new Object[1];
      sids.compute(
          id,
          (k, mine) -> {
            Set<String> now = MemberSets.plus(mine, room, SOCKET_ROOMS_SMALL, new boolean[1]);
            first[0] = mine == null && room.equals(id) ? now : null;
            return now;
          });
      boolean[] created = new boolean[1];
      boolean[] joined = new boolean[1];
      rooms.compute(
          room,
          (k, members) -> {
            created[0] = members == null;
            if (members == null && first[0] != null) {
              joined[0] = true;
              @SuppressWarnings("unchecked")
              Set<String> own = (Set<String>) first[0];
              return own;
            }
            // one member (a socket's own room) stays a Set.of; a second makes it a concurrent set
            return MemberSets.plus(members, id, 1, joined);
          });
      if (created[0]) {
        onCreateRoom(room);
      }
      if (joined[0]) {
        onJoinRoom(room, id);
        Instrumentation observer = nsp.server().instrumentation();
        if (observer != null) {
          observer.roomJoined(nsp, room, id);
        }
      }
    }
  }

  @Override
  public void del(String id, String room) {
    // a socket in no room stays in the index (an empty set), as in Node: broadcasts to all reach it
    sids.computeIfPresent(
        id,
        (k, mine) -> {
          Set<String> rest = MemberSets.minus(mine, room, new boolean[1]);
          return rest == null ? Set.of() : rest;
        });
    removeFromRoom(room, id);
  }

  private void removeFromRoom(String room, String id) {
    boolean[] left = new boolean[1];
    boolean[] deleted = new boolean[1];
    rooms.computeIfPresent(
        room,
        (k, members) -> {
          Set<String> rest = MemberSets.minus(members, id, left);
          deleted[0] = rest == null;
          return rest;
        });
    if (left[0]) {
      onLeaveRoom(room, id);
      Instrumentation observer = nsp.server().instrumentation();
      if (observer != null) {
        observer.roomLeft(nsp, room, id);
      }
    }
    if (deleted[0]) {
      onDeleteRoom(room);
    }
  }

  @Override
  public void delAll(String id) {
    Set<String> mine = sids.remove(id);
    if (mine == null) {
      return;
    }
    for (String room : mine) {
      removeFromRoom(room, id);
    }
  }

  @Override
  public Set<String> socketRooms(String id) {
    Set<String> mine = sids.get(id);
    return mine == null ? null : Set.copyOf(mine);
  }

  @Override
  public Set<String> rooms() {
    return Set.copyOf(rooms.keySet());
  }

  @Override
  public Set<String> roomMembers(String room) {
    Set<String> members = rooms.get(room);
    return members == null ? Set.of() : Set.copyOf(members);
  }

  @Override
  public CompletableFuture<Set<String>> sockets(Set<String> targetRooms) {
    Set<String> ids = new HashSet<>();
    apply(new BroadcastOptions(targetRooms, Set.of(), BroadcastFlags.NONE), s -> ids.add(s.id()));
    return CompletableFuture.completedFuture(ids);
  }

  /**
   * A room was created (its first local socket joined).
   *
   * @param room the room
   */
  protected void onCreateRoom(String room) {}

  /**
   * A room was deleted (its last local socket left).
   *
   * @param room the room
   */
  protected void onDeleteRoom(String room) {}

  /**
   * Local socket {@code id} joined {@code room}.
   *
   * @param room the room
   * @param id the id
   */
  protected void onJoinRoom(String room, String id) {}

  /**
   * Local socket {@code id} left {@code room}.
   *
   * @param room the room
   * @param id the id
   */
  protected void onLeaveRoom(String room, String id) {}

  // ---- broadcasting -------------------------------------------------------------------------

  @Override
  public void broadcast(SocketPacket packet, BroadcastOptions opts) {
    SocketPacket toSend = withNamespace(packet);
    if (sessions != null
        && toSend.type() == SocketPacketType.EVENT
        && !toSend.hasId()
        && !opts.flags().isVolatile()) {
      // As Node: the offset is the last element of the data array, and the packet is stored.
      long seq = sessions.nextSequence();
      ArrayNode data = ((ArrayNode) toSend.data()).deepCopy();
      data.add(Long.toString(seq));
      toSend = new SocketPacket(toSend.type(), toSend.namespace(), data, toSend.id());
      sessions.store(seq, data, opts);
    }
    deliver(toSend, opts);
  }

  /**
   * Sends {@code packet} as it is to the local sockets targeted by {@code opts}: no offset added,
   * nothing stored for recovery. For cluster adapters that keep their own offsets (the Redis
   * streams adapter appends the stream entry id).
   *
   * @param packet the packet
   * @param opts the options
   */
  protected final void deliver(SocketPacket packet, BroadcastOptions opts) {
    SocketPacket toSend = withNamespace(packet);
    List<EngineMessage> messages = encode(toSend);
    JsonNode data = toSend.data();
    Instrumentation observer = nsp.server().instrumentation();
    int[] recipients = new int[1];
    EngineBroadcast fanOut = new EngineBroadcast(messages);
    BroadcastFlags flags = opts.flags();
    apply(
        opts,
        socket -> {
          recipients[0]++;
          socket.notifyOutgoing(data);
          socket.addTo(fanOut, messages, flags);
        });
    fanOut.send(); // one task per event loop; the calling loop's recipients written at once
    if (observer != null) {
      observer.broadcastSent(nsp, recipients[0]);
    }
  }

  /**
   * {@return true when at least one local socket is in {@code room} (no copy made)}
   *
   * @param room the room
   */
  protected final boolean hasRoom(String room) {
    return rooms.containsKey(room);
  }

  @Override
  public void broadcastWithAck(
      SocketPacket packet, BroadcastOptions opts, IntConsumer clientCount, Consumer<JsonNode> ack) {
    // One id for every recipient: the namespace's counter is shared, so it is unique per socket.
    long id = nsp.nextAckId();
    SocketPacket toSend = new SocketPacket(packet.type(), nsp.name(), packet.data(), id);
    List<EngineMessage> messages = encode(toSend);
    List<Socket> reached = new ArrayList<>();
    EngineBroadcast fanOut = new EngineBroadcast(messages);
    apply(
        opts,
        socket -> {
          reached.add(socket);
          socket.registerAck(id, args -> ack.accept(dev.sio.server.internal.Args.first(args)));
          socket.notifyOutgoing(toSend.data());
          socket.addTo(fanOut, messages, opts.flags());
        });
    fanOut.send();
    if (opts.flags().timeout() != null && !reached.isEmpty()) {
      // As Node: late answers are forgotten once the broadcast timed out.
      Timers.schedule(
          opts.flags().timeout().toMillis(), () -> reached.forEach(s -> s.removeAck(id)));
    }
    Instrumentation observer = nsp.server().instrumentation();
    if (observer != null) {
      observer.broadcastSent(nsp, reached.size());
    }
    clientCount.accept(reached.size());
  }

  @Override
  public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions opts) {
    List<RemoteSocket> found = new ArrayList<>();
    apply(opts, found::add);
    return CompletableFuture.completedFuture(found);
  }

  @Override
  public void addSockets(BroadcastOptions opts, Collection<String> roomsToJoin) {
    String[] array = roomsToJoin.toArray(new String[0]);
    apply(opts, socket -> socket.join(array));
  }

  @Override
  public void delSockets(BroadcastOptions opts, Collection<String> roomsToLeave) {
    apply(opts, socket -> roomsToLeave.forEach(socket::leave));
  }

  @Override
  public void disconnectSockets(BroadcastOptions opts, boolean close) {
    apply(opts, socket -> socket.disconnect(close));
  }

  @Override
  public void serverSideEmit(List<JsonNode> packet) {
    // A single server has no other server to tell (Node's in-memory adapter only warns).
  }

  @Override
  public CompletableFuture<List<JsonNode>> serverSideEmitWithAck(List<JsonNode> packet) {
    return CompletableFuture.completedFuture(List.of());
  }

  // ---- recovery -----------------------------------------------------------------------------

  @Override
  public String currentOffset() {
    return sessions == null ? null : sessions.currentOffset();
  }

  @Override
  public void persistSession(Session session) {
    if (sessions != null) {
      sessions.persist(session);
    }
  }

  @Override
  public CompletableFuture<Session> restoreSession(String pid, String offset) {
    return CompletableFuture.completedFuture(
        sessions == null ? null : sessions.restore(pid, offset));
  }

  // ---- helpers for subclasses -----------------------------------------------------------------

  /**
   * Encodes {@code packet} once into the messages every recipient gets (the parser's text and
   * binary parts, each wrapped once as an {@link EngineMessage}).
   *
   * @param packet the packet
   * @return the engine messages
   */
  protected final List<EngineMessage> encode(SocketPacket packet) {
    List<Object> parts = nsp.server().options().parser().encode(packet);
    List<EngineMessage> messages = new ArrayList<>(parts.size());
    for (Object part : parts) {
      messages.add(
          part instanceof byte[] bytes
              ? EngineMessage.binary(bytes)
              : EngineMessage.text((String) part));
    }
    return messages;
  }

  private SocketPacket withNamespace(SocketPacket packet) {
    return packet.namespace().equals(nsp.name())
        ? packet
        : new SocketPacket(packet.type(), nsp.name(), packet.data(), packet.id());
  }

  /**
   * Calls {@code action} for each connected local socket targeted by {@code opts}, once each.
   *
   * @param opts the options
   * @param action what to do with each socket
   */
  protected final void apply(BroadcastOptions opts, Consumer<Socket> action) {
    Set<String> except = new HashSet<>();
    for (String room : opts.except()) {
      Set<String> members = rooms.get(room);
      if (members != null) {
        except.addAll(members);
      }
    }
    if (opts.rooms().isEmpty()) {
      for (String id : sids.keySet()) {
        if (!except.contains(id)) {
          Socket socket = nsp.localSocket(id);
          if (socket != null) {
            action.accept(socket);
          }
        }
      }
      return;
    }
    Set<String> done = opts.rooms().size() > 1 ? new HashSet<>() : null;
    for (String room : opts.rooms()) {
      Set<String> members = rooms.get(room);
      if (members == null) {
        continue;
      }
      for (String id : members) {
        if (except.contains(id) || (done != null && !done.add(id))) {
          continue;
        }
        Socket socket = nsp.localSocket(id);
        if (socket != null) {
          action.accept(socket);
        }
      }
    }
  }
}
