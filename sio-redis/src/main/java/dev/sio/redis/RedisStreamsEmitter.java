package dev.sio.redis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.ClusterMessage;
import dev.sio.cluster.ClusterProtocol;
import dev.sio.cluster.internal.PacketNodes;
import dev.sio.cluster.internal.WireOptions;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import dev.sio.redis.internal.ClusterCodec;
import dev.sio.redis.internal.EmitterConnection;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sends to the clients of a cluster that uses the streams adapter ({@code
 * @socket.io/redis-streams-adapter} 0.3, or Sio's {@link RedisAdapterFactory#streams}), from any
 * process: entries appended to the stream with uid {@code "emitter"}, in the layout of the
 * monorepo's {@code @socket.io/redis-streams-emitter}. Broadcasts sent this way are also replayed
 * to clients that recover their session.
 *
 * <pre>{@code
 * try (RedisStreamsEmitter emitter = RedisStreamsEmitter.create(options)) {
 *   emitter.to("room1").emit("news", "hi");
 * }
 * }</pre>
 *
 * <p>Uses {@link RedisAdapterOptions#uri()}, {@link RedisAdapterOptions#streamName()}, {@link
 * RedisAdapterOptions#maxLen()} and {@link RedisAdapterOptions#onlyPlaintext()}. Thread-safe and
 * immutable; every operator shares one connection.
 */
public final class RedisStreamsEmitter implements AutoCloseable {
  private final EmitterConnection owned; // null for derived emitters (of)
  private final RedisClusterAsyncCommands<byte[], byte[]> connection;
  private final RedisAdapterOptions options;
  private final String nsp;

  private RedisStreamsEmitter(
      EmitterConnection owned,
      RedisClusterAsyncCommands<byte[], byte[]> connection,
      RedisAdapterOptions options,
      String nsp) {
    this.owned = owned;
    this.connection = connection;
    this.options = options;
    this.nsp = nsp;
  }

  /**
   * {@return an emitter with its own connection (to a Redis Cluster when {@link
   * RedisAdapterOptions#clusterNodes()} are set), for namespace {@code "/"}}
   *
   * @param options the options
   * @throws RedisAdapterException when Redis cannot be reached
   */
  public static RedisStreamsEmitter create(RedisAdapterOptions options) {
    EmitterConnection c = EmitterConnection.open(options.uri(), options.clusterNodes());
    return new RedisStreamsEmitter(c, c.commands(), options, "/");
  }

  /**
   * {@return the emitter of namespace {@code nsp}; a leading {@code /} is added when missing}
   *
   * @param nsp the namespace
   */
  public RedisStreamsEmitter of(String nsp) {
    return new RedisStreamsEmitter(
        null, connection, options, nsp.startsWith("/") ? nsp : "/" + nsp);
  }

  /** {@return all clients of the namespace} */
  public Operator all() {
    return new Operator(Set.of(), Set.of(), JsonNodeFactory.instance.objectNode());
  }

  /**
   * {@return the clients in any of {@code rooms}}
   *
   * @param rooms the rooms
   */
  public Operator to(String... rooms) {
    return all().to(rooms);
  }

  /**
   * Same as {@link #to}.
   *
   * @param rooms the rooms
   * @return the operator
   */
  public Operator in(String... rooms) {
    return to(rooms);
  }

  /**
   * {@return all clients but those in any of {@code rooms}}
   *
   * @param rooms the rooms
   */
  public Operator except(String... rooms) {
    return all().except(rooms);
  }

  /**
   * Emits to every client of the namespace.
   *
   * @param event the event name
   * @param args the arguments
   * @return a future of the stream entry's id
   */
  public CompletableFuture<String> emit(String event, Object... args) {
    return all().emit(event, args);
  }

  /**
   * Emits {@code event} to the server-side listeners of every server.
   *
   * @param event the event name
   * @param args the arguments
   * @return a future of the stream entry's id
   */
  public CompletableFuture<String> serverSideEmit(String event, Object... args) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.set("packet", RedisEmitterOperator.data(event, args));
    return xadd(ClusterProtocol.SERVER_SIDE_EMIT, data);
  }

  private CompletableFuture<String> xadd(int type, ObjectNode data) {
    ClusterMessage m = new ClusterMessage(ClusterProtocol.EMITTER_UID, nsp, type, data);
    Map<byte[], byte[]> body = new LinkedHashMap<>();
    ClusterCodec.encodeEntry(m, options.onlyPlaintext())
        .forEach(
            (k, v) ->
                body.put(k.getBytes(StandardCharsets.UTF_8), v.getBytes(StandardCharsets.UTF_8)));
    return connection
        .xadd(
            options.streamName().getBytes(StandardCharsets.UTF_8),
            new XAddArgs().maxlen(options.maxLen()).approximateTrimming(),
            body)
        .toCompletableFuture();
  }

  /** Closes the connection when this emitter opened it. */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }

  /**
   * An immutable selection of clients; the terminal operations complete with the stream entry id.
   */
  public final class Operator {
    private final Set<String> rooms;
    private final Set<String> except;
    private final ObjectNode flags; // never mutated after construction

    private Operator(Set<String> rooms, Set<String> except, ObjectNode flags) {
      this.rooms = rooms;
      this.except = except;
      this.flags = flags;
    }

    /**
     * Adds target rooms.
     *
     * @param more the rooms
     * @return the new operator
     */
    public Operator to(String... more) {
      Set<String> r = new LinkedHashSet<>(rooms);
      r.addAll(List.of(more));
      return new Operator(r, except, flags);
    }

    /**
     * Same as {@link #to}.
     *
     * @param more the rooms
     * @return the new operator
     */
    public Operator in(String... more) {
      return to(more);
    }

    /**
     * Adds excluded rooms.
     *
     * @param more the rooms
     * @return the new operator
     */
    public Operator except(String... more) {
      Set<String> e = new LinkedHashSet<>(except);
      e.addAll(List.of(more));
      return new Operator(rooms, e, flags);
    }

    /** {@return the event may be dropped for clients that are not ready} */
    public Operator volatile_() {
      ObjectNode f = flags.deepCopy();
      f.put("volatile", true);
      return new Operator(rooms, except, f);
    }

    /**
     * {@return whether the event may be compressed}
     *
     * @param compress whether the event may be compressed
     */
    public Operator compress(boolean compress) {
      ObjectNode f = flags.deepCopy();
      f.put("compress", compress);
      return new Operator(rooms, except, f);
    }

    /**
     * Emits {@code event} to the selected clients.
     *
     * @param event the event name
     * @param args the arguments
     * @return a future of the stream entry's id
     * @throws IllegalArgumentException when {@code event} is a reserved name
     */
    public CompletableFuture<String> emit(String event, Object... args) {
      if (RedisEmitterOperator.RESERVED_EVENTS.contains(event)) {
        throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
      }
      ArrayNode data = RedisEmitterOperator.data(event, args);
      SocketPacket packet = new SocketPacket(SocketPacketType.EVENT, nsp, data, SocketPacket.NO_ID);
      return xadd(
          ClusterProtocol.BROADCAST,
          ClusterMessage.broadcast(
              PacketNodes.toNode(packet, true),
              null,
              new WireOptions(List.copyOf(rooms), List.copyOf(except), flags)));
    }

    /**
     * Makes the selected sockets join {@code rooms}.
     *
     * @param joined the rooms to join
     * @return a future of the stream entry's id
     */
    public CompletableFuture<String> socketsJoin(String... joined) {
      return xadd(ClusterProtocol.SOCKETS_JOIN, ClusterMessage.rooms(selection(), List.of(joined)));
    }

    /**
     * Makes the selected sockets leave {@code rooms}.
     *
     * @param left the rooms to leave
     * @return a future of the stream entry's id
     */
    public CompletableFuture<String> socketsLeave(String... left) {
      return xadd(ClusterProtocol.SOCKETS_LEAVE, ClusterMessage.rooms(selection(), List.of(left)));
    }

    /**
     * Disconnects the selected sockets ({@code close}: their connections too).
     *
     * @param close whether to close the underlying connection too
     * @return a future of the stream entry's id
     */
    public CompletableFuture<String> disconnectSockets(boolean close) {
      return xadd(
          ClusterProtocol.DISCONNECT_SOCKETS, ClusterMessage.disconnect(selection(), close));
    }

    private WireOptions selection() {
      return WireOptions.of(List.copyOf(rooms), List.copyOf(except));
    }
  }
}
