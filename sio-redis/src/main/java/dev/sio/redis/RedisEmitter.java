package dev.sio.redis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.internal.WireOptions;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import dev.sio.redis.internal.ClassicCodec;
import dev.sio.redis.internal.ClassicProtocol;
import dev.sio.redis.internal.EmitterConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sends to the clients of a Socket.IO cluster from any process, through Redis, in the format of
 * {@code @socket.io/redis-emitter} 5.1 (the classic adapter's protocol): Node.js servers with
 * {@code @socket.io/redis-adapter} and Sio servers with the classic Redis adapter both receive it.
 *
 * <pre>{@code
 * try (RedisEmitter emitter = RedisEmitter.create(RedisEmitterOptions.builder().build())) {
 *   emitter.to("room1").except("muted").emit("news", Map.of("title", "hi"));
 *   emitter.of("/admin").socketsJoin("audit");
 * }
 * }</pre>
 *
 * <p>Arguments are converted with Jackson; {@code byte[]} values become binary. Thread-safe: an
 * emitter and its operators are immutable, and all of them share one Redis connection.
 */
public final class RedisEmitter extends RedisEmitterOperator implements AutoCloseable {
  private final EmitterConnection owned; // null when the connection is the caller's

  private RedisEmitter(
      EmitterConnection owned,
      RedisClusterAsyncCommands<byte[], byte[]> connection,
      String prefix,
      String nsp) {
    super(connection, prefix, nsp, Set.of(), Set.of(), JsonNodeFactory.instance.objectNode());
    this.owned = owned;
  }

  /**
   * An emitter with its own Redis connection (to a Redis Cluster when {@link
   * RedisEmitterOptions#clusterNodes()} are set), for the main namespace {@code "/"}: the main way
   * to make one ({@link #close()} closes the connection).
   *
   * @param options the Redis URI (or cluster nodes) and the key prefix
   * @return an emitter on a new connection
   * @throws RedisAdapterException when Redis cannot be reached
   */
  public static RedisEmitter create(RedisEmitterOptions options) {
    EmitterConnection c = EmitterConnection.open(options.uri(), options.clusterNodes());
    return new RedisEmitter(c, c.commands(), options.keyPrefix(), "/");
  }

  /**
   * Advanced use: an emitter over a Lettuce connection the caller owns (and closes), for the main
   * namespace; for sharing one connection (its TLS, auth, client options) with other code. This is
   * the only place Sio's Redis API takes a Lettuce type, so it follows the Lettuce version of the
   * BOM; prefer {@link #create(RedisEmitterOptions)}.
   *
   * @param connection an open connection with the byte-array codec; never closed by the emitter
   * @param keyPrefix the key prefix of the cluster's adapters ({@code "socket.io"} in Node)
   * @return an emitter over that connection
   */
  public static RedisEmitter create(
      StatefulRedisConnection<byte[], byte[]> connection, String keyPrefix) {
    return new RedisEmitter(null, connection.async(), keyPrefix, "/");
  }

  /**
   * {@return the emitter of namespace {@code nsp}; a leading {@code /} is added when missing}
   *
   * @param nsp the namespace
   */
  public RedisEmitter of(String nsp) {
    String name = nsp.startsWith("/") ? nsp : "/" + nsp;
    return new RedisEmitter(null, connection, prefix, name);
  }

  /**
   * Emits {@code event} to the server-side listeners of the other servers ({@code
   * socket.on/io.on("event")} there). Acknowledgements are not supported, as in Node.
   *
   * @param event the event name
   * @param args the arguments
   * @return a future that completes once the message is published
   */
  public CompletableFuture<Void> serverSideEmit(String event, Object... args) {
    ArrayNode data = RedisEmitterOperator.data(event, args);
    return publish(
        ClassicProtocol.requestChannel(prefix, nsp),
        ClassicCodec.serverSideEmitRequest(ClassicProtocol.EMITTER_UID, null, data));
  }

  /** Closes the Redis connection when this emitter opened it. */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }

  static SocketPacket eventPacket(String nsp, ArrayNode data) {
    return new SocketPacket(SocketPacketType.EVENT, nsp, data, SocketPacket.NO_ID);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static WireOptions options(Set<String> rooms, Set<String> except, ObjectNode flags) {
    return new WireOptions(List.copyOf(rooms), List.copyOf(except), flags);
  }

  static Set<String> plus(Set<String> set, String... values) {
    Set<String> out = new LinkedHashSet<>(set);
    out.addAll(List.of(values));
    return out;
  }

  static ObjectNode withFlag(ObjectNode flags, String name, boolean value) {
    ObjectNode copy = flags.deepCopy();
    copy.put(name, value);
    return copy;
  }
}
