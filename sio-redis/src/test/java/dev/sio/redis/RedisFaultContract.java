package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis going away under traffic, for one adapter kind (the subclass): a private {@code
 * redis-server} on a free loopback port is stopped and started again. No server crashes, local
 * traffic keeps flowing during the outage, requests fail with a clear timeout error, and cluster
 * traffic resumes by itself once Redis is back (reconnection and resubscription).
 */
@Timeout(90)
abstract class RedisFaultContract extends ClusterTestBase {
  private static int port;
  private static Process redis;
  private static Path dir;

  @Override
  RedisAdapterOptions options() {
    if (redis == null) {
      startRedis();
    }
    return RedisAdapterOptions.builder()
        .uri("redis://127.0.0.1:" + port)
        .keyPrefix(prefix)
        .streamName(prefix + "-stream")
        .requestsTimeout(Duration.ofMillis(1000))
        .blockTime(Duration.ofMillis(500))
        .build();
  }

  private static synchronized void startRedis() {
    try {
      if (port == 0) {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
          port = s.getLocalPort();
        }
        dir = Files.createTempDirectory("sio-redis-fault");
      }
      redis =
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      long end = System.currentTimeMillis() + 10_000;
      while (System.currentTimeMillis() < end) {
        try (Socket s = new Socket("127.0.0.1", port)) {
          s.getOutputStream().write("PING\r\n".getBytes());
          if (s.getInputStream().read() == '+') {
            return;
          }
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      throw new IllegalStateException("redis-server did not start on port " + port);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot start redis-server", e);
    }
  }

  private static synchronized void stopRedis() throws InterruptedException {
    if (redis != null) {
      redis.destroy();
      if (!redis.waitFor(10, TimeUnit.SECONDS)) {
        redis.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      redis = null;
    }
  }

  @AfterEach
  void stopPrivateRedis() throws Exception {
    stopServers(); // before Redis goes, so that nothing waits on it
    serverA = null;
    serverB = null;
    factoryA = null;
    factoryB = null;
    stopRedis();
  }

  @Test
  void trafficSurvivesARedisRestart() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    TestClient b1 = clientIn(serverB, "room1");
    serverA.to("room1").emit("before", 1);
    assertThat(a1.next().name()).isEqualTo("before");
    assertThat(b1.next().name()).isEqualTo("before");

    stopRedis();

    // local traffic keeps flowing; nothing is thrown to the caller
    for (int i = 0; i < 20; i++) {
      serverA.to("room1").emit("during", i);
    }
    for (int i = 0; i < 20; i++) {
      TestClient.Event e = a1.next();
      assertThat(e.name()).isEqualTo("during");
      assertThat(e.arg(0).asInt()).isEqualTo(i);
    }
    TestClient a2 = clientIn(serverA, "room2");
    serverA.to("room2").emit("local-room", 1);
    assertThat(a2.next().name()).isEqualTo("local-room");

    // requests that need the cluster fail with a clear timeout error
    assertThatThrownBy(() -> serverA.fetchSockets().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TimeoutException.class)
        .hasMessageStartingWith("timeout reached");
    assertThatThrownBy(() -> serverA.serverSideEmitWithAck("ping", "x").get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TimeoutException.class)
        .hasMessageStartingWith("timeout reached");
    // and the server count with Sio's own exception, saying what failed
    assertThatThrownBy(() -> serverA.serverCount().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(RedisAdapterException.class)
        .hasMessageStartingWith("counting the servers (PUBSUB ");
    assertThat(b1.poll(200)).as("B is cut off during the outage").isNull();

    startRedis();
    awaitServerCount("/", 2);

    // the cluster works again: broadcasts both ways, requests
    long end = System.currentTimeMillis() + 15_000;
    TestClient.Event got = null;
    while (got == null && System.currentTimeMillis() < end) {
      serverA.to("room1").emit("after", 1);
      got = b1.poll(300);
    }
    assertThat(got).as("A's broadcast reaches B after the restart").isNotNull();
    assertThat(got.name()).isEqualTo("after");
    a1.drain();
    b1.drain();
    serverB.to("room1").emit("back", 2);
    assertThat(a1.next().name()).isEqualTo("back");
    assertThat(serverA.fetchSockets().get(10, TimeUnit.SECONDS)).hasSize(3);
    assertThat(serverB.serverSideEmitWithAck("ping", "again").get(10, TimeUnit.SECONDS)).hasSize(1);
  }
}
