package dev.sio.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.internal.ClusterIds;
import dev.sio.cluster.internal.PacketNodes;
import dev.sio.cluster.internal.PendingRequests;
import dev.sio.cluster.internal.ServerWire;
import dev.sio.cluster.internal.WireOptions;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.server.AckTimeoutException;
import dev.sio.server.BroadcastOptions;
import dev.sio.server.InMemoryAdapter;
import dev.sio.server.Namespace;
import dev.sio.server.RemoteSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic adapter of {@code @socket.io/redis-adapter} 8.3 ({@code createAdapter}) for one
 * namespace: broadcasts as msgpack on {@code prefix#nsp#[room#]}, requests on {@code
 * prefix-request#nsp#}, responses on {@code prefix-response#nsp#[uid#]}, the server count from
 * {@code PUBSUB NUMSUB} of the request channel.
 *
 * <p>One difference with Node, invisible on the wire: socketsJoin, socketsLeave and
 * disconnectSockets are applied locally at once and this node's own copy is ignored when it comes
 * back (Node waits for its copy), so they keep working locally while Redis is down.
 */
public final class ClassicRedisAdapter extends InMemoryAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ClassicRedisAdapter.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final RedisLink link;
  private final RedisAdapterOptions options;
  private final String uid = ClusterIds.uid2(6);
  private final String channel;
  private final String requestChannel;
  private final String responseChannel;
  private final String specificResponseChannel;
  private final PendingRequests pending;

  /** An adapter for {@code nsp} over {@code link}. */
  public ClassicRedisAdapter(Namespace nsp, RedisLink link, RedisAdapterOptions options) {
    super(nsp);
    this.link = link;
    this.options = options;
    String prefix = options.keyPrefix();
    this.channel = ClassicProtocol.broadcastChannel(prefix, nsp.name());
    this.requestChannel = ClassicProtocol.requestChannel(prefix, nsp.name());
    this.responseChannel = ClassicProtocol.responseChannel(prefix, nsp.name());
    this.specificResponseChannel = ClassicProtocol.responseChannel(prefix, nsp.name(), uid);
    this.pending = new PendingRequests(ClusterRedisAdapter.scheduler(link), nsp);
  }

  /** This node's uid (6 characters). */
  public String uid() {
    return uid;
  }

  @Override
  public CompletableFuture<Void> init() {
    return super.init()
        .thenCompose(
            v ->
                CompletableFuture.allOf(
                    link.psubscribe(this::onBroadcastMessage, channel + "*"),
                    link.subscribe(
                        this::onRequestMessage,
                        requestChannel,
                        responseChannel,
                        specificResponseChannel)));
  }

  @Override
  public CompletableFuture<Void> close() {
    pending.failAll(new IllegalStateException("the adapter is closed"));
    CompletableFuture<Void> unsub =
        CompletableFuture.allOf(
                link.punsubscribe(channel + "*"),
                link.unsubscribe(requestChannel, responseChannel, specificResponseChannel))
            .exceptionally(e -> null);
    return unsub.thenCompose(v -> super.close());
  }

  @Override
  public CompletableFuture<Integer> serverCount() {
    return link.numsub(requestChannel, false);
  }

  // ---- outgoing -------------------------------------------------------------------------------

  @Override
  public void broadcast(SocketPacket packet, BroadcastOptions opts) {
    if (!opts.flags().local()) {
      SocketPacket withNsp =
          new SocketPacket(packet.type(), nsp.name(), packet.data(), packet.id());
      byte[] msg = ClassicCodec.encodeBroadcast(uid, withNsp, ServerWire.toWire(opts));
      String target =
          opts.rooms().size() == 1
              ? ClassicProtocol.roomChannel(
                  options.keyPrefix(), nsp.name(), opts.rooms().iterator().next())
              : channel;
      link.publish(target, msg);
    }
    super.broadcast(packet, opts);
  }

  @Override
  public void broadcastWithAck(
      SocketPacket packet, BroadcastOptions opts, IntConsumer clientCount, Consumer<JsonNode> ack) {
    if (!opts.flags().local()) {
      String requestId = ClusterIds.uid2(6);
      Duration timeout =
          opts.flags().timeout() != null ? opts.flags().timeout() : options.requestsTimeout();
      pending.startAck(requestId, new PendingRequests.AckRequest(clientCount, ack), timeout);
      SocketPacket withNsp = new SocketPacket(packet.type(), nsp.name(), packet.data(), -1);
      link.publish(
          requestChannel,
          ClassicCodec.broadcastWithAckRequest(uid, requestId, withNsp, ServerWire.toWire(opts)));
    }
    super.broadcastWithAck(packet, opts, clientCount, ack);
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
                    (numSub, error) -> {
                      if (error != null) {
                        return CompletableFuture.<List<RemoteSocket>>failedFuture(
                            unavailable("fetchSockets", error));
                      }
                      if (numSub <= 1) {
                        return CompletableFuture.completedFuture(localSockets);
                      }
                      String requestId = ClusterIds.uid2(6);
                      CompletableFuture<List<JsonNode>> remote =
                          pending.start(
                              "fetchSockets",
                              requestId,
                              numSub - 1,
                              List.of(),
                              options.requestsTimeout(),
                              (cur, exp, resp) ->
                                  new TimeoutException(
                                      "timeout reached while waiting for fetchSockets response"));
                      link.publish(
                          requestChannel,
                          ClassicCodec.fetchSocketsRequest(
                              uid, requestId, ServerWire.toWire(opts)));
                      return remote.thenApply(
                          nodes -> ServerWire.withRemoteSockets(nsp, localSockets, nodes));
                    })
                .thenCompose(f -> f));
  }

  @Override
  public void addSockets(BroadcastOptions opts, Collection<String> rooms) {
    super.addSockets(opts, rooms);
    if (!opts.flags().local()) {
      link.publish(
          requestChannel,
          ClassicCodec.roomsRequest(
              uid, ClassicProtocol.REMOTE_JOIN, ServerWire.toWire(opts), rooms));
    }
  }

  @Override
  public void delSockets(BroadcastOptions opts, Collection<String> rooms) {
    super.delSockets(opts, rooms);
    if (!opts.flags().local()) {
      link.publish(
          requestChannel,
          ClassicCodec.roomsRequest(
              uid, ClassicProtocol.REMOTE_LEAVE, ServerWire.toWire(opts), rooms));
    }
  }

  @Override
  public void disconnectSockets(BroadcastOptions opts, boolean close) {
    if (!opts.flags().local()) {
      link.publish(
          requestChannel, ClassicCodec.disconnectRequest(uid, ServerWire.toWire(opts), close));
    }
    super.disconnectSockets(opts, close);
  }

  @Override
  public void serverSideEmit(List<JsonNode> packet) {
    link.publish(
        requestChannel, ClassicCodec.serverSideEmitRequest(uid, null, ServerWire.array(packet)));
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
              String requestId = ClusterIds.uid2(6);
              CompletableFuture<List<JsonNode>> answers =
                  pending.start(
                      "serverSideEmitWithAck",
                      requestId,
                      expected,
                      List.of(),
                      options.requestsTimeout(),
                      (cur, exp, resp) ->
                          new AckTimeoutException(
                              "timeout reached: only " + cur + " responses received out of " + exp,
                              resp));
              link.publish(
                  requestChannel,
                  ClassicCodec.serverSideEmitRequest(uid, requestId, ServerWire.array(packet)));
              return answers;
            })
        .thenCompose(f -> f);
  }

  static TimeoutException unavailable(String operation, Throwable cause) {
    TimeoutException e =
        new TimeoutException(
            "timeout reached: the cluster cannot be reached for "
                + operation
                + " (Redis unavailable: "
                + rootMessage(cause)
                + ")");
    e.initCause(cause);
    return e;
  }

  static String rootMessage(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  // ---- incoming -------------------------------------------------------------------------------

  private void onBroadcastMessage(String ch, byte[] msg) {
    if (!ch.startsWith(channel) || ch.length() < channel.length()) {
      return;
    }
    String room =
        ch.length() > channel.length() ? ch.substring(channel.length(), ch.length() - 1) : "";
    if (!room.isEmpty() && !hasRoom(room)) {
      return; // no local socket in that room: not even decoded
    }
    ClassicCodec.Broadcast b = ClassicCodec.decodeBroadcast(msg);
    if (uid.equals(b.uid()) || !nsp.name().equals(b.packet().namespace())) {
      return;
    }
    super.broadcast(b.packet(), ServerWire.fromWire(b.options()));
  }

  private void onRequestMessage(String ch, byte[] msg) {
    if (ch.startsWith(responseChannel)) {
      onResponse(msg);
      return;
    }
    ObjectNode req;
    try {
      req = ClassicCodec.decodeRequest(msg);
    } catch (IllegalArgumentException e) {
      LOG.debug("ignoring an invalid request: {}", e.getMessage());
      return;
    }
    String requestId = req.hasNonNull("requestId") ? req.get("requestId").asText() : null;
    String from = req.hasNonNull("uid") ? req.get("uid").asText() : null;
    switch (req.path("type").asInt(-1)) {
      case ClassicProtocol.SOCKETS -> {
        if (pending.has(requestId)) {
          return;
        }
        super.sockets(Set.copyOf(WireOptions.stringList(req.get("rooms"))))
            .thenAccept(
                ids ->
                    publishResponse(
                        from, ClassicCodec.socketsResponse(requestId, WireOptions.strings(ids))));
      }
      case ClassicProtocol.ALL_ROOMS -> {
        if (pending.has(requestId)) {
          return;
        }
        publishResponse(from, ClassicCodec.allRoomsResponse(requestId, rooms()));
      }
      case ClassicProtocol.REMOTE_JOIN,
          ClassicProtocol.REMOTE_LEAVE,
          ClassicProtocol.REMOTE_DISCONNECT ->
          onRoomRequest(req, from, requestId);
      case ClassicProtocol.REMOTE_FETCH -> {
        if (pending.has(requestId)) {
          return;
        }
        BroadcastOptions opts = ServerWire.fromWire(WireOptions.fromNode(req.get("opts")));
        super.fetchSockets(opts)
            .thenAccept(
                sockets ->
                    publishResponse(
                        from,
                        ClassicCodec.socketsResponse(requestId, ServerWire.socketNodes(sockets))));
      }
      case ClassicProtocol.SERVER_SIDE_EMIT -> {
        if (uid.equals(from)) {
          return;
        }
        List<JsonNode> data = new ArrayList<>();
        req.path("data").forEach(data::add);
        if (requestId == null) {
          nsp.deliverServerSideEmit(data, null);
          return;
        }
        AtomicBoolean called = new AtomicBoolean();
        nsp.deliverServerSideEmit(
            data,
            arg -> {
              if (called.compareAndSet(false, true)) {
                // Node always answers serverSideEmit on the shared channel
                link.publish(responseChannel, ClassicCodec.serverSideEmitResponse(requestId, arg));
              }
            });
      }
      case ClassicProtocol.BROADCAST -> {
        if (pending.ack(requestId) != null) {
          return; // this node's own broadcast
        }
        SocketPacket packet = PacketNodes.fromNode(req.get("packet"), "/");
        BroadcastOptions opts = ServerWire.fromWire(WireOptions.fromNode(req.get("opts")));
        super.broadcastWithAck(
            packet,
            opts,
            count -> publishResponse(from, ClassicCodec.clientCountResponse(requestId, count)),
            arg -> publishResponse(from, ClassicCodec.broadcastAckResponse(requestId, arg)));
      }
      default -> LOG.debug("ignoring a request of unknown type {}", req.get("type"));
    }
  }

  private void onRoomRequest(ObjectNode req, String from, String requestId) {
    int type = req.path("type").asInt();
    if (req.has("opts")) {
      if (uid.equals(from)) {
        return; // applied locally when sent
      }
      BroadcastOptions opts = ServerWire.fromWire(WireOptions.fromNode(req.get("opts")));
      List<String> rooms = WireOptions.stringList(req.get("rooms"));
      switch (type) {
        case ClassicProtocol.REMOTE_JOIN -> super.addSockets(opts, rooms);
        case ClassicProtocol.REMOTE_LEAVE -> super.delSockets(opts, rooms);
        default -> super.disconnectSockets(opts, req.path("close").asBoolean(false));
      }
      return;
    }
    // the legacy single-socket form
    String sid = req.path("sid").asText("");
    if (socketRooms(sid) == null) {
      return;
    }
    BroadcastOptions one = BroadcastOptions.rooms(Set.of(sid));
    switch (type) {
      case ClassicProtocol.REMOTE_JOIN -> super.addSockets(one, List.of(req.path("room").asText()));
      case ClassicProtocol.REMOTE_LEAVE ->
          super.delSockets(one, List.of(req.path("room").asText()));
      default -> super.disconnectSockets(one, req.path("close").asBoolean(false));
    }
    publishResponse(from, ClassicCodec.emptyResponse(requestId));
  }

  private void publishResponse(String requesterUid, byte[] payload) {
    String target =
        options.publishOnSpecificResponseChannel() && requesterUid != null
            ? responseChannel + requesterUid + "#"
            : responseChannel;
    link.publish(target, payload);
  }

  private void onResponse(byte[] msg) {
    ObjectNode res;
    try {
      res = ClassicCodec.decodeRequest(msg);
    } catch (IllegalArgumentException e) {
      LOG.debug("ignoring an invalid response: {}", e.getMessage());
      return;
    }
    String requestId = res.hasNonNull("requestId") ? res.get("requestId").asText() : null;
    PendingRequests.AckRequest ack = pending.ack(requestId);
    if (ack != null) {
      switch (res.path("type").asInt(-1)) {
        case ClassicProtocol.BROADCAST_CLIENT_COUNT ->
            ack.clientCount().accept(res.path("clientCount").asInt());
        case ClassicProtocol.BROADCAST_ACK -> {
          JsonNode arg = res.get("packet");
          ack.ack().accept(arg == null ? NODES.nullNode() : arg);
        }
        default -> {}
      }
      return;
    }
    if (!pending.has(requestId)) {
      return;
    }
    if (res.get("sockets") instanceof ArrayNode sockets) {
      List<JsonNode> items = new ArrayList<>();
      sockets.forEach(items::add);
      pending.answer(requestId, items);
    } else if (res.get("rooms") instanceof ArrayNode rooms) {
      List<JsonNode> items = new ArrayList<>();
      rooms.forEach(items::add);
      pending.answer(requestId, items);
    } else if (res.path("type").asInt(-1) == ClassicProtocol.SERVER_SIDE_EMIT) {
      JsonNode data = res.get("data");
      pending.answer(requestId, List.of(data == null ? NODES.nullNode() : data));
    } else {
      pending.answer(requestId, List.of());
    }
  }
}
