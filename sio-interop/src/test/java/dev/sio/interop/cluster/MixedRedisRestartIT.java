package dev.sio.interop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;
import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.redis.RedisProcess;
import dev.sio.redis.TestClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Node.js server (node-redis, the classic npm adapter) and a Sio server on a private {@code
 * redis-server} that is killed under traffic and started again: what Sio published during the
 * outage reaches the Node server's client once Redis is back, both count 2 servers again, and
 * traffic flows both ways. (node-redis sends its own offline queue as soon as it is connected
 * again, before the other servers may have subscribed again, so what Node publishes during an
 * outage can be lost, among Node servers as well; Sio waits one maximum reconnect delay plus 500 ms
 * before sending its queue.)
 */
class MixedRedisRestartIT extends MixedClusterBase {
  private final RedisProcess redis = RedisProcess.server(RedisProcess.freePort()).start();

  @Override
  String kind() {
    return "classic";
  }

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.classic(options);
  }

  @Override
  RedisAdapterOptions.Builder adapterOptions() {
    return super.adapterOptions().uri(redis.uri());
  }

  @Override
  List<String> nodeArgs() {
    return List.of("--redis", redis.uri());
  }

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  @Test
  void whatSioPublishedDuringTheOutageReachesNodeAndBothCountTwoAgain() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    TestClient java = sioClient("room1");
    sio.to("room1").emit("before", 0);
    assertThat(message(npm, "before").path("args").get(0).asInt()).isZero();
    assertThat(java.next().name()).isEqualTo("before");

    redis.kill();
    await(() -> !((RedisAdapterFactory) factory).isConnected(), "Sio sees the outage");
    for (int i = 0; i < 10; i++) {
      sio.to("room1").emit("during", i);
    }
    for (int i = 0; i < 10; i++) {
      assertThat(java.next().arg(0).asInt()).isEqualTo(i); // local delivery goes on
    }

    redis.start();
    await(() -> ((RedisAdapterFactory) factory).isConnected(), "Sio is back");
    for (int i = 0; i < 10; i++) {
      assertThat(message(npm, "during").path("args").get(0).asInt()).isEqualTo(i);
    }
    await(
        () -> {
          try {
            return sio.serverCount().join() == 2 && nodeServerCount() == 2;
          } catch (RuntimeException | AssertionError notYet) {
            return false;
          }
        },
        "both count 2 servers again");

    ObjectNode emit = nodeCommand("emit", "room1").put("name", "from-node");
    emit.putArray("args").add(1);
    node.send(emit);
    assertThat(java.next().name()).isEqualTo("from-node");
    sio.to("room1").emit("from-sio", 2);
    assertThat(message(npm, "from-sio").path("args").get(0).asInt()).isEqualTo(2);
  }
}
