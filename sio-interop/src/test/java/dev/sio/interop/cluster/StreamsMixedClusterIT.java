package dev.sio.interop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.interop.NodeScript;
import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.redis.RedisStreamsEmitter;
import dev.sio.redis.TestClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A Node.js server and a Sio server sharing Redis through the streams adapter. */
class StreamsMixedClusterIT extends MixedClusterContract {
  @Override
  String kind() {
    return "streams";
  }

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }

  @Test
  void theSioStreamsEmitterReachesNodeAndSio() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    TestClient java = sioClient("room1");
    try (RedisStreamsEmitter emitter = RedisStreamsEmitter.create(adapterOptions().build())) {
      emitter
          .to("room1")
          .emit("from-streams-emitter", "hi", new byte[] {5})
          .get(5, TimeUnit.SECONDS);
      assertThat(message(npm, "from-streams-emitter").path("args").toString())
          .isEqualTo("[\"hi\",{\"$bin\":\"BQ==\"}]");
      TestClient.Event e = java.next();
      assertThat(e.name()).isEqualTo("from-streams-emitter");
      assertThat(e.arg(1).binaryValue()).containsExactly(5);
      String npmId = idOf(npm);
      emitter.in(npmId).socketsJoin("s-room").get(5, TimeUnit.SECONDS);
      await(() -> nodeRooms(npmId).contains("s-room"), "joined by the streams emitter");
    }
  }
}
