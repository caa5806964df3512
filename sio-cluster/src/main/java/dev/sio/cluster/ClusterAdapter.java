package dev.sio.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio.cluster.internal.ClusterIds;
import dev.sio.cluster.internal.ClusterNodes;
import dev.sio.cluster.internal.PacketNodes;
import dev.sio.cluster.internal.PendingRequests;
import dev.sio.cluster.internal.ServerWire;
import dev.sio.cluster.internal.WireOptions;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.server.AckTimeoutException;
import dev.sio.server.BroadcastOptions;
import dev.sio.server.InMemoryAdapter;
import dev.sio.server.Namespace;
import dev.sio.server.RemoteSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * socket.io-adapter's {@code ClusterAdapter} (and, when {@link #heartbeats()} is true, {@code
 * ClusterAdapterWithHeartbeat}) for one namespace: the message set shared by the Redis sharded and
 * streams adapters and the PostgreSQL adapter, which only say how a message is published ({@link
 * #doPublish}, {@link #doPublishResponse}) and call {@link #onMessage} with what they receive.
 *
 * <p>A broadcast, join, leave or disconnect is applied locally at once, unless the adapter needs
 * the publication's offset ({@link #needsOffset()}: the streams adapter with connection state
 * recovery), in which case it is applied once the publication completed, failed, or took longer
 * than the requests timeout, in the order the operations were made. So local traffic keeps flowing
 * while the transport (Redis, PostgreSQL) is unreachable.
 */
public abstract class ClusterAdapter extends InMemoryAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterAdapter.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The timers (request timeouts, heartbeats). */
  protected final ClusterScheduler scheduler;

  /** The timings. */
  protected final ClusterSettings settings;

  /** This node's uid for this namespace (16 hex characters). */
  protected final String uid = ClusterIds.hex16();

  private final PendingRequests pending;
  // The other nodes heard from (heartbeat mode only).
  private final ClusterNodes nodes;
  // Any thread: System.nanoTime() of the last publication (heartbeat mode).
  private volatile long lastPublish = System.nanoTime();
  // Set by init(), cancelled by close() (heartbeat mode).
  private volatile java.util.concurrent.ScheduledFuture<?> heartbeatTask;
  // Any thread, guarded by this: the last local application waiting on a publication's offset.
  private CompletableFuture<Void> ordered = CompletableFuture.completedFuture(null);

  /**
   * An adapter for {@code nsp} whose timers run on {@code scheduler}.
   *
   * @param nsp the namespace this adapter serves
   * @param scheduler the transport's timers (request timeouts, heartbeats)
   * @param settings the requests timeout and the heartbeat timings
   */
  protected ClusterAdapter(Namespace nsp, ClusterScheduler scheduler, ClusterSettings settings) {
    super(nsp);
    this.scheduler = scheduler;
    this.settings = settings;
    this.pending = new PendingRequests(scheduler, nsp);
    this.nodes = new ClusterNodes(settings.heartbeatTimeout());
  }

  /** {@return the transport's name in error messages ({@code "Redis"}, {@code "PostgreSQL"})} */
  protected String transportName() {
    return "the transport";
  }

  /**
   * The error of a request that could not be sent because the transport is unreachable.
   *
   * @param operation the request, as named in the message ({@code "fetchSockets"} ...)
   * @param cause the transport's failure; its root cause's message goes into the message
   * @return a timeout error naming the operation and the transport, caused by {@code cause}
   */
  protected TimeoutException unavailable(String operation, Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    TimeoutException e =
        new TimeoutException(
            "timeout reached: the cluster cannot be reached for "
                + operation
                + " ("
                + transportName()
                + " unavailable: "
                + root.getMessage()
                + ")");
    e.initCause(cause);
    return e;
  }

  /**
   * Whether this adapter works as socket.io-adapter's {@code ClusterAdapterWithHeartbeat}: nodes
   * announce themselves and send heartbeats, the server count is the number of nodes heard from
   * within the heartbeat timeout, and a request stops waiting for a node that left or seems down.
   *
   * @return true for heartbeat mode; false (the default) otherwise
   */
  protected boolean heartbeats() {
    return false;
  }

  /** {@return the server count in heartbeat mode: 1 + the nodes heard from within the timeout} */
  protected CompletableFuture<Integer> heartbeatServerCount() {
    return CompletableFuture.completedFuture(1 + nodes.size());
  }

  @Override
  public CompletableFuture<Void> init() {
    return super.init()
        .thenRun(
            () -> {
              if (heartbeats()) {
                publish(ClusterProtocol.INITIAL_HEARTBEAT, null);
                Duration interval = settings.heartbeatInterval();
                Duration tick = interval.dividedBy(2);
                if (tick.compareTo(Duration.ofSeconds(1)) > 0) {
                  tick = Duration.ofSeconds(1);
                }
                try {
                  heartbeatTask = scheduler.every(this::heartbeatTick, tick);
                } catch (RuntimeException shutDown) {
                  LOG.debug("[{}] no heartbeats: {}", uid, shutDown.toString());
                }
              }
            });
  }

  private void heartbeatTick() {
    try {
      long now = System.nanoTime();
      for (String down : nodes.expired(now)) {
        LOG.info(
            "[{}] node {} seems down (no message for {})", uid, down, settings.heartbeatTimeout());
        pending.forget(down);
      }
      if (now - lastPublish >= settings.heartbeatInterval().toNanos()) {
        publish(ClusterProtocol.HEARTBEAT, null);
      }
    } catch (RuntimeException e) {
      LOG.warn("[{}] heartbeat failed: {}", uid, e.toString());
    }
  }

  /** {@return this node's uid} */
  public String uid() {
    return uid;
  }

  /**
   * Publishes {@code message} to the other nodes.
   *
   * @param message the message to publish
   * @return completes with the publication's offset ({@code ""} if none) once it is published
   */
  protected abstract CompletableFuture<String> doPublish(ClusterMessage message);

  /**
   * Sends {@code response} to the node {@code requesterUid}.
   *
   * @param requesterUid the uid of the node that made the request
   * @param response the response message
   * @return completes once the response is sent
   */
  protected abstract CompletableFuture<?> doPublishResponse(
      String requesterUid, ClusterMessage response);

  /**
   * Delivers a broadcast received from (or published to) the cluster to the local sockets.
   *
   * @param packet the packet, in this adapter's namespace
   * @param opts the target rooms, excluded rooms and flags
   * @param offset the publication's offset ({@code ""} or {@code null} when there is none)
   */
  protected void deliverBroadcast(SocketPacket packet, BroadcastOptions opts, String offset) {
    super.broadcast(packet, opts);
  }

  /** {@return true when local deliveries need the offset of their publication} */
  protected boolean needsOffset() {
    return false;
  }

  /**
   * Runs {@code action} with the offset of {@code published}: at once when no offset is needed,
   * else when it is known (or {@code null} after a failure or the requests timeout), in order.
   */
  private void applyLocally(CompletableFuture<String> published, Consumer<String> action) {
    if (!needsOffset()) {
      action.accept(null);
      return;
    }
    CompletableFuture<String> bounded =
        published
            .exceptionally(e -> null)
            .completeOnTimeout(null, settings.requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
    synchronized (this) {
      ordered =
          ordered.thenCompose(
              v ->
                  bounded.thenAccept(
                      offset -> {
                        try {
                          action.accept(offset);
                        } catch (RuntimeException e) {
                          LOG.warn("[{}] local delivery failed: {}", uid, e.toString());
                        }
                      }));
    }
  }

  @Override
  public CompletableFuture<Void> close() {
    CompletableFuture<?> goodbye = CompletableFuture.completedFuture(null);
    if (heartbeats()) {
      var task = heartbeatTask;
      if (task != null) {
        task.cancel(false);
      }
      goodbye =
          publish(ClusterProtocol.ADAPTER_CLOSE, null)
              .exceptionally(e -> null)
              .completeOnTimeout(null, 1, TimeUnit.SECONDS);
    }
    pending.failAll(new IllegalStateException("the adapter is closed"));
    return goodbye.thenCompose(v -> super.close());
  }

  private ClusterMessage message(int type, JsonNode data) {
    return new ClusterMessage(uid, nsp.name(), type, data);
  }

  private CompletableFuture<String> publish(int type, JsonNode data) {
    lastPublish = System.nanoTime();
    CompletableFuture<String> f;
    try {
      f = doPublish(message(type, data));
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    return f.whenComplete(
        (offset, e) -> {
          if (e != null) {
            LOG.debug("[{}] publishing message type {} failed: {}", uid, type, e.toString());
          }
        });
  }

  // ---- outgoing -------------------------------------------------------------------------------

  @Override
  public void broadcast(SocketPacket packet, BroadcastOptions opts) {
    if (opts.flags().local()) {
      deliverBroadcast(packet, opts, null);
      return;
    }
    applyLocally(
        publish(
            ClusterProtocol.BROADCAST,
            ClusterMessage.broadcast(packet, null, ServerWire.toWire(opts))),
        offset -> deliverBroadcast(packet, opts, offset));
  }

  @Override
  public void broadcastWithAck(
      SocketPacket packet, BroadcastOptions opts, IntConsumer clientCount, Consumer<JsonNode> ack) {
    if (!opts.flags().local()) {
      String requestId = ClusterIds.hex16();
      Duration timeout =
          opts.flags().timeout() != null ? opts.flags().timeout() : settings.requestsTimeout();
      pending.startAck(requestId, new PendingRequests.AckRequest(clientCount, ack), timeout);
      SocketPacket plain = new SocketPacket(packet.type(), nsp.name(), packet.data(), -1);
      publish(
          ClusterProtocol.BROADCAST,
          ClusterMessage.broadcast(plain, requestId, ServerWire.toWire(opts)));
    }
    super.broadcastWithAck(packet, opts, clientCount, ack);
  }

  @Override
  public void addSockets(BroadcastOptions opts, Collection<String> rooms) {
    if (opts.flags().local()) {
      super.addSockets(opts, rooms);
      return;
    }
    List<String> copy = List.copyOf(rooms);
    applyLocally(
        publish(ClusterProtocol.SOCKETS_JOIN, ClusterMessage.rooms(ServerWire.toWire(opts), copy)),
        o -> super.addSockets(opts, copy));
  }

  @Override
  public void delSockets(BroadcastOptions opts, Collection<String> rooms) {
    if (opts.flags().local()) {
      super.delSockets(opts, rooms);
      return;
    }
    List<String> copy = List.copyOf(rooms);
    applyLocally(
        publish(ClusterProtocol.SOCKETS_LEAVE, ClusterMessage.rooms(ServerWire.toWire(opts), copy)),
        o -> super.delSockets(opts, copy));
  }

  @Override
  public void disconnectSockets(BroadcastOptions opts, boolean close) {
    if (opts.flags().local()) {
      super.disconnectSockets(opts, close);
      return;
    }
    applyLocally(
        publish(
            ClusterProtocol.DISCONNECT_SOCKETS,
            ClusterMessage.disconnect(ServerWire.toWire(opts), close)),
        o -> super.disconnectSockets(opts, close));
  }

  @Override
  public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions opts) {
    CompletableFuture<List<RemoteSocket>> local = super.fetchSockets(opts);
    if (opts.flags().local()) {
      return local;
    }
    return local.thenCompose(
        localSockets ->
            serverCount()
                .handle(
                    (count, error) -> {
                      if (error != null) {
                        return CompletableFuture.<List<RemoteSocket>>failedFuture(
                            unavailable("fetchSockets", error));
                      }
                      int expected = count - 1;
                      if (expected <= 0) {
                        return CompletableFuture.completedFuture(localSockets);
                      }
                      String requestId = ClusterIds.hex16();
                      Duration timeout =
                          opts.flags().timeout() != null
                              ? opts.flags().timeout()
                              : settings.requestsTimeout();
                      CompletableFuture<List<JsonNode>> remote =
                          awaitAnswers("fetchSockets", requestId, expected, timeout, false);
                      publish(
                          ClusterProtocol.FETCH_SOCKETS,
                          ClusterMessage.fetchSockets(ServerWire.toWire(opts), requestId));
                      return remote.thenApply(
                          nodes -> ServerWire.withRemoteSockets(nsp, localSockets, nodes));
                    })
                .thenCompose(f -> f));
  }

  @Override
  public void serverSideEmit(List<JsonNode> packet) {
    publish(ClusterProtocol.SERVER_SIDE_EMIT, ClusterMessage.serverSideEmit(null, array(packet)));
  }

  @Override
  public CompletableFuture<List<JsonNode>> serverSideEmitWithAck(List<JsonNode> packet) {
    return serverCount()
        .handle(
            (count, error) -> {
              if (error != null) {
                return CompletableFuture.<List<JsonNode>>failedFuture(
                    unavailable("serverSideEmit", error));
              }
              int expected = count - 1;
              if (expected <= 0) {
                return CompletableFuture.completedFuture(List.<JsonNode>of());
              }
              String requestId = ClusterIds.hex16();
              CompletableFuture<List<JsonNode>> answers =
                  awaitAnswers(
                      "serverSideEmitWithAck",
                      requestId,
                      expected,
                      settings.requestsTimeout(),
                      true);
              publish(
                  ClusterProtocol.SERVER_SIDE_EMIT,
                  ClusterMessage.serverSideEmit(requestId, array(packet)));
              return answers;
            })
        .thenCompose(f -> f);
  }

  /**
   * Waits for the other nodes' answers to {@code requestId}: {@code expected} of them, or in
   * heartbeat mode one from each node known now (Node's messages for each).
   */
  private CompletableFuture<List<JsonNode>> awaitAnswers(
      String type, String requestId, int expected, Duration timeout, boolean ack) {
    if (heartbeats()) {
      return pending.startFrom(
          type,
          requestId,
          nodes.uids(),
          List.of(),
          timeout,
          (cur, exp, resp) -> {
            String m = "timeout reached: missing " + (exp - cur) + " responses";
            return ack ? new AckTimeoutException(m, resp) : new TimeoutException(m);
          });
    }
    return pending.start(
        type,
        requestId,
        expected,
        List.of(),
        timeout,
        (cur, exp, resp) -> {
          String m = "timeout reached: only " + cur + " responses received out of " + exp;
          return ack ? new AckTimeoutException(m, resp) : new TimeoutException(m);
        });
  }

  private static ArrayNode array(List<JsonNode> packet) {
    return ServerWire.array(packet);
  }

  // ---- incoming -------------------------------------------------------------------------------

  /**
   * Handles a message from another node.
   *
   * @param m the message; this node's own and other namespaces' messages are ignored
   * @param offset the message's offset (a stream entry id), or {@code null}
   */
  protected void onMessage(ClusterMessage m, String offset) {
    if (uid.equals(m.uid()) || !nsp.name().equals(m.nsp())) {
      return;
    }
    if (heartbeats() && m.uid() != null && !ClusterProtocol.EMITTER_UID.equals(m.uid())) {
      nodes.seen(m.uid(), System.nanoTime());
    }
    JsonNode d = m.data();
    switch (m.type()) {
      case ClusterProtocol.INITIAL_HEARTBEAT -> {
        if (heartbeats()) {
          publish(ClusterProtocol.HEARTBEAT, null);
        }
      }
      case ClusterProtocol.HEARTBEAT -> {}
      case ClusterProtocol.ADAPTER_CLOSE -> {
        if (heartbeats() && nodes.remove(m.uid())) {
          pending.forget(m.uid());
        }
      }
      case ClusterProtocol.BROADCAST -> {
        SocketPacket packet = PacketNodes.fromNode(d.get("packet"), nsp.name());
        packet = new SocketPacket(packet.type(), nsp.name(), packet.data(), packet.id());
        BroadcastOptions opts = ServerWire.fromWire(WireOptions.fromNode(d.get("opts")));
        String requestId = m.requestId();
        if (requestId == null) {
          deliverBroadcast(packet, opts, offset);
          return;
        }
        String from = m.uid();
        super.broadcastWithAck(
            packet,
            opts,
            count ->
                publishResponse(
                    from,
                    ClusterProtocol.BROADCAST_CLIENT_COUNT,
                    ClusterMessage.clientCount(requestId, count)),
            arg ->
                publishResponse(
                    from, ClusterProtocol.BROADCAST_ACK, ClusterMessage.response(requestId, arg)));
      }
      case ClusterProtocol.SOCKETS_JOIN ->
          super.addSockets(
              ServerWire.fromWire(WireOptions.fromNode(d.get("opts"))),
              WireOptions.stringList(d.get("rooms")));
      case ClusterProtocol.SOCKETS_LEAVE ->
          super.delSockets(
              ServerWire.fromWire(WireOptions.fromNode(d.get("opts"))),
              WireOptions.stringList(d.get("rooms")));
      case ClusterProtocol.DISCONNECT_SOCKETS ->
          super.disconnectSockets(
              ServerWire.fromWire(WireOptions.fromNode(d.get("opts"))),
              d.path("close").asBoolean(false));
      case ClusterProtocol.FETCH_SOCKETS -> {
        String requestId = m.requestId();
        String from = m.uid();
        super.fetchSockets(ServerWire.fromWire(WireOptions.fromNode(d.get("opts"))))
            .thenAccept(
                sockets ->
                    publishResponse(
                        from,
                        ClusterProtocol.FETCH_SOCKETS_RESPONSE,
                        ClusterMessage.fetchSocketsResponse(
                            requestId, ServerWire.socketNodes(sockets))));
      }
      case ClusterProtocol.SERVER_SIDE_EMIT -> {
        List<JsonNode> args = new ArrayList<>();
        d.path("packet").forEach(args::add);
        String requestId = m.requestId();
        if (requestId == null) {
          nsp.deliverServerSideEmit(args, null);
          return;
        }
        String from = m.uid();
        AtomicBoolean called = new AtomicBoolean();
        nsp.deliverServerSideEmit(
            args,
            arg -> {
              if (called.compareAndSet(false, true)) {
                publishResponse(
                    from,
                    ClusterProtocol.SERVER_SIDE_EMIT_RESPONSE,
                    ClusterMessage.response(requestId, arg));
              }
            });
      }
      case ClusterProtocol.FETCH_SOCKETS_RESPONSE,
          ClusterProtocol.SERVER_SIDE_EMIT_RESPONSE,
          ClusterProtocol.BROADCAST_CLIENT_COUNT,
          ClusterProtocol.BROADCAST_ACK ->
          onResponse(m);
      default -> LOG.debug("[{}] ignoring message type {}", uid, m.type());
    }
  }

  /**
   * Handles a response to one of this node's requests.
   *
   * @param m the response message
   */
  protected void onResponse(ClusterMessage m) {
    if (m.data() == null) {
      return;
    }
    String requestId = m.requestId();
    JsonNode d = m.data();
    switch (m.type()) {
      case ClusterProtocol.BROADCAST_CLIENT_COUNT -> {
        PendingRequests.AckRequest ack = pending.ack(requestId);
        if (ack != null) {
          ack.clientCount().accept(d.path("clientCount").asInt());
        }
      }
      case ClusterProtocol.BROADCAST_ACK -> {
        PendingRequests.AckRequest ack = pending.ack(requestId);
        if (ack != null) {
          JsonNode arg = d.get("packet");
          ack.ack().accept(arg == null ? NODES.nullNode() : arg);
        }
      }
      case ClusterProtocol.FETCH_SOCKETS_RESPONSE -> {
        List<JsonNode> items = new ArrayList<>();
        d.path("sockets").forEach(items::add);
        pending.answer(requestId, m.uid(), items);
      }
      case ClusterProtocol.SERVER_SIDE_EMIT_RESPONSE -> {
        JsonNode arg = d.get("packet");
        pending.answer(requestId, m.uid(), List.of(arg == null ? NODES.nullNode() : arg));
      }
      default -> LOG.debug("[{}] ignoring response type {}", uid, m.type());
    }
  }

  private void publishResponse(String requesterUid, int type, JsonNode data) {
    try {
      doPublishResponse(requesterUid, message(type, data))
          .whenComplete(
              (r, e) -> {
                if (e != null) {
                  LOG.debug("[{}] publishing response {} failed: {}", uid, type, e.toString());
                }
              });
    } catch (RuntimeException e) {
      LOG.debug("[{}] publishing response {} failed: {}", uid, type, e.toString());
    }
  }
}
