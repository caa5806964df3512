package dev.sio.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.redis.InJvmClient;
import dev.sio.redis.TestClient;
import dev.sio.server.Namespace;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Two Sio servers in one JVM sharing the real PostgreSQL at 127.0.0.1:5432 (database {@code test}),
 * with a fresh channel prefix, table and application name per test. Clients are plugged into each
 * server's Engine.IO handler. Each server answers {@code join}/{@code leave} events, records
 * server-side emits and tags its sockets' data with its name.
 */
abstract class PgTestBase {
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  /** Server-side emits received by one server. */
  record Received(String server, List<JsonNode> args) {}

  final String run = UUID.randomUUID().toString().substring(0, 8);
  final String prefix = "sio-pg-" + run;
  final String table = "sio_pg_" + run;
  PostgresAdapterFactory factoryA;
  PostgresAdapterFactory factoryB;
  SocketIoServer serverA;
  SocketIoServer serverB;
  final BlockingQueue<Received> serverSideEmits = new LinkedBlockingQueue<>();
  final List<TestClient> clients = new ArrayList<>();

  /** The options of server {@code name}'s adapter. */
  PostgresAdapterOptions.Builder options(String name) {
    return PostgresAdapterOptions.builder()
        .url(URL)
        .channelPrefix(prefix)
        .tableName(table)
        .applicationName(prefix + "-" + name)
        .requestsTimeout(Duration.ofMillis(1500))
        .heartbeatInterval(Duration.ofMillis(500))
        .heartbeatTimeout(Duration.ofMillis(1500))
        .reconnectDelay(Duration.ofMillis(200));
  }

  @BeforeEach
  void startServers() throws Exception {
    factoryA = PostgresAdapterFactory.create(options("A").build());
    factoryB = PostgresAdapterFactory.create(options("B").build());
    serverA = server("A", factoryA);
    serverB = server("B", factoryB);
    awaitServerCount("/", 2);
  }

  SocketIoServer server(String name, PostgresAdapterFactory factory) {
    SocketIoServer io = SocketIoServer.detached(ServerOptions.builder().adapter(factory).build());
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
    for (SocketIoServer s : new SocketIoServer[] {serverA, serverB}) {
      if (s != null) {
        s.close();
      }
    }
    for (TestClient c : clients) {
      c.close();
    }
    clients.clear();
    for (PostgresAdapterFactory f : new PostgresAdapterFactory[] {factoryA, factoryB}) {
      if (f != null) {
        f.close();
      }
    }
    sql("DROP TABLE IF EXISTS " + table);
  }

  /** Runs {@code statement} on a connection of its own; returns the update count. */
  static int sql(String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, "postgres", null);
        Statement s = c.createStatement()) {
      s.execute(statement);
      return s.getUpdateCount();
    }
  }

  /** Terminates the backends whose application_name starts with {@code appPrefix}. */
  static int terminate(String appPrefix) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, "postgres", null);
        var s =
            c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name LIKE ? AND pid <> pg_backend_pid()")) {
      s.setString(1, appPrefix.replace("_", "\\_") + "%");
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** The backend pids whose application_name starts with {@code appPrefix}. */
  static java.util.Set<Integer> pids(String appPrefix) throws SQLException {
    java.util.Set<Integer> out = new java.util.HashSet<>();
    try (Connection c = DriverManager.getConnection(URL, "postgres", null);
        var s =
            c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name LIKE ?")) {
      s.setString(1, appPrefix.replace("_", "\\_") + "%");
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
    }
    return out;
  }

  void awaitServerCount(String nsp, int count) throws Exception {
    await(
        () ->
            serverA.of(nsp).adapter().serverCount().join() == count
                && serverB.of(nsp).adapter().serverCount().join() == count,
        "both servers count " + count + " servers");
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < end) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  TestClient client(SocketIoServer server, String nsp) throws Exception {
    TestClient c = InJvmClient.connect(server.engineHandler(), nsp, null);
    clients.add(c);
    return c;
  }

  /** A client of {@code server} that joined {@code rooms}. */
  TestClient clientIn(SocketIoServer server, String... rooms) throws Exception {
    TestClient c = client(server, "/");
    for (String room : rooms) {
      assertThat(c.emitWithAck("join", room).get(5, TimeUnit.SECONDS).get(0).asText())
          .isEqualTo("joined");
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
