package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.cluster.internal.PacketNodes;
import dev.sio.redis.internal.ClassicCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The emitter against the real Redis at 127.0.0.1:6379: what it publishes, byte for byte. */
@Timeout(30)
class RedisEmitterTest {
  private static final HexFormat HEX = HexFormat.of();

  record Published(String channel, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final String prefix = "sio-test-" + UUID.randomUUID().toString().substring(0, 8);
  private RedisClient client;
  private StatefulRedisPubSubConnection<byte[], byte[]> sub;
  private final BlockingQueue<Published> received = new LinkedBlockingQueue<>();
  private RedisEmitter emitter;

  @BeforeEach
  void subscribe() {
    client = RedisClient.create(RedisURI.create("redis://127.0.0.1:6379"));
    sub = client.connectPubSub(ByteArrayCodec.INSTANCE);
    sub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(byte[] pattern, byte[] channel, byte[] message) {
            received.add(new Published(new String(channel, StandardCharsets.UTF_8), message));
          }
        });
    sub.sync().psubscribe((prefix + "*").getBytes(StandardCharsets.UTF_8));
    emitter = RedisEmitter.create(RedisEmitterOptions.builder().keyPrefix(prefix).build());
  }

  @AfterEach
  void close() {
    emitter.close();
    sub.close();
    client.shutdown();
    assertThat(received).as("unexpected messages").isEmpty();
  }

  private Published next() throws InterruptedException {
    Published p = received.poll(5, TimeUnit.SECONDS);
    assertThat(p).as("a published message").isNotNull();
    return p;
  }

  @Test
  void roomEmitIsTheCapturedEmitterBroadcast() throws Exception {
    emitter.to("room1").emit("from-emitter", "hi", 7).get(5, TimeUnit.SECONDS);
    Published p = next();
    assertThat(p.channel()).isEqualTo(prefix + "#/#room1#");
    // redis/018_PUBLISH_BROADCAST_MSG_emitter.hex, captured from @socket.io/redis-emitter 5.1.0
    assertThat(HEX.formatHex(p.payload()))
        .isEqualTo(
            "93a7656d697474657283a47479706502a46461746193ac66726f6d2d656d6974746572a2686907a36e7370"
                + "a12f83a5726f6f6d7391a5726f6f6d31a5666c61677380a665786365707490");
  }

  @Test
  void broadcastToSeveralRoomsUsesTheNamespaceChannelWithFlagsAndBinary() throws Exception {
    emitter
        .of("admin")
        .to("a", "b")
        .except("c")
        .volatile_()
        .compress(false)
        .emit("ev", new byte[] {1, 2}, Map.of("k", 1))
        .get(5, TimeUnit.SECONDS);
    Published p = next();
    assertThat(p.channel()).isEqualTo(prefix + "#/admin#");
    ClassicCodec.Broadcast b = ClassicCodec.decodeBroadcast(p.payload());
    assertThat(b.uid()).isEqualTo("emitter");
    assertThat(b.packet().namespace()).isEqualTo("/admin");
    assertThat(PacketNodes.toNode(b.packet(), true).toString())
        .isEqualTo("{\"type\":2,\"data\":[\"ev\",\"AQI=\",{\"k\":1}],\"nsp\":\"/admin\"}");
    assertThat(b.packet().data().get(1).isBinary()).isTrue();
    assertThat(b.options().rooms()).containsExactly("a", "b");
    assertThat(b.options().except()).containsExactly("c");
    assertThat(b.options().flags().toString()).isEqualTo("{\"volatile\":true,\"compress\":false}");
  }

  @Test
  void roomOperationsAndServerSideEmitAreJsonRequests() throws Exception {
    emitter.in("room1").except("x").socketsJoin("r2", "r3").get(5, TimeUnit.SECONDS);
    emitter.to("room1").socketsLeave("r2").get(5, TimeUnit.SECONDS);
    emitter.disconnectSockets(true).get(5, TimeUnit.SECONDS);
    emitter.serverSideEmit("harness:sse", "from-emitter").get(5, TimeUnit.SECONDS);
    List<Published> all = List.of(next(), next(), next(), next());
    for (Published p : all) {
      assertThat(p.channel()).isEqualTo(prefix + "-request#/#");
    }
    assertThat(all.get(0).text())
        .isEqualTo(
            "{\"type\":2,\"opts\":{\"rooms\":[\"room1\"],\"except\":[\"x\"]},\"rooms\":[\"r2\",\"r3\"]}");
    assertThat(all.get(1).text())
        .isEqualTo(
            "{\"type\":3,\"opts\":{\"rooms\":[\"room1\"],\"except\":[]},\"rooms\":[\"r2\"]}");
    assertThat(all.get(2).text())
        .isEqualTo("{\"type\":4,\"opts\":{\"rooms\":[],\"except\":[]},\"close\":true}");
    // redis/019_PUBLISH_REQ_SERVER_SIDE_EMIT_emitter.hex
    assertThat(all.get(3).text())
        .isEqualTo("{\"uid\":\"emitter\",\"type\":6,\"data\":[\"harness:sse\",\"from-emitter\"]}");
  }

  @Test
  void reservedEventNamesAreRejected() {
    assertThatThrownBy(() -> emitter.emit("disconnect"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"disconnect\" is a reserved event name");
  }

  @Test
  void optionsValidate() {
    assertThatThrownBy(() -> RedisEmitterOptions.builder().keyPrefix("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keyPrefix must not be empty");
  }
}
