package dev.sio.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Adapter requests and the link gauge with two servers on the classic Redis adapter. */
@Timeout(60)
class ClusterMetricsTest {
  private final String prefix = "sio-metrics-test-" + UUID.randomUUID();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private SocketIoServer server(SimpleMeterRegistry registry) {
    RedisAdapterFactory redis =
        RedisAdapterFactory.classic(
            RedisAdapterOptions.builder().uri("redis://127.0.0.1:6379").keyPrefix(prefix).build());
    SocketIoServer io =
        SocketIoServer.create(
            ServerOptions.builder()
                .host("127.0.0.1")
                .port(0)
                .serveClient(false)
                .adapter(redis)
                .build());
    SioMetrics.builder(registry).adapterLink("redis", redis::isConnected).bind(io);
    io.onServerSideEmit("ping", (args, ack) -> ack.send("pong"));
    io.start();
    closing.add(0, redis::close);
    closing.add(0, io::close);
    return io;
  }

  @Test
  void requestsToTheOtherServersAreCounted() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SocketIoServer a = server(registry);
    server(new SimpleMeterRegistry());
    assertThat(registry.get("sio.adapter.link.up").tag("adapter", "redis").gauge().value())
        .isEqualTo(1);

    a.fetchSockets().get(10, TimeUnit.SECONDS);
    assertThat(a.serverSideEmitWithAck("ping").get(10, TimeUnit.SECONDS).toString())
        .isEqualTo("[\"pong\"]");
    assertThat(
            registry
                .get("sio.adapter.requests")
                .tags("namespace", "/", "type", "fetchSockets")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("sio.adapter.requests")
                .tags("namespace", "/", "type", "serverSideEmitWithAck")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.find("sio.adapter.request.timeouts").counters()).isEmpty();
  }
}
