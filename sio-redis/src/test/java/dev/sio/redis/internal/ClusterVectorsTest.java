package dev.sio.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.ClusterMessage;
import dev.sio.cluster.ClusterProtocol;
import dev.sio.cluster.internal.JsonValues;
import dev.sio.cluster.internal.PacketNodes;
import dev.sio.cluster.internal.WireOptions;
import dev.sio.redis.SubscriptionMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every captured vector of the Node.js adapters (resources {@code cluster-vectors/}): decoded to
 * the captured value, then rebuilt with the same builders the adapters use and encoded back to the
 * captured bytes.
 */
@Timeout(30)
class ClusterVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String PREFIX = "socket.io";

  static Stream<Arguments> vectors(String variant) {
    try (InputStream in =
        ClusterVectorsTest.class.getResourceAsStream(
            "/cluster-vectors/" + variant + "/vectors.json")) {
      JsonNode all = JsonValues.MAPPER.readTree(in);
      List<Arguments> out = new ArrayList<>();
      for (JsonNode v : all) {
        out.add(Arguments.of(v.get("file").asText(), v));
      }
      return out.stream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> classicVectors() {
    return Stream.concat(vectors("redis"), vectors("redis-specific"));
  }

  static Stream<Arguments> shardedVectors() {
    return vectors("sharded");
  }

  static Stream<Arguments> streamsVectors() {
    return vectors("streams");
  }

  @Test
  void allVectorFilesAreCovered() {
    assertThat(classicVectors().count()).isEqualTo(40);
    assertThat(shardedVectors().count()).isEqualTo(19);
    assertThat(streamsVectors().count()).isEqualTo(21);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("classicVectors")
  void classic(String file, JsonNode v) {
    byte[] payload = HEX.parseHex(v.get("payloadHex").asText());
    JsonNode expected = withBinary(v.get("decoded"));
    String type = v.get("type").asText();
    String target = v.get("target").asText();
    byte[] reencoded;
    if (type.startsWith("BROADCAST_MSG")) {
      ClassicCodec.Broadcast b = ClassicCodec.decodeBroadcast(payload);
      assertThat(b.uid()).isEqualTo(expected.get(0).asText());
      assertThat(PacketNodes.toNode(b.packet(), true)).isEqualTo(expected.get(1));
      assertThat(b.options().toNode()).isEqualTo(expected.get(2));
      List<String> rooms = b.options().rooms();
      assertThat(target)
          .isEqualTo(
              rooms.size() == 1
                  ? ClassicProtocol.roomChannel(PREFIX, "/", rooms.get(0))
                  : ClassicProtocol.broadcastChannel(PREFIX, "/"));
      reencoded =
          b.uid().equals(ClassicProtocol.EMITTER_UID)
              ? ClassicCodec.encodeEmitterBroadcast(b.packet(), b.options())
              : ClassicCodec.encodeBroadcast(b.uid(), b.packet(), b.options());
    } else {
      ObjectNode m = ClassicCodec.decodeRequest(payload);
      assertThat(m).isEqualTo(expected);
      assertThat(v.get("encoding").asText())
          .isEqualTo(JsonValues.looksLikeJson(payload) ? "json" : "msgpack");
      String uid = m.has("uid") ? m.get("uid").asText() : null;
      String requestId = m.has("requestId") ? m.get("requestId").asText() : null;
      if (type.startsWith("REQ_")) {
        assertThat(target).isEqualTo(ClassicProtocol.requestChannel(PREFIX, "/"));
      } else {
        assertThat(target).startsWith(ClassicProtocol.responseChannel(PREFIX, "/"));
      }
      reencoded =
          switch (type.replace("_emitter", "")) {
            case "REQ_REMOTE_FETCH" -> {
              assertThat(m.get("type").asInt()).isEqualTo(ClassicProtocol.REMOTE_FETCH);
              yield ClassicCodec.fetchSocketsRequest(
                  uid, requestId, WireOptions.fromNode(m.get("opts")));
            }
            case "RESP_FETCH_OR_SOCKETS" ->
                ClassicCodec.socketsResponse(requestId, (ArrayNode) m.get("sockets"));
            case "REQ_SERVER_SIDE_EMIT" -> {
              assertThat(m.get("type").asInt()).isEqualTo(ClassicProtocol.SERVER_SIDE_EMIT);
              yield ClassicCodec.serverSideEmitRequest(uid, requestId, (ArrayNode) m.get("data"));
            }
            case "RESP_SERVER_SIDE_EMIT" -> {
              assertThat(m.get("type").asInt()).isEqualTo(ClassicProtocol.SERVER_SIDE_EMIT);
              yield ClassicCodec.serverSideEmitResponse(requestId, m.get("data"));
            }
            case "REQ_BROADCAST" -> {
              assertThat(m.get("type").asInt()).isEqualTo(ClassicProtocol.BROADCAST);
              yield ClassicCodec.broadcastWithAckRequest(
                  uid,
                  requestId,
                  PacketNodes.fromNode(m.get("packet"), "/"),
                  WireOptions.fromNode(m.get("opts")));
            }
            case "RESP_BROADCAST_CLIENT_COUNT" -> {
              assertThat(m.get("type").asInt()).isEqualTo(ClassicProtocol.BROADCAST_CLIENT_COUNT);
              yield ClassicCodec.clientCountResponse(requestId, m.get("clientCount").asInt());
            }
            case "RESP_BROADCAST_ACK" -> {
              assertThat(m.get("type").asInt()).isEqualTo(ClassicProtocol.BROADCAST_ACK);
              yield ClassicCodec.broadcastAckResponse(requestId, m.get("packet"));
            }
            case "REQ_REMOTE_JOIN", "REQ_REMOTE_LEAVE" -> {
              int code = m.get("type").asInt();
              assertThat(code)
                  .isEqualTo(
                      type.contains("JOIN")
                          ? ClassicProtocol.REMOTE_JOIN
                          : ClassicProtocol.REMOTE_LEAVE);
              yield ClassicCodec.roomsRequest(
                  uid,
                  code,
                  WireOptions.fromNode(m.get("opts")),
                  WireOptions.stringList(m.get("rooms")));
            }
            case "REQ_REMOTE_DISCONNECT" -> {
              assertThat(m.get("type").asInt()).isEqualTo(ClassicProtocol.REMOTE_DISCONNECT);
              yield ClassicCodec.disconnectRequest(
                  uid, WireOptions.fromNode(m.get("opts")), m.get("close").asBoolean());
            }
            default -> throw new AssertionError("unexpected vector type " + type);
          };
    }
    assertThat(HEX.formatHex(reencoded)).isEqualTo(HEX.formatHex(payload));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shardedVectors")
  void sharded(String file, JsonNode v) {
    byte[] payload = HEX.parseHex(v.get("payloadHex").asText());
    JsonNode expected = withBinary(v.get("decoded"));
    ClusterMessage m = ClusterCodec.decodeSharded(payload);
    assertThat(m.toNode()).isEqualTo(expected);
    ClusterMessage rebuilt = new ClusterMessage(m.uid(), m.nsp(), m.type(), rebuildData(m));
    String target = v.get("target").asText();
    if (ClusterProtocol.isResponse(m.type())) {
      assertThat(target).matches("socket\\.io#/#[0-9a-f]{16}#");
    } else {
      assertThat(target)
          .isEqualTo(ShardedRouting.channelFor(PREFIX, SubscriptionMode.DYNAMIC, rebuilt));
    }
    byte[] reencoded =
        m.uid().equals(ClusterProtocol.EMITTER_UID)
            ? JsonValues.stringify(rebuilt.toEmitterNode())
            : ClusterCodec.encodeSharded(rebuilt);
    assertThat(v.get("encoding").asText())
        .isEqualTo(JsonValues.looksLikeJson(payload) ? "json" : "msgpack");
    assertThat(HEX.formatHex(reencoded)).isEqualTo(HEX.formatHex(payload));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streamsVectors")
  void streams(String file, JsonNode v) {
    JsonNode expected = withBinary(v.get("decoded"));
    String cmd = v.get("cmd").asText();
    switch (cmd) {
      case "XADD" -> {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.get("fields").properties().iterator();
            it.hasNext(); ) {
          var e = it.next();
          fields.put(e.getKey(), e.getValue().asText());
        }
        ClusterMessage m = ClusterCodec.decodeEntry(fields);
        assertThat(m.uid()).isEqualTo(expected.get("uid").asText());
        assertThat(m.nsp()).isEqualTo(expected.get("nsp").asText());
        assertThat(Integer.toString(m.type())).isEqualTo(expected.get("type").asText());
        assertThat(m.data()).isEqualTo(expected.get("data"));
        ClusterMessage rebuilt = new ClusterMessage(m.uid(), m.nsp(), m.type(), rebuildData(m));
        Map<String, String> reencoded = ClusterCodec.encodeEntry(rebuilt, false);
        assertThat(new ArrayList<>(reencoded.entrySet()))
            .containsExactlyElementsOf(fields.entrySet());
        // the captured XADD arguments after the key, joined by spaces
        StringBuilder args = new StringBuilder("MAXLEN ~ 10000 *");
        reencoded.forEach((k, val) -> args.append(' ').append(k).append(' ').append(val));
        assertThat(args.toString())
            .isEqualTo(
                new String(HEX.parseHex(v.get("payloadHex").asText()), StandardCharsets.UTF_8));
      }
      case "PUBLISH" -> {
        byte[] payload = HEX.parseHex(v.get("payloadHex").asText());
        ClusterMessage m = ClusterCodec.decodeMsgpack(payload);
        assertThat(m.toNode()).isEqualTo(expected);
        String target = v.get("target").asText();
        if (ClusterProtocol.isResponse(m.type())) {
          assertThat(target).matches("socket\\.io#/#[0-9a-f]{16}#");
        } else {
          assertThat(target).isEqualTo(ClusterProtocol.mainChannel(PREFIX, "/"));
        }
        ClusterMessage rebuilt = new ClusterMessage(m.uid(), m.nsp(), m.type(), rebuildData(m));
        assertThat(HEX.formatHex(ClusterCodec.encodeMsgpack(rebuilt)))
            .isEqualTo(HEX.formatHex(payload));
      }
      case "SET" -> {
        String stored =
            new String(HEX.parseHex(v.get("payloadHex").asText()), StandardCharsets.US_ASCII);
        SessionCodec.Session s = SessionCodec.decode(stored);
        assertThat(s.sid()).isEqualTo(expected.get("sid").asText());
        assertThat(s.pid()).isEqualTo(expected.get("pid").asText());
        assertThat(s.rooms()).isEqualTo(WireOptions.stringList(expected.get("rooms")));
        assertThat(s.data()).isEqualTo(expected.get("data"));
        assertThat(v.get("target").asText()).isEqualTo("sio:session:" + s.pid());
        assertThat(SessionCodec.encode(s)).isEqualTo(stored);
      }
      default -> throw new AssertionError("unexpected command " + cmd);
    }
  }

  /** The data of {@code m} rebuilt from its parts with the adapters' builders. */
  private static JsonNode rebuildData(ClusterMessage m) {
    JsonNode d = m.data();
    String requestId = m.requestId();
    return switch (m.type()) {
      case ClusterProtocol.BROADCAST -> {
        JsonNode packet = d.get("packet");
        WireOptions opts = WireOptions.fromNode(d.get("opts"));
        yield packet.has("nsp")
            ? ClusterMessage.broadcast((ObjectNode) packet, requestId, opts)
            : ClusterMessage.broadcast(PacketNodes.fromNode(packet, m.nsp()), requestId, opts);
      }
      case ClusterProtocol.SOCKETS_JOIN, ClusterProtocol.SOCKETS_LEAVE ->
          ClusterMessage.rooms(
              WireOptions.fromNode(d.get("opts")), WireOptions.stringList(d.get("rooms")));
      case ClusterProtocol.DISCONNECT_SOCKETS ->
          ClusterMessage.disconnect(
              WireOptions.fromNode(d.get("opts")), d.get("close").asBoolean());
      case ClusterProtocol.FETCH_SOCKETS ->
          ClusterMessage.fetchSockets(WireOptions.fromNode(d.get("opts")), requestId);
      case ClusterProtocol.FETCH_SOCKETS_RESPONSE ->
          ClusterMessage.fetchSocketsResponse(requestId, (ArrayNode) d.get("sockets"));
      case ClusterProtocol.SERVER_SIDE_EMIT ->
          ClusterMessage.serverSideEmit(requestId, (ArrayNode) d.get("packet"));
      case ClusterProtocol.SERVER_SIDE_EMIT_RESPONSE, ClusterProtocol.BROADCAST_ACK ->
          ClusterMessage.response(requestId, d.get("packet"));
      case ClusterProtocol.BROADCAST_CLIENT_COUNT ->
          ClusterMessage.clientCount(requestId, d.get("clientCount").asInt());
      default -> throw new AssertionError("unexpected message type " + m.type());
    };
  }

  /** The captured value with {@code {"$bin": hex}} turned into binary. */
  static JsonNode withBinary(JsonNode n) {
    if (n.isObject() && n.size() == 1 && n.has("$bin")) {
      return JsonNodeFactory.instance.binaryNode(HEX.parseHex(n.get("$bin").asText()));
    }
    if (n.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      n.forEach(c -> a.add(withBinary(c)));
      return a;
    }
    if (n.isObject()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      n.properties().iterator().forEachRemaining(e -> o.set(e.getKey(), withBinary(e.getValue())));
      return o;
    }
    return n;
  }
}
