package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two Sio servers on the classic adapter, connected through Sentinel: a master, a replica and a
 * sentinel started by the test on free loopback ports. The master is killed under traffic; once the
 * sentinel has promoted the replica, both servers are on it and traffic flows again, including what
 * was published during the failover.
 */
@Timeout(120)
class SentinelFailoverTest extends ClusterTestBase {
  private static final String MASTER = "sio-master";
  private RedisProcess master;
  private RedisProcess replica;
  private RedisProcess sentinel;

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.classic(options);
  }

  @Override
  RedisAdapterOptions options() {
    return RedisAdapterOptions.builder()
        .sentinel(MASTER, List.of("127.0.0.1:" + sentinel.port()))
        .keyPrefix(prefix)
        .requestsTimeout(Duration.ofMillis(1000))
        .build();
  }

  @Override
  @BeforeEach
  void startServers() throws Exception {
    master = RedisProcess.server(RedisProcess.freePort()).start();
    replica = RedisProcess.replica(RedisProcess.freePort(), master.port()).start();
    waitFor(
        () -> replica.command("INFO replication").contains("master_link_status:up"),
        "the replica syncs with the master");
    sentinel = RedisProcess.sentinel(RedisProcess.freePort(), MASTER, master.port()).start();
    waitFor(
        () -> sentinel.command("SENTINEL replicas " + MASTER).contains("" + replica.port()),
        "the sentinel knows the replica");
    super.startServers();
  }

  @AfterEach
  void stopRedis() throws Exception {
    stopServers();
    serverA = null;
    serverB = null;
    factoryA = null;
    factoryB = null;
    for (RedisProcess p : new RedisProcess[] {sentinel, replica, master}) {
      if (p != null) {
        p.close();
      }
    }
  }

  @Test
  void trafficContinuesAfterTheReplicaIsPromoted() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    TestClient b1 = clientIn(serverB, "room1");
    serverA.to("room1").emit("before", 1);
    assertThat(a1.next().name()).isEqualTo("before");
    assertThat(b1.next().name()).isEqualTo("before");

    master.kill();
    waitFor(() -> !factoryA.isConnected(), "A sees the master go");
    for (int i = 0; i < 5; i++) {
      serverA.to("room1").emit("during", i);
    }
    waitFor(
        () ->
            sentinel
                .command("SENTINEL get-master-addr-by-name " + MASTER)
                .contains("" + replica.port()),
        "the sentinel promotes the replica");
    waitFor(
        () -> {
          try {
            return serverA.serverCount().get(2, TimeUnit.SECONDS) == 2
                && serverB.serverCount().get(2, TimeUnit.SECONDS) == 2;
          } catch (Exception notYet) {
            return false;
          }
        },
        "both servers count 2 on the new master");
    assertThat(replica.command("ROLE")).startsWith("master");

    for (int i = 0; i < 5; i++) {
      TestClient.Event e = b1.next();
      assertThat(e.name()).isEqualTo("during");
      assertThat(e.arg(0).asInt()).isEqualTo(i);
    }
    a1.drain();
    serverB.to("room1").emit("after", 1);
    assertThat(a1.next().name()).isEqualTo("after");
    assertThat(b1.next().name()).isEqualTo("after");
    assertThat(serverA.fetchSockets().get(10, TimeUnit.SECONDS)).hasSize(2);
  }

  private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }
}
