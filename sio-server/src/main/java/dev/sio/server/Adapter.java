package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.protocol.socketio.SocketPacket;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Keeps the rooms of one namespace and delivers broadcasts, as socket.io-adapter's {@code Adapter}.
 * There is one adapter per {@link Namespace}, made by the {@link AdapterFactory} of {@link
 * ServerOptions}. {@link InMemoryAdapter} serves a single server; cluster adapters (Redis) extend
 * it and also forward each operation to the other servers unless {@link BroadcastFlags#local()} is
 * set.
 *
 * <p><b>Threads.</b> Every method may be called from any thread (each Engine.IO session runs on its
 * own event loop, and users call from anywhere) and must not block. Operations on the local rooms
 * index are atomic per room. Results that need the network come back as {@link CompletableFuture}s.
 *
 * <p><b>Packets.</b> A broadcast packet is an {@code EVENT} whose {@code data} is an array {@code
 * [eventName, ...args]}; binary values are {@code BinaryNode}s anywhere inside. Implementations
 * must not change the array they are given (copy it before appending an offset).
 */
public interface Adapter {

  /**
   * Starts the adapter (subscriptions, timers). Called once after construction.
   *
   * @return a future that completes when that is done
   */
  default CompletableFuture<Void> init() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Stops the adapter. Called once when the namespace or the server closes.
   *
   * @return a future that completes when that is done
   */
  default CompletableFuture<Void> close() {
    return CompletableFuture.completedFuture(null);
  }

  /** {@return the number of servers in the cluster, this one included (1 for a single server)} */
  default CompletableFuture<Integer> serverCount() {
    return CompletableFuture.completedFuture(1);
  }

  // ---- the local rooms index -------------------------------------------------------------

  /**
   * Adds local socket {@code id} to {@code rooms}.
   *
   * @param id the id
   * @param rooms the rooms
   */
  void addAll(String id, Set<String> rooms);

  /**
   * Removes local socket {@code id} from {@code room}.
   *
   * @param id the id
   * @param room the room
   */
  void del(String id, String room);

  /**
   * Removes local socket {@code id} from all its rooms (when it disconnects).
   *
   * @param id the id
   */
  void delAll(String id);

  /**
   * {@return the rooms of local socket {@code id} (a snapshot), or {@code null} when it is unknown}
   *
   * @param id the id
   */
  Set<String> socketRooms(String id);

  /** {@return the names of all rooms that hold at least one local socket (a snapshot)} */
  Set<String> rooms();

  /**
   * {@return the ids of the local sockets in {@code room} (a snapshot, empty when none)}
   *
   * @param room the room
   */
  Set<String> roomMembers(String room);

  /**
   * {@return the ids of the sockets in any of {@code rooms} (all sockets when empty), local only}
   *
   * @param rooms the rooms
   */
  CompletableFuture<Set<String>> sockets(Set<String> rooms);

  // ---- operations on the sockets chosen by BroadcastOptions -------------------------------

  /**
   * Sends {@code packet} to every targeted socket. The packet is encoded once and the same encoded
   * messages go to every local recipient.
   *
   * @param packet the packet
   * @param opts the options
   */
  void broadcast(SocketPacket packet, BroadcastOptions opts);

  /**
   * Sends {@code packet} to every targeted socket and asks each for an acknowledgement. The adapter
   * assigns the packet id. {@code clientCount} is called once per server with the number of sockets
   * it reached; {@code ack} is called with the first argument of each client's answer ({@code
   * NullNode} when the client answered nothing). The caller (the broadcast operator) knows the
   * broadcast is complete when it has one client count per server ({@link #serverCount()}) and as
   * many answers as the counts add up to.
   *
   * @param packet the packet
   * @param opts the options
   * @param clientCount the client count
   * @param ack the acknowledgement
   */
  void broadcastWithAck(
      SocketPacket packet, BroadcastOptions opts, IntConsumer clientCount, Consumer<JsonNode> ack);

  /**
   * {@return the targeted sockets: local {@link Socket}s and, for cluster adapters, remote views}
   *
   * @param opts the options
   */
  CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions opts);

  /**
   * Makes the targeted sockets join {@code rooms}.
   *
   * @param opts the options
   * @param rooms the rooms
   */
  void addSockets(BroadcastOptions opts, Collection<String> rooms);

  /**
   * Makes the targeted sockets leave {@code rooms}.
   *
   * @param opts the options
   * @param rooms the rooms
   */
  void delSockets(BroadcastOptions opts, Collection<String> rooms);

  /**
   * Disconnects the targeted sockets (and their connections when {@code close}).
   *
   * @param opts the options
   * @param close whether to close the underlying connection too
   */
  void disconnectSockets(BroadcastOptions opts, boolean close);

  // ---- between servers -------------------------------------------------------------------

  /**
   * Sends {@code packet} ({@code [eventName, ...args]}) to the other servers of the cluster, which
   * deliver it with {@link Namespace#deliverServerSideEmit}. A single server has nobody to tell:
   * the in-memory adapter does nothing.
   *
   * @param packet the packet
   */
  void serverSideEmit(List<JsonNode> packet);

  /**
   * As {@link #serverSideEmit} and collects the first acknowledgement argument of every other
   * server. Completes with an empty list on a single server; completes exceptionally with an {@link
   * AckTimeoutException} (holding the answers received so far) when some server does not answer in
   * time.
   *
   * @param packet the packet
   * @return a future of the answers
   */
  CompletableFuture<List<JsonNode>> serverSideEmitWithAck(List<JsonNode> packet);

  // ---- connection state recovery ---------------------------------------------------------

  /**
   * {@return the offset of the newest stored packet (what a client that received everything would
   * present), or {@code null} when this adapter does not store packets} Captured when a session
   * begins so that a client with a private session id but no offset can still recover.
   */
  default String currentOffset() {
    return null;
  }

  /**
   * Keeps a disconnected socket's session (rooms, data) for recovery.
   *
   * @param session the session
   */
  void persistSession(Session session);

  /**
   * Gives back a persisted session with the packets it missed after {@code offset}, and forgets it;
   * completes with {@code null} when there is none (unknown pid, expired, offset too old).
   *
   * @param pid the private session id the client presented
   * @param offset the offset of the last packet the client received, or {@code null} when it never
   *     received one (then the session's {@link Session#startOffset()} is used)
   * @return a future that completes with {@code null} when there is none (unknown pid, expired,
   *     offset too old)
   */
  CompletableFuture<Session> restoreSession(String pid, String offset);
}
