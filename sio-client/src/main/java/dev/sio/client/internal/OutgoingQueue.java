package dev.sio.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio.client.ClientOptions;
import dev.sio.client.DisconnectedException;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The outgoing side of one client socket, as the Node.js client does it: acknowledgement ids and
 * their timers, the buffer of emits made while disconnected, and (with {@code retries}) the queue
 * that sends one packet at a time until it is acknowledged, in order, at least once. Event thread
 * only.
 */
public final class OutgoingQueue {
  /** Event names a client may not emit. */
  public static final Set<String> RESERVED =
      Set.of(
          "connect",
          "connect_error",
          "disconnect",
          "disconnecting",
          "newListener",
          "removeListener");

  /** Writes one packet through the manager. */
  @FunctionalInterface
  public interface Sender {
    /**
     * Sends {@code packet}; {@code outgoing} is true for events (which outgoing listeners see).
     *
     * @throws dev.sio.client.PayloadTooLargeException when the server's limit is exceeded
     */
    void send(SocketPacket packet, boolean compress, boolean outgoing);
  }

  /** Receives an acknowledgement or its failure. */
  private interface AckCallback {
    void call(Exception error, List<JsonNode> args);
  }

  private record PendingAck(AckCallback callback, boolean withError) {}

  private record Buffered(SocketPacket packet, boolean compress) {}

  private static final class Queued {
    final ArrayNode data;
    final Duration timeout;
    final boolean compress;
    final CompletableFuture<List<JsonNode>> future; // null for a plain emit
    int tryCount; // event thread
    boolean pending; // event thread

    Queued(
        ArrayNode data, Duration timeout, boolean compress, CompletableFuture<List<JsonNode>> f) {
      this.data = data;
      this.timeout = timeout;
      this.compress = compress;
      this.future = f;
    }
  }

  private final String namespace;
  private final Sender sender;
  private final ClientLoop loop;
  private final int retries;
  private final Duration ackTimeout;
  private final BooleanSupplier connected;
  private final BooleanSupplier writable;
  private long ids; // event thread
  private final Map<Long, PendingAck> acks = new HashMap<>(); // event thread
  private final List<Buffered> sendBuffer = new ArrayList<>(); // event thread
  private final ArrayDeque<Queued> queue = new ArrayDeque<>(); // event thread

  /**
   * The queue of a socket of {@code namespace}.
   *
   * @param connected whether the socket is connected and its connection alive (ping not expired)
   * @param writable whether the transport can write right now (volatile emits need it)
   */
  public OutgoingQueue(
      String namespace,
      Sender sender,
      ClientLoop loop,
      ClientOptions options,
      BooleanSupplier connected,
      BooleanSupplier writable) {
    this.namespace = namespace;
    this.sender = sender;
    this.loop = loop;
    this.retries = options.retries();
    this.ackTimeout = options.ackTimeout();
    this.connected = connected;
    this.writable = writable;
  }

  /**
   * Emits {@code data} ({@code [event, ...args]}); {@code future} (may be null) gets the
   * acknowledgement.
   */
  public void emit(
      ArrayNode data,
      Duration timeout,
      boolean isVolatile,
      boolean compress,
      CompletableFuture<List<JsonNode>> future) {
    if (retries > 0 && !isVolatile) {
      queue.addLast(new Queued(data, timeout, compress, future));
      drainQueue(false);
      return;
    }
    AckCallback callback =
        future == null
            ? null
            : (error, args) -> {
              if (error != null) {
                future.completeExceptionally(error);
              } else {
                future.complete(args);
              }
            };
    send(data, timeout, isVolatile, compress, callback, true);
  }

  private void send(
      ArrayNode data,
      Duration timeout,
      boolean isVolatile,
      boolean compress,
      AckCallback callback,
      boolean withError) {
    long id = SocketPacket.NO_ID;
    if (callback != null) {
      id = ids++;
      register(id, callback, timeout, withError);
    }
    SocketPacket packet = new SocketPacket(SocketPacketType.EVENT, namespace, data, id);
    if (isVolatile && !writable.getAsBoolean()) {
      return; // dropped: a volatile event is never buffered
    }
    if (connected.getAsBoolean()) {
      write(packet, compress);
    } else {
      sendBuffer.add(new Buffered(packet, compress));
    }
  }

  private void write(SocketPacket packet, boolean compress) {
    try {
      sender.send(packet, compress, true);
    } catch (RuntimeException e) {
      PendingAck pending = packet.hasId() ? acks.remove(packet.id()) : null;
      if (pending != null) {
        pending.callback().call(e, null);
      } else {
        throw e;
      }
    }
  }

  private void register(long id, AckCallback callback, Duration timeout, boolean withError) {
    Duration effective = timeout != null ? timeout : ackTimeout;
    if (effective == null) {
      acks.put(id, new PendingAck(callback, withError));
      return;
    }
    ScheduledFuture<?> timer =
        loop.schedule(
            () -> {
              if (acks.remove(id) == null) {
                return;
              }
              sendBuffer.removeIf(b -> b.packet().id() == id);
              callback.call(new TimeoutException("operation has timed out"), null);
            },
            effective.toMillis());
    acks.put(
        id,
        new PendingAck(
            (error, args) -> {
              timer.cancel(false);
              callback.call(error, args);
            },
            true));
  }

  private void drainQueue(boolean force) {
    if (!connected.getAsBoolean() || queue.isEmpty()) {
      return;
    }
    Queued head = queue.peekFirst();
    if (head.pending && !force) {
      return;
    }
    head.pending = true;
    head.tryCount++;
    send(
        head.data,
        head.timeout,
        false,
        head.compress,
        (error, args) -> onQueueAck(head, error, args),
        false);
  }

  private void onQueueAck(Queued packet, Exception error, List<JsonNode> args) {
    if (packet != queue.peekFirst()) {
      return; // already acknowledged
    }
    if (error != null) {
      if (packet.tryCount > retries || error instanceof dev.sio.client.PayloadTooLargeException) {
        queue.pollFirst();
        if (packet.future != null) {
          packet.future.completeExceptionally(error);
        }
      }
    } else {
      queue.pollFirst();
      if (packet.future != null) {
        packet.future.complete(args);
      }
    }
    packet.pending = false;
    drainQueue(false);
  }

  /** An ACK packet arrived. */
  public void onAck(long id, List<JsonNode> args) {
    PendingAck pending = acks.remove(id);
    if (pending != null) {
      pending.callback().call(null, args);
    }
  }

  /** The socket connected: send what was buffered, then (re)send the head of the queue. */
  public void onConnect() {
    List<Buffered> buffered = new ArrayList<>(sendBuffer);
    sendBuffer.clear();
    for (Buffered b : buffered) {
      try {
        write(b.packet(), b.compress());
      } catch (RuntimeException e) {
        // a plain emit refused as too large: reported by the sender, the others still go out
      }
    }
    drainQueue(true);
  }

  /** The socket disconnected: fail the acknowledgements of packets already sent. */
  public void onDisconnect() {
    Iterator<Map.Entry<Long, PendingAck>> it = acks.entrySet().iterator();
    List<PendingAck> failed = new ArrayList<>();
    while (it.hasNext()) {
      Map.Entry<Long, PendingAck> e = it.next();
      long id = e.getKey();
      boolean buffered = sendBuffer.stream().anyMatch(b -> b.packet().id() == id);
      if (!buffered && e.getValue().withError()) {
        it.remove();
        failed.add(e.getValue());
      }
    }
    for (PendingAck p : failed) {
      p.callback().call(new DisconnectedException(), null);
    }
  }
}
