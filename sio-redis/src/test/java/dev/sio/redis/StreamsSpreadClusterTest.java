package dev.sio.redis;

/**
 * Every cluster operation between two Sio servers over the streams adapter with three streams
 * ({@code streamCount}) and requests over sharded pub/sub ({@code useShardedPubSub}).
 */
class StreamsSpreadClusterTest extends ClusterOperationsContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }

  @Override
  RedisAdapterOptions options() {
    return RedisAdapterOptions.builder()
        .keyPrefix(prefix)
        .streamName(prefix + "-stream")
        .sessionKeyPrefix(prefix + ":session:")
        .requestsTimeout(java.time.Duration.ofMillis(1500))
        .streamCount(3)
        .useShardedPubSub(true)
        .build();
  }

  @org.junit.jupiter.api.Test
  void eachNamespaceWritesToTheStreamOfItsHashAndRequestsGoOverShardedPubSub() throws Exception {
    setUp("A", serverA.of("/admin"));
    setUp("B", serverB.of("/admin"));
    awaitServerCount("/admin", 2);
    serverA.emit("x", 1);
    serverA.of("/admin").emit("y", 2);
    // Node's hashCode is Java's: "/" -> 47 % 3 = 2, "/admin" -> 1438238848 % 3 = 1
    await(
        () -> RedisProcess.command(6379, "XLEN " + prefix + "-stream-2").equals(":1\n"),
        "the main namespace's entry in stream 2");
    await(
        () -> RedisProcess.command(6379, "XLEN " + prefix + "-stream-1").equals(":1\n"),
        "the admin namespace's entry in stream 1");
    org.assertj.core.api.Assertions.assertThat(
            RedisProcess.command(6379, "EXISTS " + prefix + "-stream"))
        .isEqualTo(":0\n");
    org.assertj.core.api.Assertions.assertThat(
            RedisProcess.command(6379, "PUBSUB SHARDNUMSUB " + prefix + "#/#"))
        .isEqualTo(prefix + "#/#\n:2\n");
    org.assertj.core.api.Assertions.assertThat(
            RedisProcess.command(6379, "PUBSUB NUMSUB " + prefix + "#/#"))
        .isEqualTo(prefix + "#/#\n:0\n");
  }
}
