package dev.sio.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.redis.TestClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL connections killed under traffic ({@code pg_terminate_backend} of one server's
 * listening and publishing connections, found by their {@code application_name}): no server
 * crashes, every event a client got an ack for reaches the other server, in order, once the
 * connection is back; both servers count 2 again; the killed server hears the other again.
 */
@Timeout(90)
class PostgresFaultTest extends PgTestBase {
  private static final int EVENTS = 200;

  @Test
  void ackedEventsPublishedWhileAServersConnectionsAreKilledAllArrive() throws Exception {
    TestClient a1 = clientIn(serverA);
    TestClient b1 = clientIn(serverB, "room1");
    Set<Integer> before = pids(prefix + "-A-");
    assertThat(before).hasSize(2); // listen and publish

    List<CompletableFuture<?>> acks = new ArrayList<>();
    int killedAt = -1;
    for (int i = 0; i < EVENTS; i++) {
      acks.add(a1.emitWithAck("relay", "room1", i));
      if (i % 20 == 0) {
        acks.get(i).get(5, TimeUnit.SECONDS); // keep a steady pace, not one burst
      }
      if (i == EVENTS / 4 || i == EVENTS / 2) {
        // twice, so the second kill may hit one connection while the other is still
        // reconnecting; the first kill's connections may both still be away, so wait for one
        assertThat(terminateOnceBack(prefix + "-A")).isPositive();
        killedAt = i;
      }
    }
    for (CompletableFuture<?> ack : acks) {
      ack.get(10, TimeUnit.SECONDS); // the server acked every event: each one must arrive
    }
    assertThat(killedAt).isEqualTo(EVENTS / 2);

    Set<Integer> got = new LinkedHashSet<>();
    List<Integer> order = new ArrayList<>();
    long end = System.currentTimeMillis() + 20_000;
    while (got.size() < EVENTS && System.currentTimeMillis() < end) {
      TestClient.Event e = b1.poll(500);
      if (e != null) {
        assertThat(e.name()).isEqualTo("relayed");
        if (got.add(e.arg(0).asInt())) {
          order.add(e.arg(0).asInt());
        }
      }
    }
    assertThat(got).as("events that reached B").hasSize(EVENTS);
    assertThat(order).as("in the order they were published").isSorted();

    // both servers know each other again, and A hears B again (its listener is back)
    await(() -> factoryA.isConnected(), "A reconnected");
    Set<Integer> after = pids(prefix + "-A-");
    assertThat(after).hasSize(2).doesNotContainAnyElementsOf(before);
    awaitServerCount("/", 2);
    TestClient a2 = clientIn(serverA, "room2");
    serverB.to("room2").emit("after", 1);
    assertThat(a2.next().name()).isEqualTo("after");
  }

  /**
   * Terminates the backends of {@code appPrefix} as soon as there is one (for up to 10 s: after a
   * kill, the reconnections back off); returns how many were terminated, 0 if none came back.
   */
  private static int terminateOnceBack(String appPrefix) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int killed = terminate(appPrefix);
    while (killed == 0 && System.nanoTime() < end) {
      Thread.sleep(20);
      killed = terminate(appPrefix);
    }
    return killed;
  }

  @Test
  void aServerWhoseListenerIsKilledIsCountedAgainAndHearsAgain() throws Exception {
    TestClient a1 = clientIn(serverA, "room1");
    // only the listening connection: A keeps publishing (heartbeats), B keeps counting it
    Set<Integer> before = pids(prefix + "-A-listen");
    assertThat(terminate(prefix + "-A-listen")).isEqualTo(1);
    await(
        () -> {
          try {
            Set<Integer> now = pids(prefix + "-A-listen");
            return now.size() == 1 && !now.equals(before);
          } catch (java.sql.SQLException e) {
            return false;
          }
        },
        "A listens again on a new connection");
    await(() -> factoryA.isConnected(), "A connected");
    awaitServerCount("/", 2);
    serverB.to("room1").emit("again", "B->A");
    TestClient.Event e = a1.next();
    assertThat(e.name()).isEqualTo("again");
    assertNoMoreEvents();
  }
}
