package dev.sio.postgres;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.ClusterMessage;
import dev.sio.cluster.ClusterProtocol;
import dev.sio.cluster.internal.JsonValues;
import dev.sio.cluster.internal.WireOptions;
import dev.sio.postgres.internal.PgCodec;
import dev.sio.postgres.internal.PgProtocol;
import dev.sio.postgres.internal.PgPublisher;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An immutable selection of the clients a {@link PostgresEmitter} reaches: {@link #to}, {@link
 * #except}, {@link #volatile_()}, {@link #compress} return new operators; {@link #emit}, {@link
 * #socketsJoin}, {@link #socketsLeave}, {@link #disconnectSockets}, {@link #serverSideEmit}
 * publish. The futures complete once PostgreSQL accepted the message.
 */
public class PostgresEmitterOperator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The event names that Socket.IO reserves; {@link #emit} rejects them. */
  public static final Set<String> RESERVED_EVENTS =
      Set.of(
          "connect",
          "connect_error",
          "disconnect",
          "disconnecting",
          "newListener",
          "removeListener");

  final PgPublisher publisher;
  private final PostgresAdapterOptions options;
  private final String nsp;
  private final Set<String> rooms;
  private final Set<String> except;
  private final ObjectNode flags; // never mutated after construction

  PostgresEmitterOperator(
      PgPublisher publisher,
      PostgresAdapterOptions options,
      String nsp,
      Set<String> rooms,
      Set<String> except,
      ObjectNode flags) {
    this.publisher = publisher;
    this.options = options;
    this.nsp = nsp;
    this.rooms = rooms;
    this.except = except;
    this.flags = flags;
  }

  /**
   * An operator for namespace {@code nsp}, with no rooms, exclusions or flags.
   *
   * @param nsp the namespace name ({@code "/"} is added in front when missing)
   * @return a new operator for that namespace
   */
  public PostgresEmitterOperator of(String nsp) {
    String name = nsp.startsWith("/") ? nsp : "/" + nsp;
    return new PostgresEmitterOperator(
        publisher, options, name, Set.of(), Set.of(), NODES.objectNode());
  }

  /**
   * Targets the clients in any of {@code rooms} (added to the rooms already targeted).
   *
   * @param rooms the rooms to target
   * @return a new operator with these rooms added
   */
  public PostgresEmitterOperator to(String... rooms) {
    return new PostgresEmitterOperator(
        publisher, options, nsp, plus(this.rooms, rooms), except, flags);
  }

  /**
   * Same as {@link #to}.
   *
   * @param rooms the rooms to target
   * @return a new operator with these rooms added
   */
  public PostgresEmitterOperator in(String... rooms) {
    return to(rooms);
  }

  /**
   * Leaves out the clients in any of {@code rooms}.
   *
   * @param rooms the rooms to exclude (added to those already excluded)
   * @return a new operator with these rooms excluded
   */
  public PostgresEmitterOperator except(String... rooms) {
    return new PostgresEmitterOperator(
        publisher, options, nsp, this.rooms, plus(except, rooms), flags);
  }

  /**
   * The event may be dropped for clients that are not ready to receive it.
   *
   * @return a new operator with the {@code volatile} flag
   */
  public PostgresEmitterOperator volatile_() {
    ObjectNode f = flags.deepCopy();
    f.put("volatile", true);
    return new PostgresEmitterOperator(publisher, options, nsp, rooms, except, f);
  }

  /**
   * Whether the event may be compressed.
   *
   * @param compress whether the event may be compressed
   * @return a new operator with the {@code compress} flag set to {@code compress}
   */
  public PostgresEmitterOperator compress(boolean compress) {
    ObjectNode f = flags.deepCopy();
    f.put("compress", compress);
    return new PostgresEmitterOperator(publisher, options, nsp, rooms, except, f);
  }

  /**
   * Emits {@code event} with {@code args} to the selected clients of every server.
   *
   * @param event the event name
   * @param args the arguments, converted with Jackson ({@code byte[]} values become binary)
   * @return a future that completes once PostgreSQL accepted the message, or exceptionally when it
   *     could not be published
   * @throws IllegalArgumentException when {@code event} is a reserved name
   */
  public CompletableFuture<Void> emit(String event, Object... args) {
    if (RESERVED_EVENTS.contains(event)) {
      throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
    }
    ObjectNode packet = NODES.objectNode();
    packet.put("type", 2); // EVENT, binary or not: each server runs its own encoder
    packet.set("data", data(event, args));
    packet.put("nsp", nsp);
    ObjectNode d = NODES.objectNode();
    d.set("packet", packet);
    d.set("opts", selection(flags).toEmitterNode());
    return publish(ClusterProtocol.BROADCAST, d);
  }

  /**
   * Makes the selected sockets join {@code rooms}.
   *
   * @param rooms the rooms to join
   * @return a future that completes once PostgreSQL accepted the message, or exceptionally when it
   *     could not be published
   */
  public CompletableFuture<Void> socketsJoin(String... rooms) {
    return publish(ClusterProtocol.SOCKETS_JOIN, roomsData(rooms));
  }

  /**
   * Makes the selected sockets leave {@code rooms}.
   *
   * @param rooms the rooms to leave
   * @return a future that completes once PostgreSQL accepted the message, or exceptionally when it
   *     could not be published
   */
  public CompletableFuture<Void> socketsLeave(String... rooms) {
    return publish(ClusterProtocol.SOCKETS_LEAVE, roomsData(rooms));
  }

  /**
   * Disconnects the selected sockets; {@code close} also closes their underlying connection.
   *
   * @param close whether to close the underlying connections too
   * @return a future that completes once PostgreSQL accepted the message, or exceptionally when it
   *     could not be published
   */
  public CompletableFuture<Void> disconnectSockets(boolean close) {
    ObjectNode d = NODES.objectNode();
    d.set("opts", selection(null).toNodeWithoutFlags());
    d.put("close", close);
    return publish(ClusterProtocol.DISCONNECT_SOCKETS, d);
  }

  /**
   * Emits {@code event} to the servers of the namespace ({@code io.on(event)} there); no acks.
   *
   * @param event the event name
   * @param args the arguments, converted with Jackson
   * @return a future that completes once PostgreSQL accepted the message, or exceptionally when it
   *     could not be published
   */
  public CompletableFuture<Void> serverSideEmit(String event, Object... args) {
    ObjectNode d = NODES.objectNode();
    d.set("packet", data(event, args));
    return publish(ClusterProtocol.SERVER_SIDE_EMIT, d);
  }

  private ObjectNode roomsData(String... targets) {
    ObjectNode d = NODES.objectNode();
    d.set("opts", selection(null).toNodeWithoutFlags());
    d.set("rooms", WireOptions.strings(List.of(targets)));
    return d;
  }

  private WireOptions selection(ObjectNode f) {
    return new WireOptions(List.copyOf(rooms), List.copyOf(except), f);
  }

  private CompletableFuture<Void> publish(int type, ObjectNode data) {
    ObjectNode node = new ClusterMessage(ClusterProtocol.EMITTER_UID, nsp, type, data).toNode();
    PgCodec.Encoded payload;
    try {
      payload = PgCodec.encode(node, PgCodec.emitterBinaryType(type), options.payloadThreshold());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return publisher.offer(
        new PgPublisher.Item(
            PgProtocol.channel(options.channelPrefix(), nsp),
            ClusterProtocol.EMITTER_UID,
            type,
            payload,
            new CompletableFuture<>()));
  }

  static ArrayNode data(String event, Object... args) {
    ArrayNode data = NODES.arrayNode();
    data.add(event);
    for (Object arg : args) {
      data.add(JsonValues.MAPPER.valueToTree(arg));
    }
    return data;
  }

  private static Set<String> plus(Set<String> current, String... more) {
    Set<String> s = new LinkedHashSet<>(current);
    s.addAll(List.of(more));
    return java.util.Collections.unmodifiableSet(s);
  }
}
