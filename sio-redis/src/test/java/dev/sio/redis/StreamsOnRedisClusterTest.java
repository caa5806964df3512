package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every cluster operation between two Sio servers over the streams adapter on a Redis Cluster (the
 * stream on the owner of its key's slot, requests over pub/sub), and the streams emitter connected
 * to the cluster.
 */
class StreamsOnRedisClusterTest extends OnRedisClusterContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }

  @Test
  void theStreamsEmitterOnTheClusterReachesEveryServer() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    TestClient b1 = clientIn(serverB, "room1");
    try (RedisStreamsEmitter emitter = RedisStreamsEmitter.create(options())) {
      String id = emitter.to("room1").emit("from-emitter", "hi", 7).get(5, TimeUnit.SECONDS);
      for (TestClient c : List.of(a1, b1)) {
        TestClient.Event e = c.next();
        assertThat(e.name()).isEqualTo("from-emitter");
        assertThat(e.arg(1).asInt()).isEqualTo(7);
      }
      String stream = prefix + "-stream";
      assertThat(cluster.ownerOf(stream).command("XRANGE " + stream + " " + id + " " + id))
          .contains("from-emitter");
    }
    assertNoMoreEvents();
  }
}
