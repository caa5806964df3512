package dev.sio.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.redis.TestClient;
import dev.sio.server.Socket;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The emitter against two Sio servers on the real PostgreSQL, and what it writes: the official
 * emitter's format with the top-level {@code nsp} the Node adapter needs.
 */
@Timeout(60)
class PostgresEmitterTest extends PgTestBase {

  @Test
  void everyOperationReachesBothServers() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    TestClient b1 = clientIn(serverB, "room1");
    TestClient b2 = clientIn(serverB, "muted", "room1");
    try (PostgresEmitter emitter = PostgresEmitter.create(options("E").build())) {
      emitter
          .to("room1")
          .except("muted")
          .emit("news", "hi", new byte[] {1, 2})
          .get(5, TimeUnit.SECONDS);
      for (TestClient c : List.of(a1, b1)) {
        TestClient.Event e = c.next();
        assertThat(e.name()).isEqualTo("news");
        assertThat(e.arg(0).asText()).isEqualTo("hi");
        assertThat(e.arg(1).binaryValue()).containsExactly(1, 2);
      }
      String big = "z".repeat(9000);
      emitter.emit("big", big).get(5, TimeUnit.SECONDS);
      for (TestClient c : List.of(a1, b1, b2)) {
        assertThat(c.next().arg(0).asText()).isEqualTo(big);
      }

      Socket onA = socketOf(serverA, a1);
      Socket onB = socketOf(serverB, b1);
      emitter.in("room1").socketsJoin("joined-by-emitter").get(5, TimeUnit.SECONDS);
      await(
          () ->
              onA.rooms().contains("joined-by-emitter")
                  && onB.rooms().contains("joined-by-emitter"),
          "joined");
      emitter.in(a1.sid).socketsLeave("joined-by-emitter").get(5, TimeUnit.SECONDS);
      await(() -> !onA.rooms().contains("joined-by-emitter"), "a1 left");

      emitter.serverSideEmit("ping", "from-emitter").get(5, TimeUnit.SECONDS);
      List<String> servers = new ArrayList<>();
      servers.add(serverSideEmits.poll(5, TimeUnit.SECONDS).server());
      servers.add(serverSideEmits.poll(5, TimeUnit.SECONDS).server());
      assertThat(servers).containsExactlyInAnyOrder("A", "B");

      emitter.in("muted").disconnectSockets(true).get(5, TimeUnit.SECONDS);
      assertThat(b2.awaitDisconnect(5000)).isTrue();
      assertThat(a1.disconnected).isFalse();

      assertThatThrownBy(() -> emitter.emit("connect"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("\"connect\" is a reserved event name");
    }
    assertNoMoreEvents();
  }

  @Test
  void itWritesTheOfficialFormatWithTheNamespace() throws Exception {
    try (var listen = DriverManager.getConnection(URL, "postgres", null);
        PostgresEmitter emitter = PostgresEmitter.create(options("E").build())) {
      try (var s = listen.createStatement()) {
        s.execute("LISTEN \"" + prefix + "#/admin\"");
      }
      var admin = emitter.of("admin");
      admin.to("r1").volatile_().emit("e", 1).get(5, TimeUnit.SECONDS);
      admin.socketsJoin("r2").get(5, TimeUnit.SECONDS);
      admin.disconnectSockets(false).get(5, TimeUnit.SECONDS);
      admin.serverSideEmit("s", "x").get(5, TimeUnit.SECONDS);
      List<String> got = new ArrayList<>();
      PGConnection pg = listen.unwrap(PGConnection.class);
      long end = System.currentTimeMillis() + 5000;
      while (got.size() < 4 && System.currentTimeMillis() < end) {
        PGNotification[] n = pg.getNotifications(200);
        if (n != null) {
          for (PGNotification x : n) {
            got.add(x.getParameter());
          }
        }
      }
      assertThat(got)
          .containsExactly(
              "{\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"e\",1],\"nsp\":\"/admin\"},"
                  + "\"opts\":{\"rooms\":[\"r1\"],\"flags\":{\"volatile\":true},\"except\":[]}},"
                  + "\"uid\":\"emitter\",\"nsp\":\"/admin\"}",
              "{\"type\":4,\"data\":{\"opts\":{\"rooms\":[],\"except\":[]},\"rooms\":[\"r2\"]},"
                  + "\"uid\":\"emitter\",\"nsp\":\"/admin\"}",
              "{\"type\":6,\"data\":{\"opts\":{\"rooms\":[],\"except\":[]},\"close\":false},"
                  + "\"uid\":\"emitter\",\"nsp\":\"/admin\"}",
              "{\"type\":9,\"data\":{\"packet\":[\"s\",\"x\"]},\"uid\":\"emitter\",\"nsp\":\"/admin\"}");
    }
  }
}
