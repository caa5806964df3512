package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connection state recovery across servers with the streams adapter: a session persisted by one
 * server when its client drops is restored by the other, with the broadcasts it missed, in order.
 */
@Timeout(60)
class StreamsRecoveryTest extends ClusterTestBase {
  private RedisClient redis;
  private StatefulRedisConnection<String, String> conn;

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }

  @Override
  boolean recovery() {
    return true;
  }

  @BeforeEach
  void connectRedis() {
    redis = RedisClient.create("redis://127.0.0.1:6379");
    conn = redis.connect();
  }

  @AfterEach
  void closeRedis() {
    conn.sync().del(prefix + "-stream");
    conn.close();
    redis.shutdown();
  }

  @Test
  void aSessionDroppedOnOneServerIsRestoredOnTheOtherWithTheMissedEvents() throws Exception {
    TestClient first = clientIn(serverA, "room-csr");
    assertThat(first.pid).as("a private session id").isNotNull();

    serverA.to("room-csr").emit("m", 1);
    TestClient.Event e1 = first.next();
    assertThat(e1.arg(0).asInt()).isEqualTo(1);
    String offset = e1.arg(1).asText();
    assertThat(offset).matches("\\d+-\\d+");

    first.drop();
    String key = prefix + ":session:" + first.pid;
    await(() -> conn.sync().exists(key) == 1, "session stored in Redis");
    assertThat(conn.sync().pttl(key)).isPositive();

    // each XADD goes through its server's own connection: wait for one before the next
    serverB.to("room-csr").emit("m", 2);
    awaitStream(2);
    serverA.emit("m", 3);
    awaitStream(3);
    serverB.to("elsewhere").emit("m", 4);
    serverB.except("room-csr").emit("m", 5);
    awaitStream(5);

    ObjectNode auth = JsonNodeFactory.instance.objectNode();
    auth.put("pid", first.pid);
    auth.put("offset", offset);
    TestClient second = client(serverB, "/", auth);
    assertThat(second.sid).as("the same socket id").isEqualTo(first.sid);
    TestClient.Event e2 = second.next();
    TestClient.Event e3 = second.next();
    assertThat(e2.arg(0).asInt()).isEqualTo(2);
    assertThat(e3.arg(0).asInt()).isEqualTo(3);
    assertThat(e2.arg(1).asText()).matches("\\d+-\\d+");
    assertThat(socketOf(serverB, second).rooms()).contains("room-csr");
    assertThat(conn.sync().exists(key)).as("the session is used once").isZero();

    serverA.to("room-csr").emit("m", 6);
    assertThat(second.next().arg(0).asInt()).isEqualTo(6);
    first.drain();
    assertNoMoreEvents();
  }

  private void awaitStream(int entries) throws InterruptedException {
    await(() -> conn.sync().xlen(prefix + "-stream") >= entries, entries + " stream entries");
  }

  @Test
  void anUnknownSessionIsNotRestored() throws Exception {
    ObjectNode auth = JsonNodeFactory.instance.objectNode();
    auth.put("pid", "unknown-pid");
    auth.put("offset", "1-0");
    TestClient c = client(serverB, "/", auth);
    assertThat(c.sid).isNotNull();
    assertThat(socketOf(serverB, c).recovered()).isFalse();
  }
}
