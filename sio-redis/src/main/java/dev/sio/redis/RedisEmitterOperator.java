package dev.sio.redis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.internal.JsonValues;
import dev.sio.cluster.internal.WireOptions;
import dev.sio.redis.internal.ClassicCodec;
import dev.sio.redis.internal.ClassicProtocol;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An immutable selection of the clients a {@link RedisEmitter} reaches: {@link #to}, {@link
 * #except}, {@link #volatile_()}, {@link #compress} return new operators; {@link #emit}, {@link
 * #socketsJoin}, {@link #socketsLeave}, {@link #disconnectSockets} publish. The futures complete
 * once Redis accepted the message.
 */
public class RedisEmitterOperator {
  /** The event names that Socket.IO reserves; {@link #emit} rejects them. */
  public static final Set<String> RESERVED_EVENTS =
      Set.of(
          "connect",
          "connect_error",
          "disconnect",
          "disconnecting",
          "newListener",
          "removeListener");

  final RedisClusterAsyncCommands<byte[], byte[]> connection;
  final String prefix;
  final String nsp;
  private final Set<String> rooms;
  private final Set<String> except;
  private final ObjectNode flags; // never mutated after construction

  RedisEmitterOperator(
      RedisClusterAsyncCommands<byte[], byte[]> connection,
      String prefix,
      String nsp,
      Set<String> rooms,
      Set<String> except,
      ObjectNode flags) {
    this.connection = connection;
    this.prefix = prefix;
    this.nsp = nsp;
    this.rooms = rooms;
    this.except = except;
    this.flags = flags;
  }

  /**
   * Targets the clients in any of {@code rooms} (added to the rooms already targeted).
   *
   * @param rooms the rooms
   * @return the new redis emitter operator
   */
  public RedisEmitterOperator to(String... rooms) {
    return new RedisEmitterOperator(
        connection, prefix, nsp, RedisEmitter.plus(this.rooms, rooms), except, flags);
  }

  /**
   * Same as {@link #to}.
   *
   * @param rooms the rooms
   * @return the new redis emitter operator
   */
  public RedisEmitterOperator in(String... rooms) {
    return to(rooms);
  }

  /**
   * Leaves out the clients in any of {@code rooms}.
   *
   * @param rooms the rooms
   * @return the new redis emitter operator
   */
  public RedisEmitterOperator except(String... rooms) {
    return new RedisEmitterOperator(
        connection, prefix, nsp, this.rooms, RedisEmitter.plus(except, rooms), flags);
  }

  /** {@return the event may be dropped for clients that are not ready to receive it} */
  public RedisEmitterOperator volatile_() {
    return new RedisEmitterOperator(
        connection, prefix, nsp, rooms, except, RedisEmitter.withFlag(flags, "volatile", true));
  }

  /**
   * {@return whether the event may be compressed}
   *
   * @param compress whether the event may be compressed
   */
  public RedisEmitterOperator compress(boolean compress) {
    return new RedisEmitterOperator(
        connection, prefix, nsp, rooms, except, RedisEmitter.withFlag(flags, "compress", compress));
  }

  /**
   * Emits {@code event} with {@code args} to the selected clients of every server.
   *
   * @param event the event name
   * @param args the arguments
   * @return a future that completes once the message is published
   * @throws IllegalArgumentException when {@code event} is a reserved name
   */
  public CompletableFuture<Void> emit(String event, Object... args) {
    if (RESERVED_EVENTS.contains(event)) {
      throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
    }
    ArrayNode data = data(event, args);
    byte[] msg =
        ClassicCodec.encodeEmitterBroadcast(
            RedisEmitter.eventPacket(nsp, data), RedisEmitter.options(rooms, except, flags));
    String channel =
        rooms.size() == 1
            ? ClassicProtocol.roomChannel(prefix, nsp, rooms.iterator().next())
            : ClassicProtocol.broadcastChannel(prefix, nsp);
    return publish(channel, msg);
  }

  /**
   * Makes the selected sockets join {@code rooms}.
   *
   * @param rooms the rooms
   * @return a future that completes once the message is published
   */
  public CompletableFuture<Void> socketsJoin(String... rooms) {
    return publish(
        ClassicProtocol.requestChannel(prefix, nsp),
        ClassicCodec.roomsRequest(null, ClassicProtocol.REMOTE_JOIN, selection(), List.of(rooms)));
  }

  /**
   * Makes the selected sockets leave {@code rooms}.
   *
   * @param rooms the rooms
   * @return a future that completes once the message is published
   */
  public CompletableFuture<Void> socketsLeave(String... rooms) {
    return publish(
        ClassicProtocol.requestChannel(prefix, nsp),
        ClassicCodec.roomsRequest(null, ClassicProtocol.REMOTE_LEAVE, selection(), List.of(rooms)));
  }

  /**
   * Disconnects the selected sockets; {@code close} also closes their underlying connection.
   *
   * @param close whether to close the underlying connection too
   * @return a future that completes once the message is published
   */
  public CompletableFuture<Void> disconnectSockets(boolean close) {
    return publish(
        ClassicProtocol.requestChannel(prefix, nsp),
        ClassicCodec.disconnectRequest(null, selection(), close));
  }

  private WireOptions selection() {
    return WireOptions.of(List.copyOf(rooms), List.copyOf(except));
  }

  CompletableFuture<Void> publish(String channel, byte[] payload) {
    return connection
        .publish(RedisEmitter.utf8(channel), payload)
        .toCompletableFuture()
        .thenApply(receivers -> null);
  }

  static ArrayNode data(String event, Object... args) {
    ArrayNode data = JsonNodeFactory.instance.arrayNode();
    data.add(event);
    for (Object arg : args) {
      data.add(JsonValues.MAPPER.valueToTree(arg));
    }
    return data;
  }
}
