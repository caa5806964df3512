package dev.sio.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.postgres.PostgresAdapterException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The publishing connection's queue: bounded while the database is unreachable (the messages over
 * the bound fail with the reason, the others wait), and sent in order on the real PostgreSQL.
 */
@Timeout(60)
class PgPublisherTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private static PgCodec.Encoded json(String s) {
    return new PgCodec.Encoded(s.getBytes(StandardCharsets.UTF_8), null);
  }

  private static PgPublisher.Item item(String channel, String payload) {
    return new PgPublisher.Item(channel, "u", 3, json(payload), new CompletableFuture<>());
  }

  @Test
  void whileTheDatabaseIsUnreachableTheQueueKeepsItsBoundAndSaysWhy() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/test";
    PgPublisher p =
        new PgPublisher(
            new PgConnector(
                url, "postgres", null, "t", Duration.ofSeconds(1), Duration.ofMillis(50)),
            "t",
            false,
            null,
            3,
            1 << 20,
            "publish");
    p.start();
    p.firstAttempt().get(5, TimeUnit.SECONDS);
    assertThat(p.isConnected()).isFalse();
    List<CompletableFuture<Void>> f = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      f.add(p.offer(item("c", "{\"i\":" + i + "}")));
    }
    assertThat(p.queued()).isEqualTo(3);
    assertThat(p.dropped()).isEqualTo(2);
    for (int i = 3; i < 5; i++) {
      assertThat(f.get(i))
          .failsWithin(Duration.ZERO)
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .isInstanceOf(PostgresAdapterException.class)
          .withMessage(
              "publish queue full (3 messages / 1048576 bytes) while PostgreSQL at "
                  + url
                  + " is unreachable");
    }
    assertThat(f.get(0)).isNotDone();
    p.close(Duration.ofMillis(100));
    assertThat(f.get(0)).isCompletedExceptionally();
  }

  @Test
  void theByteBoundCountsThePayloads() throws Exception {
    PgPublisher p =
        new PgPublisher(
            new PgConnector(
                "jdbc:postgresql://127.0.0.1:1/test",
                "postgres",
                null,
                "t",
                Duration.ofSeconds(1),
                Duration.ofMillis(50)),
            "t",
            false,
            null,
            100,
            10,
            "publish");
    // not started: nothing is sent, only queued
    assertThat(p.offer(item("c", "123456"))).isNotDone();
    assertThat(p.offer(item("c", "12345"))).isCompletedExceptionally(); // 6 + 5 > 10
    assertThat(p.offer(item("c", "1234"))).isNotDone(); // 6 + 4 = 10
    assertThat(p.dropped()).isEqualTo(1);
  }

  @Test
  void aQueueOfZeroStillPublishesWhileConnectedAndDropsWhileNot() throws Exception {
    String channel = "sio-pg-" + UUID.randomUUID().toString().substring(0, 8) + "#/";
    PgPublisher p =
        new PgPublisher(
            new PgConnector(
                URL, "postgres", null, "t", Duration.ofSeconds(5), Duration.ofMillis(50)),
            "sio_pg_unused",
            false,
            null,
            0,
            0,
            "publish");
    p.start();
    p.firstAttempt().get(10, TimeUnit.SECONDS);
    assertThat(p.isConnected()).isTrue();
    p.offer(item(channel, "{\"i\":1}")).get(5, TimeUnit.SECONDS);
    assertThat(p.sent()).isEqualTo(1);
    p.close(Duration.ofSeconds(1));
  }

  @Test
  void theTableIsCreatedAndRowsOlderThanTheCleanupIntervalAreDeleted() throws Exception {
    String table = "sio_pg_" + UUID.randomUUID().toString().substring(0, 8);
    PgPublisher p =
        new PgPublisher(
            new PgConnector(
                URL, "postgres", null, "t", Duration.ofSeconds(5), Duration.ofMillis(50)),
            table,
            true,
            Duration.ofMillis(300),
            100,
            1 << 20,
            "publish");
    try (var c = DriverManager.getConnection(URL, "postgres", null)) {
      p.start();
      p.firstAttempt().get(10, TimeUnit.SECONDS);
      try (var s = c.createStatement()) {
        s.execute(
            "INSERT INTO "
                + table
                + " (created_at, payload) VALUES (now() - interval '1 hour', 'x')");
      }
      p.offer(
              new PgPublisher.Item(
                  "sio-pg-cleanup#/",
                  "u",
                  3,
                  new PgCodec.Encoded(null, new byte[] {1}),
                  new CompletableFuture<>()))
          .get(5, TimeUnit.SECONDS);
      assertThat(count(c, table)).isBetween(1, 2); // the attachment (the old row may be gone)
      long end = System.currentTimeMillis() + 10_000;
      while (count(c, table) > 0 && System.currentTimeMillis() < end) {
        Thread.sleep(100);
      }
      assertThat(count(c, table)).as("rows left after the cleanup").isZero();
    } finally {
      p.close(Duration.ofSeconds(1));
      try (var c = DriverManager.getConnection(URL, "postgres", null);
          var s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }

  private static int count(java.sql.Connection c, String table) throws Exception {
    try (var s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void messagesAreNotifiedInOrderOnTheRealDatabase() throws Exception {
    String channel = "sio-pg-" + UUID.randomUUID().toString().substring(0, 8) + "#/";
    try (var listen = DriverManager.getConnection(URL, "postgres", null)) {
      try (var s = listen.createStatement()) {
        s.execute(PgProtocol.listen(channel));
      }
      PgPublisher p =
          new PgPublisher(
              new PgConnector(
                  URL, "postgres", null, "t", Duration.ofSeconds(5), Duration.ofMillis(50)),
              "sio_pg_unused",
              false,
              null,
              100,
              1 << 20,
              "publish");
      p.start();
      List<CompletableFuture<Void>> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sent.add(p.offer(item(channel, "{\"i\":" + i + "}")));
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      List<String> got = new ArrayList<>();
      PGConnection pg = listen.unwrap(PGConnection.class);
      long end = System.currentTimeMillis() + 5000;
      while (got.size() < 20 && System.currentTimeMillis() < end) {
        PGNotification[] n = pg.getNotifications(200);
        if (n != null) {
          for (PGNotification x : n) {
            assertThat(x.getName()).isEqualTo(channel);
            got.add(x.getParameter());
          }
        }
      }
      assertThat(got).hasSize(20);
      for (int i = 0; i < 20; i++) {
        assertThat(got.get(i)).isEqualTo("{\"i\":" + i + "}");
      }
      assertThat(p.sent()).isEqualTo(20);
      p.close(Duration.ofSeconds(1));
    }
  }
}
