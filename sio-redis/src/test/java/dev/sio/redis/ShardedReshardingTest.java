package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.cluster.ClusterProtocol;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Resharding under the sharded adapter: the slot of the main channel moves to another node ({@code
 * CLUSTER SETSLOT ... IMPORTING / MIGRATING / NODE}, as {@code redis-cli --cluster reshard}). Its
 * old owner ends the subscriptions (SUNSUBSCRIBE); both servers subscribe again on the new owner
 * (following {@code MOVED}), count 2 again and broadcasts reach both.
 */
@Timeout(90)
class ShardedReshardingTest extends ClusterTestBase {
  private RedisClusterProcess cluster;

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.sharded(options);
  }

  @Override
  RedisAdapterOptions options() {
    return RedisAdapterOptions.builder()
        .cluster(cluster.seeds())
        .keyPrefix(prefix)
        .requestsTimeout(Duration.ofMillis(1500))
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
    stopServers();
    serverA = null;
    serverB = null;
    factoryA = null;
    factoryB = null;
    cluster.close();
  }

  @Test
  void theServersFollowTheMainChannelToItsNewOwner() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    TestClient b1 = clientIn(serverB, "room1");
    String main = ClusterProtocol.mainChannel(prefix, "/");
    RedisProcess from = cluster.ownerOf(main);
    RedisProcess to = cluster.nodes().stream().filter(n -> n != from).findFirst().orElseThrow();
    assertThat(from.command("PUBSUB SHARDNUMSUB " + main)).endsWith(":2\n");

    cluster.moveSlot(main, to);
    assertThat(cluster.ownerOf(main).port()).isEqualTo(to.port());

    await(
        () -> to.command("PUBSUB SHARDNUMSUB " + main).endsWith(":2\n"),
        "both servers subscribed on the new owner");
    assertThat(from.command("PUBSUB SHARDNUMSUB " + main)).endsWith(":0\n");
    awaitServerCount("/", 2);

    serverA.emit("after-move", 1); // the main channel: a broadcast to everyone
    assertThat(a1.next().name()).isEqualTo("after-move");
    assertThat(b1.next().name()).isEqualTo("after-move");
    assertThat(serverB.fetchSockets().get(5, TimeUnit.SECONDS)).hasSize(2);
    assertNoMoreEvents();
  }
}
