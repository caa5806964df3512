package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a user sees when Redis is not there or the URI is wrong: Sio's exceptions, named. */
@Timeout(30)
class RedisAdapterErrorsTest {
  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aFactoryThatCannotReachRedisSaysWhereItTried() throws Exception {
    int port = closedPort();
    RedisAdapterOptions options =
        RedisAdapterOptions.builder().uri("redis://:secret@127.0.0.1:" + port).build();
    for (var make :
        java.util.List.<java.util.function.Supplier<Object>>of(
            () -> RedisStreamsEmitter.create(options),
            () ->
                RedisEmitter.create(
                    RedisEmitterOptions.builder().uri("redis://127.0.0.1:" + port).build()))) {
      assertThatThrownBy(make::get)
          .isInstanceOf(RedisAdapterException.class)
          .hasMessageStartingWith("connecting to Redis at 127.0.0.1:" + port + " failed: ")
          .hasMessageNotContaining("secret");
    }
  }

  @Test
  void anAdapterFactoryStartsWithoutRedisAndItsClusterOperationsSayWhereItTried() throws Exception {
    int port = closedPort();
    RedisAdapterOptions options =
        RedisAdapterOptions.builder()
            .uri("redis://:secret@127.0.0.1:" + port)
            .requestsTimeout(java.time.Duration.ofMillis(500))
            .build();
    for (var make :
        java.util.List.<java.util.function.Supplier<RedisAdapterFactory>>of(
            () -> RedisAdapterFactory.classic(options),
            () -> RedisAdapterFactory.sharded(options),
            () -> RedisAdapterFactory.streams(options))) {
      RedisAdapterFactory factory = make.get();
      var io =
          dev.sio.server.SocketIoServer.detached(
              dev.sio.server.ServerOptions.builder().adapter(factory).build());
      try {
        assertThat(factory.isConnected()).isFalse();
        assertThatThrownBy(() -> io.serverCount().get(10, java.util.concurrent.TimeUnit.SECONDS))
            .isInstanceOf(java.util.concurrent.ExecutionException.class)
            .cause()
            .isInstanceOf(RedisAdapterException.class)
            .hasMessageStartingWith("counting the servers (PUBSUB ")
            .hasMessageEndingWith("failed: not connected to Redis at 127.0.0.1:" + port)
            .hasMessageNotContaining("secret");
        // local traffic is served, and what the cluster should hear is queued
        io.emit("news", 1);
        assertThat(factory.queuedMessages()).isEqualTo(1);
        assertThatThrownBy(() -> io.fetchSockets().get(10, java.util.concurrent.TimeUnit.SECONDS))
            .cause()
            .isInstanceOf(java.util.concurrent.TimeoutException.class)
            .hasMessageContaining("not connected to Redis at 127.0.0.1:" + port);
      } finally {
        io.close();
      }
    }
  }

  @Test
  void aUriThatIsNoRedisUriIsNamed() {
    assertThatThrownBy(() -> RedisAdapterOptions.builder().uri("http://nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "not a Redis URI (redis://[:password@]host:port[/db], rediss:// for TLS): \"http://nope\"");
    assertThatThrownBy(() -> RedisEmitterOptions.builder().uri("::"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a Redis URI");
  }
}
