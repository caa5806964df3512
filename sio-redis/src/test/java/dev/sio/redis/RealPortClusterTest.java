package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two Sio servers listening on loopback ports with the classic adapter, real WebSocket clients on
 * each: a binary room broadcast and a broadcast with acks cross the cluster.
 */
@Timeout(60)
class RealPortClusterTest {
  @Test
  void realClientsOnTwoListeningServers() throws Exception {
    String prefix = "sio-test-" + UUID.randomUUID().toString().substring(0, 8);
    RedisAdapterOptions options = RedisAdapterOptions.builder().keyPrefix(prefix).build();
    try (RedisAdapterFactory fa = RedisAdapterFactory.classic(options);
        RedisAdapterFactory fb = RedisAdapterFactory.classic(options)) {
      SocketIoServer a = server(fa);
      SocketIoServer b = server(fb);
      try {
        ClusterTestBase.await(() -> a.sockets().adapter().serverCount().join() == 2, "two servers");
        TestClient ca = WsClient.connect(a.port(), "/", null);
        TestClient cb = WsClient.connect(b.port(), "/", null);
        try {
          for (TestClient c : List.of(ca, cb)) {
            assertThat(c.emitWithAck("join", "room1").get(5, TimeUnit.SECONDS).get(0).asText())
                .isEqualTo("joined");
          }
          b.to("room1").emit("bin", new byte[] {1, 2, 3});
          for (TestClient c : List.of(ca, cb)) {
            TestClient.Event e = c.next();
            assertThat(e.name()).isEqualTo("bin");
            assertThat(e.arg(0).binaryValue()).containsExactly(1, 2, 3);
          }
          ca.ackWith(e -> "A");
          cb.ackWith(e -> "B");
          assertThat(
                  a.to("room1")
                      .timeout(Duration.ofSeconds(3))
                      .emitWithAck("q")
                      .get(5, TimeUnit.SECONDS))
              .extracting(n -> n.asText())
              .containsExactlyInAnyOrder("A", "B");
        } finally {
          ca.close();
          cb.close();
        }
      } finally {
        a.close();
        b.close();
      }
    }
  }

  private static SocketIoServer server(RedisAdapterFactory factory) {
    SocketIoServer io =
        SocketIoServer.create(
            ServerOptions.builder().host("127.0.0.1").port(0).adapter(factory).build());
    io.onConnection(
        socket ->
            socket.on(
                "join",
                (args, ack) -> {
                  socket.join(args.get(0).asText());
                  ack.send("joined");
                }));
    return io.start();
  }
}
