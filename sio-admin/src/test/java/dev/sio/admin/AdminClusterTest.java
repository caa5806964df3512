package dev.sio.admin;

import static dev.sio.admin.Recorder.arg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two servers on the classic Redis adapter (real Redis at 127.0.0.1:6379, a fresh key prefix): one
 * UI connected to server A sees the sockets, events and stats of server B and acts on them.
 */
@Timeout(60)
class AdminClusterTest {
  private final String prefix = "sio-admin-test-" + UUID.randomUUID();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final List<Recorder> clients = new ArrayList<>();

  private SocketIoServer server(String id) {
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
    io.onConnection(socket -> socket.on("join", (args, ack) -> socket.join(args.get(0).asText())));
    AdminUi admin =
        AdminUi.instrument(
            io,
            AdminOptions.builder()
                .auth(AdminAuth.basic("admin", AdminUiTest.BCRYPTJS_HASH))
                .serverId(id)
                .statsInterval(Duration.ofMillis(300))
                .build());
    io.start();
    closing.add(0, redis::close);
    closing.add(0, io::close);
    closing.add(0, admin::close);
    return io;
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(Recorder::close);
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private Recorder connect(SocketIoServer io, String nsp, Object auth) throws Exception {
    Recorder r = new Recorder(io.port(), nsp, auth);
    clients.add(r);
    return r.awaitConnected();
  }

  @Test
  void oneUiSeesAndActsOnEveryServer() throws Exception {
    SocketIoServer a = server("server-a");
    SocketIoServer b = server("server-b");
    Recorder onB = connect(b, "/", null);
    onB.socket.emit("join", "far");

    Recorder ui = connect(a, "/admin", AdminUiTest.LOGIN);
    // all_sockets is fetched across the cluster: B's socket is there, with its admin fields.
    JsonNode remote = null;
    for (JsonNode s : arg(ui.next("all_sockets"), 0)) {
      if (s.get("id").asText().equals(onB.socket.id())) {
        remote = s;
      }
    }
    assertThat(remote).as("B's socket in A's all_sockets").isNotNull();
    assertThat(remote.get("clientId").asText()).hasSize(12);
    assertThat(remote.get("transport").asText()).isEqualTo("websocket");
    assertThat(remote.get("rooms").toString()).contains("\"far\"");

    // Both servers' stats reach the UI.
    Set<String> servers = new HashSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (servers.size() < 2 && System.nanoTime() < deadline) {
      servers.add(arg(ui.next("server_stats"), 0).get("serverId").asText());
    }
    assertThat(servers).containsExactlyInAnyOrder("server-a", "server-b");

    // B's live events reach the UI on A.
    Recorder late = connect(b, "/", null);
    String lateId = late.socket.id();
    JsonNode connected =
        arg(ui.next("socket_connected", e -> arg(e, 0).get("id").asText().equals(lateId)), 0);
    assertThat(connected.get("nsp").asText()).isEqualTo("/");

    // A command sent to A acts on B's socket.
    String farId = onB.socket.id(); // the client forgets its id once disconnected
    ui.socket.emit("_disconnect", "/", false, farId);
    assertThat(onB.disconnected.get(10, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
    ui.next("socket_disconnected", e -> arg(e, 1).asText().equals(farId));
    assertThat(late.socket.connected()).isTrue();
  }
}
