package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every cluster operation between two Sio servers over the classic adapter on a Redis Cluster (the
 * cluster bus forwards PUBLISH to every node; the server count sums NUMSUB over the masters), and
 * the emitter connected to the cluster.
 */
class ClassicOnRedisClusterTest extends OnRedisClusterContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.classic(options);
  }

  @Test
  void theEmitterOnTheClusterReachesEveryServer() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    TestClient b1 = clientIn(serverB, "room1");
    try (RedisEmitter emitter =
        RedisEmitter.create(
            RedisEmitterOptions.builder().cluster(cluster.seeds()).keyPrefix(prefix).build())) {
      emitter.to("room1").emit("from-emitter", "hi").get(5, TimeUnit.SECONDS);
      for (TestClient c : List.of(a1, b1)) {
        TestClient.Event e = c.next();
        assertThat(e.name()).isEqualTo("from-emitter");
        assertThat(e.arg(0).asText()).isEqualTo("hi");
      }
      emitter.in(b1.sid).socketsJoin("em").get(5, TimeUnit.SECONDS);
      dev.sio.server.Socket onB = socketOf(serverB, b1);
      await(() -> onB.rooms().contains("em"), "joined by the emitter");
    }
    assertNoMoreEvents();
  }
}
