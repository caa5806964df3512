package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The streams emitter: its entries are the captured layout and reach every streams server. */
@Timeout(60)
class RedisStreamsEmitterTest extends ClusterTestBase {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }

  @Test
  void entriesReachEveryServer() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    TestClient b1 = clientIn(serverB, "room1");
    RedisClient redis = RedisClient.create("redis://127.0.0.1:6379");
    try (RedisStreamsEmitter emitter = RedisStreamsEmitter.create(options());
        StatefulRedisConnection<String, String> conn = redis.connect()) {
      String id = emitter.to("room1").emit("from-emitter", "hi", 7).get(5, TimeUnit.SECONDS);
      for (TestClient c : List.of(a1, b1)) {
        TestClient.Event e = c.next();
        assertThat(e.name()).isEqualTo("from-emitter");
        assertThat(e.arg(1).asInt()).isEqualTo(7);
      }
      List<StreamMessage<String, String>> entry =
          conn.sync().xrange(prefix + "-stream", Range.create(id, id));
      // streams/019_XADD_BROADCAST_emitter.hex
      assertThat(entry.get(0).getBody())
          .containsExactly(
              entry("uid", "emitter"),
              entry("nsp", "/"),
              entry("type", "3"),
              entry(
                  "data",
                  "{\"packet\":{\"type\":2,\"data\":[\"from-emitter\",\"hi\",7],\"nsp\":\"/\"},"
                      + "\"opts\":{\"rooms\":[\"room1\"],\"except\":[],\"flags\":{}}}"));

      emitter.in(a1.sid).socketsJoin("em").get(5, TimeUnit.SECONDS);
      dev.sio.server.Socket onA = socketOf(serverA, a1);
      await(() -> onA.rooms().contains("em"), "joined by the emitter");

      emitter.serverSideEmit("ping", "from-emitter").get(5, TimeUnit.SECONDS);
      assertThat(serverSideEmits.poll(5, TimeUnit.SECONDS)).isNotNull();
      assertThat(serverSideEmits.poll(5, TimeUnit.SECONDS)).isNotNull();

      emitter.to("room1").disconnectSockets(false).get(5, TimeUnit.SECONDS);
      assertThat(a1.awaitDisconnect(5000)).isTrue();
      assertThat(b1.awaitDisconnect(5000)).isTrue();
      conn.sync().del(prefix + "-stream");
    } finally {
      redis.shutdown();
    }
  }
}
