package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.cluster.ClusterProtocol;
import org.junit.jupiter.api.Test;

/**
 * Every cluster operation between two Sio servers over the sharded adapter on a Redis Cluster, and
 * where the shard channels are: each on the owner of its slot, counted there only.
 */
class ShardedOnRedisClusterTest extends OnRedisClusterContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.sharded(options);
  }

  @Test
  void eachShardChannelIsSubscribedOnTheOwnerOfItsSlot() throws Exception {
    clientIn(serverA, "room1", "room2", "room3");
    clientIn(serverB, "room1");
    String main = ClusterProtocol.mainChannel(prefix, "/");
    assertSubscribers(main, 2);
    assertSubscribers(ClusterProtocol.subChannel(prefix, "/", "room1"), 2);
    assertSubscribers(ClusterProtocol.subChannel(prefix, "/", "room2"), 1);
    assertSubscribers(ClusterProtocol.subChannel(prefix, "/", "room3"), 1);
    // the channels of one server are spread over more than one node
    long owners =
        java.util.stream.Stream.of(main, "room1", "room2", "room3")
            .map(r -> r.equals(main) ? r : ClusterProtocol.subChannel(prefix, "/", r))
            .map(c -> cluster.ownerOf(c).port())
            .distinct()
            .count();
    assertThat(owners).as("nodes holding the channels").isGreaterThan(1);
  }

  /** {@code channel} has {@code count} subscribers on its owner and none anywhere else. */
  private static void assertSubscribers(String channel, int count) throws InterruptedException {
    RedisProcess owner = cluster.ownerOf(channel);
    await(
        () -> owner.command("PUBSUB SHARDNUMSUB " + channel).endsWith(":" + count + "\n"),
        channel + " has " + count + " subscribers on its owner");
    for (RedisProcess n : cluster.nodes()) {
      if (n != owner) {
        assertThat(n.command("PUBSUB SHARDNUMSUB " + channel)).endsWith(":0\n");
      }
    }
  }
}
