package dev.sio.redis;

/**
 * Every cluster operation between two Sio servers over the streams adapter in the 0.2 format
 * (everything in the stream, heartbeats, the server count from the nodes heard).
 */
class StreamsV02ClusterTest extends ClusterOperationsContract {
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
        .streamsFormat(StreamsFormat.V0_2)
        .build();
  }

  @Override
  @org.junit.jupiter.api.Test
  void serverSideEmitWithAckTimesOutWhenAServerDoesNotAnswer() {
    // ClusterAdapterWithHeartbeat's message names the missing answers
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                serverA
                    .serverSideEmitWithAck("ping", "silent")
                    .get(5, java.util.concurrent.TimeUnit.SECONDS))
        .isInstanceOf(java.util.concurrent.ExecutionException.class)
        .cause()
        .isInstanceOf(dev.sio.server.AckTimeoutException.class)
        .hasMessage("timeout reached: missing 1 responses");
  }
}
