package dev.sio.interop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;
import dev.sio.redis.InJvmClient;
import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.redis.TestClient;
import dev.sio.redis.internal.ShardedRedisAdapter;
import dev.sio.server.AdapterFactory;
import dev.sio.server.RecoveryOptions;
import dev.sio.server.ServerOptions;
import dev.sio.server.Socket;
import dev.sio.server.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * A mixed cluster on the real Redis at 127.0.0.1:6379: a Node.js socket.io 4.8 server with the npm
 * adapter of one kind (the subclass) and a Sio server with the matching Redis adapter, an npm
 * socket.io-client on the Node server and a client plugged into the Sio server's Engine.IO handler.
 * Every cluster operation is checked in both directions.
 */
@Timeout(90)
abstract class MixedClusterBase {
  static final Duration WAIT = Duration.ofSeconds(10);

  final String prefix = "sio-interop-" + UUID.randomUUID().toString().substring(0, 8);
  final AtomicInteger ids = new AtomicInteger();
  final BlockingQueue<List<JsonNode>> sioServerSideEmits = new LinkedBlockingQueue<>();
  final List<AutoCloseable> closeables = new ArrayList<>();
  AdapterFactory factory;
  SocketIoServer sio;
  NodeScript node;
  int nodePort;
  int sioPort;

  /** {@code classic}, {@code sharded} or {@code streams}. */
  abstract String kind();

  /** The Redis kinds' factory; a subclass on another transport overrides {@link #newFactory()}. */
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    throw new UnsupportedOperationException("override factory(options) or newFactory()");
  }

  /** The Sio server's adapter factory. */
  AdapterFactory newFactory() {
    return factory(adapterOptions().build());
  }

  boolean recovery() {
    return false;
  }

  /** The Sio adapter's options (the subclass may add to them). */
  RedisAdapterOptions.Builder adapterOptions() {
    return RedisAdapterOptions.builder()
        .keyPrefix(prefix)
        .streamName(prefix + "-stream")
        .sessionKeyPrefix(prefix + ":session:")
        .requestsTimeout(Duration.ofSeconds(2));
  }

  /** More arguments for the Node server script. */
  List<String> nodeArgs() {
    return List.of();
  }

  @BeforeEach
  void start() throws Exception {
    factory = newFactory();
    ServerOptions.Builder b = ServerOptions.builder().host("127.0.0.1").port(0).adapter(factory);
    if (recovery()) {
      b.connectionStateRecovery(new RecoveryOptions(Duration.ofMinutes(1), true));
    }
    sio = SocketIoServer.create(b.build()).start();
    sioPort = sio.port();
    sio.onConnection(
        socket -> {
          socket.data().putIfAbsent("server", "J"); // a recovered socket keeps its data
          socket.on(
              "join",
              (args, ack) -> {
                socket.join(args.get(0).asText());
                ack.send("joined");
              });
        });
    sio.onServerSideEmit(
        "ping",
        (args, ack) -> {
          sioServerSideEmits.add(args);
          if (ack.requested()) {
            ack.send("pong-J");
          }
        });
    List<String> args =
        new ArrayList<>(List.of("--kind", kind(), "--prefix", prefix, "--name", "N"));
    if (recovery()) {
      args.add("--recovery");
    }
    args.addAll(nodeArgs());
    node = NodeScript.start("cluster/node-server.js", java.util.Map.of(), args);
    nodePort = node.await("listening", WAIT).path("port").asInt();
    await(() -> sio.sockets().adapter().serverCount().join() == 2, "Sio counts 2 servers");
    await(() -> nodeServerCount() == 2, "Node counts 2 servers");
  }

  @AfterEach
  void stop() throws Exception {
    sio.close();
    for (AutoCloseable c : closeables) {
      c.close();
    }
    node.close();
    factory.close();
  }

  // ---- helpers --------------------------------------------------------------------------------

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < end) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  int nodeServerCount() {
    int id = ids.incrementAndGet();
    node.send(NodeScript.command("serverCount").put("id", id));
    return node.await("serverCount", line -> line.path("id").asInt() == id, WAIT)
        .path("count")
        .asInt();
  }

  /**
   * Sends {@code command} with a fresh id to {@code script} and awaits the answer {@code event}.
   */
  JsonNode ask(NodeScript script, ObjectNode command, String event) {
    int id = ids.incrementAndGet();
    command.put("id", id);
    script.send(command);
    return script.await(event, line -> line.path("id").asInt() == id, WAIT);
  }

  /** An npm socket.io-client connected to the Node server, in {@code rooms}. */
  NodeScript npmClient(String tag, String... rooms) {
    return npmClient(nodePort, tag, rooms);
  }

  /** An npm socket.io-client connected to the Sio server (a real WebSocket), in {@code rooms}. */
  NodeScript npmClientOnSio(String tag, String... rooms) {
    NodeScript c = npmClient(sioPort, tag, rooms);
    if (rooms.length > 0 && sio.sockets().adapter() instanceof ShardedRedisAdapter sharded) {
      for (String room : rooms) {
        sharded.roomSubscription(room).completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
      }
    }
    return c;
  }

  /** An npm socket.io-client connected to the server on {@code port}, in {@code rooms}. */
  NodeScript npmClient(int port, String tag, String... rooms) {
    NodeScript c =
        NodeScript.start("cluster/node-client.js", "http://127.0.0.1:" + port, "--tag", tag);
    closeables.add(c);
    c.await("connect", WAIT);
    for (String room : rooms) {
      ObjectNode join = NodeScript.command("emitWithAck").put("name", "join");
      join.putArray("args").add(room);
      assertThat(ask(c, join, "ack").path("args").get(0).asText()).isEqualTo("joined");
    }
    if (rooms.length > 0 && "sharded".equals(kind())) {
      // Node subscribes to a new room's sharded channel after it acked the join; nothing shows when
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return c;
  }

  /** A client of the Sio server, in {@code rooms}. */
  TestClient sioClient(String... rooms) throws Exception {
    TestClient c = InJvmClient.connect(sio.engineHandler(), "/");
    closeables.add(c);
    for (String room : rooms) {
      assertThat(c.emitWithAck("join", room).get(5, TimeUnit.SECONDS).get(0).asText())
          .isEqualTo("joined");
      if (sio.sockets().adapter() instanceof ShardedRedisAdapter sharded) {
        sharded.roomSubscription(room).get(5, TimeUnit.SECONDS);
      }
    }
    return c;
  }

  static String idOf(NodeScript client) {
    return client.received().stream()
        .filter(l -> "connect".equals(l.path("event").asText()))
        .reduce((a, b) -> b)
        .orElseThrow()
        .path("id")
        .asText();
  }

  static JsonNode message(NodeScript client, String name) {
    return client.await("message", l -> name.equals(l.path("name").asText()), WAIT);
  }

  ObjectNode nodeCommand(String cmd, String... rooms) {
    ObjectNode c = NodeScript.command(cmd);
    ArrayNode r = c.putArray("rooms");
    for (String room : rooms) {
      r.add(room);
    }
    return c;
  }

  Socket socketOf(TestClient c) throws InterruptedException {
    await(() -> sio.sockets().sockets().get(c.sid) != null, "Sio socket " + c.sid);
    return sio.sockets().sockets().get(c.sid);
  }

  List<String> nodeRooms(String sid) {
    JsonNode r = ask(node, NodeScript.command("rooms").put("sid", sid), "rooms");
    List<String> rooms = new ArrayList<>();
    r.path("rooms").forEach(x -> rooms.add(x.asText()));
    return rooms;
  }
}
