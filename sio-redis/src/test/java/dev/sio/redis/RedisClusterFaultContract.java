package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node of a three-master Redis Cluster killed (SIGKILL) under traffic and started again, for one
 * adapter kind (the subclass): the node the adapter writes its traffic to ({@link #victim()}). No
 * server crashes, local traffic and client acks go on during the outage, everything published
 * during it waits in the offline queue and reaches the other server, in order, once the node is
 * back, and the cluster view is right again (both servers count 2) within {@link #RECOVERY} of the
 * restart.
 */
@Timeout(120)
abstract class RedisClusterFaultContract extends ClusterTestBase {
  /** The longest the cluster view may take to be right again once the node is restarted. */
  static final Duration RECOVERY = Duration.ofSeconds(20);

  RedisClusterProcess cluster;

  /** The node to kill; its death must make the adapter's writes of {@link #room()} fail. */
  abstract RedisProcess victim();

  /** The room the traffic goes to. */
  String room() {
    return "room1";
  }

  @Override
  RedisAdapterOptions options() {
    return RedisAdapterOptions.builder()
        .cluster(cluster.seeds())
        .keyPrefix(prefix)
        .streamName(prefix + "-stream")
        .requestsTimeout(Duration.ofMillis(1000))
        .blockTime(Duration.ofMillis(500))
        .build();
  }

  @Override
  @BeforeEach
  void startServers() throws Exception {
    cluster = RedisClusterProcess.start();
    super.startServers();
  }

  @AfterEach
  void stopCluster() throws Exception {
    stopServers(); // before Redis goes, so that nothing waits on it
    serverA = null;
    serverB = null;
    factoryA = null;
    factoryB = null;
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void whatIsPublishedWhileANodeIsDownArrivesOnceItIsBack() throws Exception {
    String room = room();
    TestClient a1 = clientIn(serverA, room);
    TestClient b1 = clientIn(serverB, room);
    serverA.to(room).emit("before", 1);
    assertThat(a1.next().name()).isEqualTo("before");
    assertThat(b1.next().name()).isEqualTo("before");

    RedisProcess victim = victim();
    victim.kill();
    waitFor(
        () -> !factoryA.isConnected() && !factoryB.isConnected(),
        "both links see the node go",
        Duration.ofSeconds(10));

    // local traffic keeps flowing; nothing is thrown to the caller
    for (int i = 0; i < 20; i++) {
      serverA.to(room).emit("during", i);
    }
    for (int i = 0; i < 20; i++) {
      TestClient.Event e = a1.next();
      assertThat(e.name()).isEqualTo("during");
      assertThat(e.arg(0).asInt()).isEqualTo(i);
    }
    // a client's events are acknowledged while the node is down
    List<CompletableFuture<ArrayNode>> acks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      acks.add(a1.emitWithAck("relay", room, i));
    }
    for (var ack : acks) {
      assertThat(ack.get(5, TimeUnit.SECONDS).get(0).asText()).isEqualTo("relayed");
    }
    waitFor(
        () -> factoryA.queuedMessages() >= 25,
        "what A published waits in its offline queue",
        Duration.ofSeconds(10));
    assertThat(b1.poll(200)).as("B gets nothing of it during the outage").isNull();

    victim.start();
    long restarted = System.nanoTime();
    waitFor(
        () -> {
          try {
            return serverA.serverCount().get(2, TimeUnit.SECONDS) == 2
                && serverB.serverCount().get(2, TimeUnit.SECONDS) == 2;
          } catch (Exception notYet) {
            return false;
          }
        },
        "both servers count 2 again",
        RECOVERY);
    System.out.printf(
        "cluster view right again %d ms after the restart%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted));

    // everything A published during the outage reaches B, in order, and nothing is dropped
    for (int i = 0; i < 20; i++) {
      TestClient.Event e = b1.next();
      assertThat(e.name()).isEqualTo("during");
      assertThat(e.arg(0).asInt()).isEqualTo(i);
    }
    for (int i = 0; i < 5; i++) {
      TestClient.Event e = b1.next();
      assertThat(e.name()).isEqualTo("relayed");
      assertThat(e.arg(0).asInt()).isEqualTo(i);
    }
    assertThat(factoryA.droppedMessages()).isZero();
    waitFor(
        () -> factoryA.queuedMessages() == 0,
        "the offline queue is empty again",
        Duration.ofSeconds(10));

    // the cluster works again: broadcasts both ways, requests
    cluster.awaitOk();
    serverA.to(room).emit("after", 1);
    assertThat(b1.next().name()).isEqualTo("after");
    assertThat(a1.next().name()).isEqualTo("after");
    serverB.to(room).emit("back", 2);
    assertThat(a1.next().name()).isEqualTo("back");
    assertThat(b1.next().name()).isEqualTo("back");
    assertThat(serverA.fetchSockets().get(10, TimeUnit.SECONDS)).hasSize(2);
    assertThat(serverB.serverSideEmitWithAck("ping", "again").get(10, TimeUnit.SECONDS)).hasSize(1);
    assertNoMoreEvents();
  }

  static void waitFor(BooleanSupplier condition, String what, Duration within)
      throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }
}
