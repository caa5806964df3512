package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import dev.sio.server.internal.Args;
import dev.sio.server.internal.Futures;
import dev.sio.server.internal.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * An immutable description of whom a broadcast reaches, as Node's {@code BroadcastOperator}: {@link
 * #to}, {@link #except}, {@link #local}, {@link #asVolatile}, {@link #compress} and {@link
 * #timeout} each return a new operator; {@link #emit}, {@link #emitWithAck}, {@link #fetchSockets},
 * {@link #socketsJoin}, {@link #socketsLeave} and {@link #disconnectSockets} act. Thread-safe.
 *
 * <pre>{@code
 * io.to("room1").except("muted").emit("news", article);
 * io.timeout(Duration.ofSeconds(5)).emitWithAck("poll", question)
 *     .thenAccept(answers -> ...);
 * }</pre>
 */
public final class BroadcastOperator {
  private final Namespace nsp;
  private final Set<String> rooms;
  private final Set<String> except;
  private final BroadcastFlags flags;

  BroadcastOperator(Namespace nsp, Set<String> rooms, Set<String> except, BroadcastFlags flags) {
    this.nsp = nsp;
    this.rooms = rooms;
    this.except = except;
    this.flags = flags;
  }

  /**
   * Also targets the sockets in {@code rooms}.
   *
   * @param more the rooms
   * @return the new broadcast operator
   */
  public BroadcastOperator to(String... more) {
    Set<String> union = new HashSet<>(rooms);
    union.addAll(Arrays.asList(more));
    return new BroadcastOperator(nsp, Set.copyOf(union), except, flags);
  }

  /**
   * Also targets the sockets in {@code rooms}.
   *
   * @param more the rooms
   * @return the new broadcast operator
   */
  public BroadcastOperator to(Collection<String> more) {
    return to(more.toArray(String[]::new));
  }

  /**
   * Same as {@link #to}.
   *
   * @param more the rooms
   * @return the new broadcast operator
   */
  public BroadcastOperator in(String... more) {
    return to(more);
  }

  /**
   * Same as {@link #to(Collection)}.
   *
   * @param more the rooms
   * @return the new broadcast operator
   */
  public BroadcastOperator in(Collection<String> more) {
    return to(more);
  }

  /**
   * Leaves out the sockets in {@code rooms}.
   *
   * @param more the rooms
   * @return the new broadcast operator
   */
  public BroadcastOperator except(String... more) {
    Set<String> union = new HashSet<>(except);
    union.addAll(Arrays.asList(more));
    return new BroadcastOperator(nsp, rooms, Set.copyOf(union), flags);
  }

  /**
   * Leaves out the sockets in {@code rooms}.
   *
   * @param more the rooms
   * @return the new broadcast operator
   */
  public BroadcastOperator except(Collection<String> more) {
    return except(more.toArray(String[]::new));
  }

  /**
   * Only the sockets of this server.
   *
   * @return the new broadcast operator
   */
  public BroadcastOperator local() {
    return new BroadcastOperator(nsp, rooms, except, flags.withLocal());
  }

  /**
   * Volatile: may be dropped for clients that are not ready; never stored for recovery.
   *
   * @return the new broadcast operator
   */
  public BroadcastOperator asVolatile() {
    return new BroadcastOperator(nsp, rooms, except, flags.withVolatile());
  }

  /**
   * With the compress flag.
   *
   * @param compress whether to compress
   * @return the new broadcast operator
   */
  public BroadcastOperator compress(boolean compress) {
    return new BroadcastOperator(nsp, rooms, except, flags.withCompress(compress));
  }

  /**
   * Acknowledgements are awaited at most {@code timeout}.
   *
   * @param timeout how long to wait for the acknowledgements
   * @return the new broadcast operator
   */
  public BroadcastOperator timeout(Duration timeout) {
    return new BroadcastOperator(nsp, rooms, except, flags.withTimeout(timeout));
  }

  /** {@return the options the adapter receives} */
  public BroadcastOptions options() {
    return new BroadcastOptions(rooms, except, flags);
  }

  /**
   * Emits {@code event} to every targeted socket; the packet is encoded once for all of them.
   *
   * @param event the event name
   * @param args the arguments
   * @throws IllegalArgumentException for a reserved event name
   */
  public void emit(String event, Object... args) {
    nsp.adapter().broadcast(packet(event, args), options());
  }

  private SocketPacket packet(String event, Object[] args) {
    ReservedEvents.check(event);
    ArrayNode data = Args.toArray(nsp.server().options().objectMapper(), event, args);
    return new SocketPacket(SocketPacketType.EVENT, nsp.name(), data, SocketPacket.NO_ID);
  }

  /**
   * Emits and collects the first acknowledgement argument of every targeted client, across the
   * cluster. Completes when every client answered; with a {@link #timeout}, completes exceptionally
   * with an {@link AckTimeoutException} ({@code "operation has timed out"}, holding the answers so
   * far) when some are missing. Without a timeout it waits for all answers.
   *
   * @param event the event name
   * @param args the arguments
   * @return a future of the answers
   */
  public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
    SocketPacket packet = packet(event, args);
    Aggregation aggregation = new Aggregation();
    Duration timeout = flags.timeout();
    if (timeout != null) {
      aggregation.timer =
          Timers.schedule(
              timeout.toMillis(),
              () -> {
                List<JsonNode> partial = aggregation.timeOut();
                if (partial != null) {
                  aggregation.future.completeExceptionally(
                      new AckTimeoutException("operation has timed out", partial));
                }
              });
    }
    nsp.adapter()
        .broadcastWithAck(packet, options(), aggregation::clientCount, aggregation::response);
    nsp.adapter()
        .serverCount()
        .whenComplete(
            (count, error) -> {
              if (error != null) {
                aggregation.future.completeExceptionally(Futures.unwrap(error));
              } else {
                aggregation.serverCount(count);
              }
            });
    return aggregation.future;
  }

  /**
   * As {@link #emitWithAck(String, Object...)}, with a callback instead of a future: {@code
   * callback} gets the answers, or the error (see {@link AckHandler}).
   *
   * @param event the event name
   * @param callback the callback
   * @param args the arguments
   */
  public void emitWithAck(String event, AckHandler<List<JsonNode>> callback, Object... args) {
    Futures.whenDone(emitWithAck(event, args), callback::handle);
  }

  /**
   * As {@link #emitWithAck(String, Object...)}, each answer bound to {@code type}.
   *
   * @param <T> the bound type
   * @param event the event name
   * @param type the class to bind to (with Jackson)
   * @param args the arguments
   * @return a future of the answers
   */
  public <T> CompletableFuture<List<T>> emitWithAck(String event, Class<T> type, Object... args) {
    return Futures.unwrapped(
        emitWithAck(event, args)
            .thenApply(
                answers -> {
                  List<T> bound = new ArrayList<>(answers.size());
                  for (JsonNode answer : answers) {
                    try {
                      bound.add(nsp.server().options().objectMapper().treeToValue(answer, type));
                    } catch (Exception e) {
                      throw new IllegalArgumentException(
                          "cannot bind an acknowledgement to " + type.getName(), e);
                    }
                  }
                  return bound;
                }));
  }

  /** {@return the targeted sockets (local {@link Socket}s and, in a cluster, remote views)} */
  public CompletableFuture<List<RemoteSocket>> fetchSockets() {
    return nsp.adapter().fetchSockets(options());
  }

  /**
   * Makes the targeted sockets join {@code more}.
   *
   * @param more the rooms
   */
  public void socketsJoin(String... more) {
    nsp.adapter().addSockets(options(), List.of(more));
  }

  /**
   * Makes the targeted sockets leave {@code more}.
   *
   * @param more the rooms
   */
  public void socketsLeave(String... more) {
    nsp.adapter().delSockets(options(), List.of(more));
  }

  /**
   * Disconnects the targeted sockets, and their connections when {@code close}.
   *
   * @param close whether to close the underlying connection too
   */
  public void disconnectSockets(boolean close) {
    nsp.adapter().disconnectSockets(options(), close);
  }

  /** {@return the ids of the targeted local sockets} */
  public CompletableFuture<Set<String>> allSockets() {
    return fetchSockets()
        .thenApply(
            list -> {
              Set<String> ids = new HashSet<>();
              list.forEach(s -> ids.add(s.id()));
              return ids;
            });
  }

  /** Node's completeness check: one client count per server, then that many answers. */
  private static final class Aggregation {
    final CompletableFuture<List<JsonNode>> future = new CompletableFuture<>();
    // Guarded by this: answers arrive on many event loops.
    private final List<JsonNode> responses = new ArrayList<>();
    private int expectedServerCount = -1;
    private int actualServerCount;
    private int expectedClientCount;
    private boolean done;
    volatile Future<?> timer;

    synchronized void clientCount(int count) {
      expectedClientCount += count;
      actualServerCount++;
      check();
    }

    synchronized void response(JsonNode answer) {
      if (!done) {
        responses.add(answer);
        check();
      }
    }

    synchronized void serverCount(int count) {
      expectedServerCount = count;
      check();
    }

    synchronized List<JsonNode> timeOut() {
      if (done) {
        return null;
      }
      done = true;
      return List.copyOf(responses);
    }

    private void check() {
      if (!done
          && expectedServerCount == actualServerCount
          && responses.size() == expectedClientCount) {
        done = true;
        Future<?> t = timer;
        if (t != null) {
          t.cancel(false);
        }
        future.complete(List.copyOf(responses));
      }
    }
  }
}
