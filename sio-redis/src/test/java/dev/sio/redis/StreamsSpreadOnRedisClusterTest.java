package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every cluster operation over the streams adapter on a Redis Cluster with three streams ({@code
 * streamCount}, keys of different slots) and requests over sharded pub/sub.
 */
class StreamsSpreadOnRedisClusterTest extends OnRedisClusterContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }

  @Override
  RedisAdapterOptions.Builder clusterOptions() {
    return super.clusterOptions().streamCount(3).useShardedPubSub(true);
  }

  @Test
  void eachNamespaceWritesToItsStreamOnTheOwnerOfItsSlot() throws Exception {
    setUp("A", serverA.of("/admin"));
    setUp("B", serverB.of("/admin"));
    awaitServerCount("/admin", 2);
    serverA.emit("x", 1);
    serverA.of("/admin").emit("y", 2);
    // "/" -> stream 2, "/admin" -> stream 1 (Node's hashCode modulo 3)
    String main = prefix + "-stream-2";
    String admin = prefix + "-stream-1";
    await(() -> cluster.ownerOf(main).command("XLEN " + main).equals(":1\n"), "stream 2");
    await(() -> cluster.ownerOf(admin).command("XLEN " + admin).equals(":1\n"), "stream 1");
    String channel = prefix + "#/#";
    assertThat(cluster.ownerOf(channel).command("PUBSUB SHARDNUMSUB " + channel))
        .isEqualTo(channel + "\n:2\n");
  }
}
