package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.redis.internal.ShardedRedisAdapter;
import dev.sio.server.Namespace;
import dev.sio.server.RecoveryOptions;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two Sio servers in one JVM sharing the real Redis at 127.0.0.1:6379 through one adapter kind,
 * with a fresh key prefix per test. Clients are plugged into each server's Engine.IO handler. Each
 * server answers {@code join}/{@code leave} events, records server-side emits and tags its sockets'
 * data with its name.
 */
abstract class ClusterTestBase {
  /** Server-side emits received by one server. */
  record Received(String server, List<JsonNode> args) {}

  final String prefix = "sio-test-" + UUID.randomUUID().toString().substring(0, 8);
  RedisAdapterFactory factoryA;
  RedisAdapterFactory factoryB;
  SocketIoServer serverA;
  SocketIoServer serverB;
  final BlockingQueue<Received> serverSideEmits = new LinkedBlockingQueue<>();
  final List<TestClient> clients = new ArrayList<>();

  /** The factory of the adapter kind under test. */
  abstract RedisAdapterFactory factory(RedisAdapterOptions options);

  /** Whether servers keep sessions for recovery. */
  boolean recovery() {
    return false;
  }

  RedisAdapterOptions options() {
    return RedisAdapterOptions.builder()
        .keyPrefix(prefix)
        .streamName(prefix + "-stream")
        .sessionKeyPrefix(prefix + ":session:")
        .requestsTimeout(Duration.ofMillis(1500))
        .build();
  }

  @BeforeEach
  void startServers() throws Exception {
    factoryA = factory(options());
    factoryB = factory(options());
    serverA = server("A", factoryA);
    serverB = server("B", factoryB);
    awaitServerCount("/", 2);
  }

  SocketIoServer server(String name, RedisAdapterFactory factory) {
    ServerOptions.Builder b = ServerOptions.builder().adapter(factory);
    if (recovery()) {
      b.connectionStateRecovery(new RecoveryOptions(Duration.ofMinutes(1), true));
    }
    SocketIoServer io = SocketIoServer.detached(b.build());
    setUp(name, io.of("/"));
    return io;
  }

  void setUp(String name, Namespace nsp) {
    nsp.onConnection(
        socket -> {
          socket.data().put("server", name);
          socket.on(
              "join",
              (args, ack) -> {
                socket.join(args.get(0).asText());
                ack.send("joined");
              });
          socket.on(
              "relay",
              (args, ack) -> {
                socket.to(args.get(0).asText()).emit("relayed", args.get(1));
                ack.send("relayed");
              });
          socket.on(
              "leave",
              (args, ack) -> {
                socket.leave(args.get(0).asText());
                ack.send("left");
              });
        });
    nsp.onServerSideEmit(
        "ping",
        (args, ack) -> {
          serverSideEmits.add(new Received(name, args));
          if (ack.requested() && !args.isEmpty() && !"silent".equals(args.get(0).asText())) {
            ack.send("pong-" + name);
          }
        });
  }

  @AfterEach
  void stopServers() throws Exception {
    if (serverA != null) {
      serverA.close();
    }
    if (serverB != null) {
      serverB.close();
    }
    for (TestClient c : clients) {
      c.close();
    }
    clients.clear();
    if (factoryA != null) {
      factoryA.close();
    }
    if (factoryB != null) {
      factoryB.close();
    }
  }

  void awaitServerCount(String nsp, int count) throws Exception {
    await(
        () -> {
          try {
            return serverA.of(nsp).adapter().serverCount().join() == count
                && serverB.of(nsp).adapter().serverCount().join() == count;
          } catch (RuntimeException redisNotReachableYet) {
            return false;
          }
        },
        "both servers count " + count + " servers");
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < end) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  TestClient client(SocketIoServer server, String nsp) throws Exception {
    return client(server, nsp, null);
  }

  TestClient client(SocketIoServer server, String nsp, ObjectNode auth) throws Exception {
    TestClient c = InJvmClient.connect(server.engineHandler(), nsp, auth);
    clients.add(c);
    return c;
  }

  /** A client of {@code server} that joined {@code rooms}. */
  TestClient clientIn(SocketIoServer server, String... rooms) throws Exception {
    TestClient c = client(server, "/");
    for (String room : rooms) {
      assertThat(c.emitWithAck("join", room).get(5, TimeUnit.SECONDS).get(0).asText())
          .isEqualTo("joined");
      if (server.sockets().adapter() instanceof ShardedRedisAdapter sharded) {
        // dynamic mode: a room's channel is subscribed asynchronously when the room appears
        sharded
            .roomSubscription(room)
            .exceptionally(e -> null)
            .completeOnTimeout(null, 5, TimeUnit.SECONDS) // Redis may be down (fault tests)
            .join();
      }
    }
    return c;
  }

  /** The server-side socket of {@code client} on {@code server}. */
  static dev.sio.server.Socket socketOf(SocketIoServer server, TestClient client)
      throws InterruptedException {
    await(() -> server.sockets().sockets().get(client.sid) != null, "socket " + client.sid);
    return server.sockets().sockets().get(client.sid);
  }

  /** Asserts that no client received anything it was not asked about. */
  void assertNoMoreEvents() throws InterruptedException {
    Thread.sleep(100);
    for (TestClient c : clients) {
      assertThat(c.drain()).as("unexpected events of " + c.sid).isEmpty();
    }
  }

  static Function<TestClient.Event, Object> prefixed(String tag) {
    return e -> tag + ":" + e.arg(0).asText();
  }
}
