package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.server.RemoteSocket;
import dev.sio.server.SocketIoServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that dies without saying goodbye (its Redis connections cut, its adapters never closed)
 * in a cluster of three on the streams adapter in the 0.2 format (heartbeats): the others count it
 * out after the heartbeat timeout, and requests waiting for its answer complete without it, long
 * before their own timeout (60 s here).
 */
@Timeout(60)
class DeadNodeTest extends ClusterTestBase {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }

  @Override
  RedisAdapterOptions options() {
    return RedisAdapterOptions.builder()
        .keyPrefix(prefix)
        .streamName(prefix + "-stream")
        .streamsFormat(StreamsFormat.V0_2)
        .heartbeatInterval(Duration.ofMillis(200))
        .heartbeatTimeout(Duration.ofMillis(1000))
        .requestsTimeout(Duration.ofSeconds(60))
        .blockTime(Duration.ofMillis(500))
        .build();
  }

  @Test
  void aSilentNodeIsCountedOutAndNotWaitedFor() throws Exception {
    RedisAdapterFactory factoryC = factory(options());
    SocketIoServer serverC = server("C", factoryC);
    try {
      awaitServerCount("/", 3);
      clientIn(serverA, "room1");
      clientIn(serverB, "room1");
      clientIn(serverC, "room1");
      assertThat(serverA.fetchSockets().get(10, TimeUnit.SECONDS)).hasSize(3);

      factoryC.close(); // C "dies": no ADAPTER_CLOSE, no more heartbeats
      CompletableFuture<List<RemoteSocket>> fetch = serverA.fetchSockets();
      CompletableFuture<List<com.fasterxml.jackson.databind.JsonNode>> emit =
          serverB.serverSideEmitWithAck("ping", "x");

      // both complete with what A and B answered, once C is counted out (not after 60 s)
      assertThat(fetch.get(20, TimeUnit.SECONDS))
          .extracting(s -> s.data().get("server"))
          .containsExactlyInAnyOrder("A", "B");
      assertThat(emit.get(20, TimeUnit.SECONDS))
          .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
          .containsExactly("pong-A");
      awaitServerCount("/", 2);
    } finally {
      serverC.close();
      factoryC.close();
    }
  }

  @Test
  void onThePubSubAdaptersAClosedConnectionCountsTheNodeOutAtOnce() throws Exception {
    // classic, sharded and streams 0.3 count subscribers (PUBSUB NUMSUB): Redis drops a dead
    // node's subscriptions with its connection, and a request waits for the servers counted then
    RedisAdapterOptions classic =
        RedisAdapterOptions.builder()
            .keyPrefix(prefix + "-classic")
            .requestsTimeout(Duration.ofSeconds(60))
            .build();
    RedisAdapterFactory fc = RedisAdapterFactory.classic(classic);
    RedisAdapterFactory fd = RedisAdapterFactory.classic(classic);
    SocketIoServer c = server("C", fc);
    SocketIoServer d = server("D", fd);
    try {
      await(() -> c.serverCount().join() == 2, "C counts C and D");
      fd.close(); // D dies: its connections close, no goodbye
      await(() -> c.serverCount().join() == 1, "C counts itself only");
      assertThat(c.fetchSockets().get(10, TimeUnit.SECONDS)).isEmpty();
    } finally {
      c.close();
      d.close();
    }
  }
}
