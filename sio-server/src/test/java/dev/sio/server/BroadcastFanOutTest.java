package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Broadcasts are delivered with one task per event loop (see docs/OPTIMISATIONS.md, "Broadcast
 * fan-out"): every recipient on every loop gets each broadcast once, in the order of the sender's
 * other emits to it, WebSocket and polling clients alike.
 */
class BroadcastFanOutTest extends ServerHarness {
  private static final int LOOPS = 4;
  private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
  private final Map<TestClient, String> ids = new ConcurrentHashMap<>();

  private void startOnLoops() {
    start(b -> b.listener(l -> l.eventLoopThreads(LOOPS)));
    io.onConnection(
        socket -> {
          sockets.put(socket.id(), socket);
          socket.join("r");
        });
  }

  /** Connects {@code n} WebSocket clients and waits until their sockets are known. */
  private List<TestClient> clients(int n) throws Exception {
    List<TestClient> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TestClient c = client();
      ids.put(c, c.connect("/").get("sid").asText());
      list.add(c);
    }
    awaitSockets(n);
    return list;
  }

  private void awaitSockets(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (sockets.size() < n && System.nanoTime() - deadline < 0) {
      Thread.sleep(5);
    }
    assertThat(sockets).hasSize(n);
  }

  private Set<Executor> loopsOf() {
    Set<Executor> loops = ConcurrentHashMap.newKeySet();
    sockets.values().forEach(s -> loops.add(s.conn().executor()));
    return loops;
  }

  @Test
  void everyRecipientOnEveryLoopGetsEachBroadcastOnceInOrder() throws Exception {
    startOnLoops();
    io.onConnection(
        socket ->
            socket.on(
                "burst",
                (args, ack) -> {
                  for (int i = 0; i < 20; i++) {
                    io.to("r").emit("from-loop", i); // the sender's own loop writes inline
                  }
                }));
    listen();
    List<TestClient> clients = clients(24);
    assertThat(loopsOf()).as("sessions on several event loops").hasSizeGreaterThan(1);
    for (int i = 0; i < 50; i++) {
      io.to("r").emit("from-thread", i);
    }
    for (TestClient c : clients) {
      for (int i = 0; i < 50; i++) {
        assertThat(c.nextText()).isEqualTo("42[\"from-thread\"," + i + "]");
      }
    }
    clients.get(0).sendRaw("42[\"burst\"]");
    for (TestClient c : clients) {
      for (int i = 0; i < 20; i++) {
        assertThat(c.nextText()).isEqualTo("42[\"from-loop\"," + i + "]");
      }
    }
    for (TestClient c : clients) {
      c.expectNothing(50); // exactly once
    }
  }

  @Test
  void broadcastsAndDirectEmitsFromOneThreadKeepTheirOrderAcrossLoops() throws Exception {
    startOnLoops();
    io.onConnection(
        socket ->
            socket.on(
                "mix",
                (args, ack) -> {
                  for (int i = 0; i < 30; i++) { // from an event loop: inline and handed over
                    io.to("r").emit("b", i);
                    sockets.values().forEach(s -> s.emit("d", 0));
                  }
                }));
    listen();
    List<TestClient> clients = clients(16);
    assertThat(loopsOf()).hasSizeGreaterThan(1);
    for (int i = 0; i < 100; i++) { // from a user thread: every recipient is handed over
      io.to("r").emit("b", i);
      for (Socket s : sockets.values()) {
        s.emit("d", i);
      }
    }
    for (TestClient c : clients) {
      for (int i = 0; i < 100; i++) {
        assertThat(c.nextText()).as("broadcast %d", i).isEqualTo("42[\"b\"," + i + "]");
        assertThat(c.nextText()).as("direct emit %d", i).isEqualTo("42[\"d\"," + i + "]");
      }
    }
    clients.get(0).sendRaw("42[\"mix\"]");
    for (TestClient c : clients) {
      for (int i = 0; i < 30; i++) {
        assertThat(c.nextText()).isEqualTo("42[\"b\"," + i + "]");
        assertThat(c.nextText()).isEqualTo("42[\"d\",0]");
      }
    }
  }

  @Test
  void roomsAndExceptAcrossLoops() throws Exception {
    startOnLoops();
    listen();
    List<TestClient> clients = clients(12);
    List<Socket> list = new ArrayList<>();
    for (TestClient c : clients) {
      list.add(sockets.get(ids.get(c)));
    }
    for (int i = 0; i < list.size(); i++) {
      list.get(i).join(i % 2 == 0 ? "even" : "odd");
      if (i % 3 == 0) {
        list.get(i).join("third");
      }
    }
    io.to("even", "third").except("odd").emit("x", 1); // even, and not odd thirds
    for (int i = 0; i < clients.size(); i++) {
      if (i % 2 == 0) {
        assertThat(clients.get(i).nextText()).isEqualTo("42[\"x\",1]");
      }
    }
    list.get(1).broadcast().to("odd").emit("y", 2); // odd members but the sender
    for (int i = 0; i < clients.size(); i++) {
      if (i % 2 == 1 && i != 1) {
        assertThat(clients.get(i).nextText()).isEqualTo("42[\"y\",2]");
      }
    }
    for (TestClient c : clients) {
      c.expectNothing(50);
    }
  }

  @Test
  void volatileBroadcastReachesIdleClientsOnEveryLoop() throws Exception {
    startOnLoops();
    listen();
    List<TestClient> clients = clients(12);
    for (Socket s : sockets.values()) {
      Idle.awaitWritable(s.conn());
    }
    io.asVolatile().emit("v", 1);
    for (TestClient c : clients) {
      assertThat(c.nextText()).isEqualTo("42[\"v\",1]");
    }
  }

  @Test
  void pollingAndWebSocketClientsInOneBroadcastWithAttachments() throws Exception {
    startOnLoops();
    listen();
    List<TestClient> all = new ArrayList<>(clients(6));
    for (int i = 0; i < 6; i++) {
      TestClient p = pollingClient();
      p.connect("/");
      all.add(p);
    }
    awaitSockets(12);
    byte[] blob = {1, 2, 3};
    for (int i = 0; i < 10; i++) {
      io.to("r").emit("bin", i, blob);
    }
    for (TestClient c : all) {
      for (int i = 0; i < 10; i++) {
        assertThat(c.nextText())
            .isEqualTo("451-[\"bin\"," + i + ",{\"_placeholder\":true,\"num\":0}]");
        assertThat(c.nextBinary()).containsExactly(blob);
      }
    }
  }

  @Test
  void aWaitingPollIsAnsweredOncePerLoopPass() throws Exception {
    start();
    CountDownLatch burst = new CountDownLatch(1);
    io.onConnection(
        socket ->
            socket.on(
                "burst",
                (args, ack) -> {
                  for (int i = 0; i < 5; i++) {
                    io.emit("n", i); // the recipient lives on this loop: written inline
                  }
                  burst.countDown();
                }));
    listen();
    TestClient p = pollingClient();
    p.connect("/");
    EngineSocket conn = awaitOneSocket().conn();
    Idle.awaitWritable(conn); // a GET is waiting
    int before = p.pollAnswers.size();
    p.sendRaw("42[\"burst\"]");
    assertThat(burst.await(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 5; i++) {
      assertThat(p.nextText()).isEqualTo("42[\"n\"," + i + "]");
    }
    assertThat(p.pollAnswers.subList(before, before + 1))
        .as("the five broadcasts in the first answer to the waiting GET")
        .containsExactly(5);
  }

  private Socket awaitOneSocket() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (io.sockets().sockets().isEmpty() && System.nanoTime() - deadline < 0) {
      Thread.sleep(5);
    }
    return io.sockets().sockets().values().iterator().next();
  }
}
