package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Servers started while their Redis (a private {@code redis-server} on a free port) is not running
 * yet: they serve local traffic, keep what they publish up to the offline queue's bound, and join
 * the cluster once Redis is started.
 */
@Timeout(60)
class RedisOutageStartTest extends ClusterTestBase {
  private final RedisProcess redis = RedisProcess.server(RedisProcess.freePort());

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.classic(options);
  }

  @Override
  RedisAdapterOptions options() {
    return RedisAdapterOptions.builder()
        .uri(redis.uri())
        .keyPrefix(prefix)
        .requestsTimeout(Duration.ofMillis(1000))
        .offlineQueueSize(5)
        .build();
  }

  @Override
  @BeforeEach
  void startServers() {
    // each test starts its servers while Redis is down
  }

  @AfterEach
  void stopRedis() throws Exception {
    stopServers();
    serverA = null;
    serverB = null;
    factoryA = null;
    factoryB = null;
    redis.close();
  }

  @Test
  void serversStartWithoutRedisAndJoinOnceItRuns() throws Exception {
    factoryA = factory(options());
    factoryB = factory(options());
    serverA = server("A", factoryA);
    serverB = server("B", factoryB);
    TestClient a1 = clientIn(serverA, "room1");
    TestClient b1 = clientIn(serverB, "room1");

    serverA.to("room1").emit("local", 0);
    assertThat(a1.next().name()).isEqualTo("local");
    assertThatThrownBy(() -> serverA.serverCount().get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(RedisAdapterException.class)
        .hasMessage(
            "counting the servers (PUBSUB NUMSUB "
                + prefix
                + "-request#/#) failed: not connected to Redis at 127.0.0.1:"
                + redis.port());
    long before = factoryA.droppedMessages();
    for (int i = 0; i < 8; i++) {
      serverA.to("room1").emit("early", i);
    }
    a1.drain();
    assertThat(factoryA.queuedMessages()).as("\"local\" and early 0..3").isEqualTo(5);
    assertThat(factoryA.droppedMessages() - before).isEqualTo(4);

    redis.start();
    awaitServerCount("/", 2);

    // the first messages, up to the bound, reach B in order; the rest were dropped
    assertThat(b1.next().name()).isEqualTo("local");
    for (int i = 0; i < 4; i++) {
      TestClient.Event e = b1.next();
      assertThat(e.name()).isEqualTo("early");
      assertThat(e.arg(0).asInt()).isEqualTo(i);
    }
    assertThat(b1.poll(300)).as("beyond the bound").isNull();
    serverA.to("room1").emit("joined", 1);
    assertThat(b1.next().name()).isEqualTo("joined");
    assertThat(serverB.fetchSockets().get(10, TimeUnit.SECONDS)).hasSize(2);
  }
}
