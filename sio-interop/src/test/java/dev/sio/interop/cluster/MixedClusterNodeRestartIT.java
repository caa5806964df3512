package dev.sio.interop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;
import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.redis.RedisClusterProcess;
import dev.sio.redis.RedisProcess;
import dev.sio.redis.TestClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Node.js server (node-redis {@code createCluster}, the classic {@code createAdapter}) and a Sio
 * server on a local three-master Redis Cluster; a node that holds subscriptions of the cluster is
 * killed under traffic and started again: what Sio published during the outage reaches the Node
 * server's client once the node is back, both count 2 servers again, and traffic flows both ways.
 *
 * <p>Not with the sharded adapter: node-redis 4.7 subscribes a node's client again with all its
 * shard channels in one SSUBSCRIBE, which the cluster refuses (CROSSSLOT) when they are in
 * different slots, so a Node server never gets its shard channels back after that node restarts
 * (Sio subscribes them one by one: {@code ShardedClusterNodeFaultTest}).
 */
class MixedClusterNodeRestartIT extends MixedClusterBase {
  private final RedisClusterProcess cluster = RedisClusterProcess.start();

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
    return super.adapterOptions().cluster(cluster.seeds());
  }

  @Override
  List<String> nodeArgs() {
    return RedisClusterMixedSupport.nodeArgs(cluster);
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  /** The node with the most pattern subscriptions (the servers' broadcast channels). */
  private RedisProcess victim() {
    RedisProcess most = null;
    int max = -1;
    for (RedisProcess n : cluster.nodes()) {
      int count = Integer.parseInt(n.command("PUBSUB NUMPAT").trim().substring(1));
      if (count > max) {
        max = count;
        most = n;
      }
    }
    return most;
  }

  @Test
  void whatSioPublishedWhileTheNodeWasDownReachesNodeAndBothCountTwoAgain() throws Exception {
    String room = "room1";
    NodeScript npm = npmClient("N", room);
    TestClient java = sioClient(room);
    sio.to(room).emit("before", 0);
    assertThat(message(npm, "before").path("args").get(0).asInt()).isZero();
    assertThat(java.next().name()).isEqualTo("before");

    RedisProcess victim = victim();
    victim.kill();
    await(() -> !redis().isConnected(), "Sio sees the node go");
    for (int i = 0; i < 10; i++) {
      sio.to(room).emit("during", i);
    }
    for (int i = 0; i < 10; i++) {
      assertThat(java.next().arg(0).asInt()).isEqualTo(i); // local delivery goes on
    }
    assertThat(redis().queuedMessages()).isEqualTo(10);

    victim.start();
    await(() -> redis().isConnected(), "Sio is back");
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
    assertThat(redis().droppedMessages()).isZero();

    cluster.awaitOk();
    ObjectNode emit = nodeCommand("emit", room).put("name", "from-node");
    emit.putArray("args").add(1);
    node.send(emit);
    assertThat(java.next().name()).isEqualTo("from-node");
    sio.to(room).emit("from-sio", 2);
    assertThat(message(npm, "from-sio").path("args").get(0).asInt()).isEqualTo(2);
  }

  private RedisAdapterFactory redis() {
    return (RedisAdapterFactory) factory;
  }
}
