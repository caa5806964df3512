package dev.sio.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio.cluster.ClusterMessage;
import dev.sio.cluster.ClusterProtocol;
import dev.sio.cluster.internal.ServerWire;
import dev.sio.cluster.internal.WireOptions;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.redis.StreamsFormat;
import dev.sio.server.BroadcastOptions;
import dev.sio.server.Namespace;
import dev.sio.server.RecoveryOptions;
import dev.sio.server.Session;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter of {@code @socket.io/redis-streams-adapter} 0.3 for one namespace: broadcasts, joins,
 * leaves and disconnects as entries of one Redis stream (XADD, read by the server's {@link
 * StreamReader}), requests and responses over pub/sub in msgpack, and connection state recovery
 * across servers: sessions are kept in Redis ({@code SET sio:session:<pid>}) and the missed
 * broadcasts are read back from the stream.
 */
public final class StreamsRedisAdapter extends ClusterRedisAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsRedisAdapter.class);
  private static final Pattern OFFSET = Pattern.compile("^[0-9]+-[0-9]+$");
  private static final int MAX_XRANGE_CALLS = 100;

  private final StreamReader reader;
  private final byte[] streamKey;
  private final String publicChannel;
  private final String privateChannel;
  private final XAddArgs xaddArgs;
  private final boolean sharded;
  private final boolean v02;

  /** An adapter for {@code nsp} reading its entries with {@code reader}. */
  public StreamsRedisAdapter(
      Namespace nsp, RedisLink link, StreamReader reader, RedisAdapterOptions options) {
    super(nsp, link, options);
    this.reader = reader;
    this.streamKey = RedisLink.bytes(reader.streamName());
    this.sharded = options.useShardedPubSub();
    this.v02 = options.streamsFormat() == StreamsFormat.V0_2;
    this.publicChannel = ClusterProtocol.mainChannel(options.keyPrefix(), nsp.name());
    this.privateChannel = ClusterProtocol.subChannel(options.keyPrefix(), nsp.name(), uid);
    this.xaddArgs = new XAddArgs().maxlen(options.maxLen()).approximateTrimming();
  }

  /**
   * The stream of namespace {@code nsp} among {@code count}: {@code base} alone, else {@code
   * base-i} with {@code i} the namespace's hash modulo the count (Node's {@code hashCode} is Java's
   * {@code String.hashCode}, and both keep the sign of {@code %}).
   */
  public static String streamName(String base, int count, String nsp) {
    return count == 1 ? base : base + "-" + (nsp.hashCode() % count);
  }

  @Override
  protected boolean heartbeats() {
    return v02;
  }

  @Override
  public CompletableFuture<Void> init() {
    reader.register(nsp.name(), this::onMessage);
    if (v02) {
      return super.init();
    }
    return super.init()
        .thenCompose(
            v ->
                sharded
                    ? link.ssubscribe(this::onPubSub, publicChannel, privateChannel)
                    : link.subscribe(this::onPubSub, publicChannel, privateChannel));
  }

  @Override
  public CompletableFuture<Void> close() {
    reader.unregister(nsp.name());
    if (v02) {
      return super.close();
    }
    return (sharded
            ? link.sunsubscribe(publicChannel, privateChannel)
            : link.unsubscribe(publicChannel, privateChannel))
        .exceptionally(e -> null)
        .thenCompose(v -> super.close());
  }

  @Override
  public CompletableFuture<Integer> serverCount() {
    return v02 ? heartbeatServerCount() : link.numsub(publicChannel, sharded);
  }

  private CompletableFuture<Long> pubsub(String channel, byte[] payload) {
    return sharded ? link.spublish(channel, payload) : link.publish(channel, payload);
  }

  private void onPubSub(String channel, byte[] payload) {
    ClusterMessage m;
    try {
      m = ClusterCodec.decodeMsgpack(payload);
    } catch (IllegalArgumentException e) {
      LOG.debug("invalid format: {}", e.getMessage());
      return;
    }
    onMessage(m, null);
  }

  private static boolean isEphemeral(ClusterMessage m) {
    return (m.type() == ClusterProtocol.BROADCAST && m.requestId() != null)
        || m.type() == ClusterProtocol.SERVER_SIDE_EMIT
        || m.type() == ClusterProtocol.FETCH_SOCKETS;
  }

  @Override
  protected CompletableFuture<String> doPublish(ClusterMessage message) {
    if (!v02 && isEphemeral(message)) {
      return pubsub(publicChannel, ClusterCodec.encodeMsgpack(message)).thenApply(n -> "");
    }
    Map<byte[], byte[]> body = new LinkedHashMap<>();
    int[] size = {0};
    ClusterCodec.encodeEntry(message, !v02 && options.onlyPlaintext())
        .forEach(
            (k, v) -> {
              byte[] value = RedisLink.bytes(v);
              size[0] += value.length;
              body.put(RedisLink.bytes(k), value);
            });
    return link.send(size[0], c -> c.xadd(streamKey, xaddArgs, body));
  }

  @Override
  protected CompletableFuture<?> doPublishResponse(String requesterUid, ClusterMessage response) {
    if (v02) {
      return doPublish(response); // 0.2 answers in the stream too
    }
    return pubsub(
        ClusterProtocol.subChannel(options.keyPrefix(), nsp.name(), requesterUid),
        ClusterCodec.encodeMsgpack(response));
  }

  @Override
  protected void deliverBroadcast(SocketPacket packet, BroadcastOptions opts, String offset) {
    if (recovery() != null
        && offset != null
        && !offset.isEmpty()
        && packet.type() == SocketPacketType.EVENT
        && !packet.hasId()
        && !opts.flags().isVolatile()
        && packet.data() instanceof ArrayNode data) {
      ArrayNode withOffset = data.deepCopy();
      withOffset.add(offset);
      deliver(new SocketPacket(packet.type(), nsp.name(), withOffset, packet.id()), opts);
    } else {
      deliver(packet, opts);
    }
  }

  @Override
  protected boolean needsOffset() {
    return recovery() != null;
  }

  private RecoveryOptions recovery() {
    return nsp.server().options().connectionStateRecovery();
  }

  // ---- connection state recovery --------------------------------------------------------------

  @Override
  public String currentOffset() {
    return reader.lastId();
  }

  @Override
  public void persistSession(Session session) {
    RecoveryOptions recovery = recovery();
    if (recovery == null) {
      return;
    }
    JsonNode data = ServerWire.dataNode(session.data());
    String value =
        SessionCodec.encode(
            new SessionCodec.Session(session.sid(), session.pid(), session.rooms(), data));
    byte[] raw = RedisLink.bytes(value);
    link.send(
            raw.length,
            c ->
                c.set(
                    RedisLink.bytes(options.sessionKeyPrefix() + session.pid()),
                    raw,
                    SetArgs.Builder.px(recovery.maxDisconnectionDuration().toMillis())))
        .whenComplete(
            (ok, e) -> {
              if (e != null) {
                LOG.warn("persisting session {} failed: {}", session.pid(), e.toString());
              }
            });
  }

  @Override
  public CompletableFuture<Session> restoreSession(String pid, String offset) {
    if (offset == null || !OFFSET.matcher(offset).matches()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<byte[]> raw =
        link.call(
            "restoring session " + pid,
            c -> c.getdel(RedisLink.bytes(options.sessionKeyPrefix() + pid)));
    CompletableFuture<List<StreamMessage<byte[], byte[]>>> exists =
        link.call(
            "restoring session " + pid, c -> c.xrange(streamKey, Range.create(offset, offset)));
    return raw.thenCombine(
            exists, (value, found) -> value == null || found.isEmpty() ? null : value)
        .thenCompose(
            value -> {
              if (value == null) {
                return CompletableFuture.completedFuture(null);
              }
              SessionCodec.Session stored = SessionCodec.decode(RedisLink.utf8(value));
              List<JsonNode> missed = new ArrayList<>();
              return collect(offset, stored.rooms(), missed, 0)
                  .thenApply(
                      v ->
                          new Session(
                              stored.sid(),
                              stored.pid(),
                              stored.rooms(),
                              ServerWire.dataValue(stored.data()),
                              null,
                              missed));
            })
        .exceptionally(
            e -> {
              LOG.debug("restoring session {} failed: {}", pid, e.toString());
              return null;
            });
  }

  private CompletableFuture<Void> collect(
      String offset, List<String> sessionRooms, List<JsonNode> missed, int calls) {
    if (calls >= MAX_XRANGE_CALLS) {
      return CompletableFuture.completedFuture(null);
    }
    return link.call(
            "reading missed packets",
            c -> c.xrange(streamKey, Range.create(nextOffset(offset), "+")))
        .thenCompose(
            entries -> {
              if (entries.isEmpty()) {
                return CompletableFuture.completedFuture(null);
              }
              String last = offset;
              for (StreamMessage<byte[], byte[]> entry : entries) {
                last = entry.getId();
                Map<String, String> fields = ClusterCodec.utf8Fields(entry.getBody());
                if (!nsp.name().equals(fields.get("nsp")) || !"3".equals(fields.get("type"))) {
                  continue;
                }
                ClusterMessage m = ClusterCodec.decodeEntry(fields);
                WireOptions opts = WireOptions.fromNode(m.data().get("opts"));
                JsonNode data = m.data().path("packet").get("data");
                if (data instanceof ArrayNode array && shouldInclude(sessionRooms, opts)) {
                  ArrayNode copy = array.deepCopy();
                  copy.add(entry.getId());
                  missed.add(copy);
                }
              }
              return collect(last, sessionRooms, missed, calls + 1);
            });
  }

  /** Node's rule: no target room or a shared one, and no shared except room. */
  static boolean shouldInclude(List<String> sessionRooms, WireOptions opts) {
    Set<String> rooms = new HashSet<>(sessionRooms);
    boolean included = opts.rooms().isEmpty() || opts.rooms().stream().anyMatch(rooms::contains);
    boolean excluded = opts.except().stream().anyMatch(rooms::contains);
    return included && !excluded;
  }

  /** {@code ts-(seq+1)}: the first id after {@code offset} (exclusive ranges need Redis 6.2). */
  static String nextOffset(String offset) {
    int dash = offset.indexOf('-');
    return offset.substring(0, dash) + "-" + (Long.parseLong(offset.substring(dash + 1)) + 1);
  }
}
