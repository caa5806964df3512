package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.engine.EngineBroadcast;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link EngineBroadcast}: one task per event loop, on a real server with WebSocket clients (with
 * and without permessage-deflate) and polling clients on four loops. The broadcast's pooled frames
 * are checked by the leak detector every test JVM runs.
 */
@Timeout(30)
class EngineBroadcastTest {
  private EngineTestServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  private void start() {
    server =
        new EngineTestServer(
            HttpListenerOptions.builder().host("127.0.0.1").eventLoopThreads(4).build(),
            EngineOptions.builder().perMessageDeflate(true).build(),
            false);
  }

  private static EngineBroadcast broadcast(List<EngineSocket> to, EngineMessage... parts) {
    EngineBroadcast b = new EngineBroadcast(List.of(parts));
    to.forEach(b::add);
    return b;
  }

  @Test
  void everySessionOnEveryLoopGetsThePartsOnceAndInOrder() throws Exception {
    start();
    List<EngineSocket> sessions = new ArrayList<>();
    List<EngineClients.Ws> plain = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      plain.add(EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket")));
      assertThat(plain.get(i).nextText()).startsWith("0{");
      sessions.add(server.handler.next().socket());
    }
    List<NettyWsClient> deflated = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      NettyWsClient c = new NettyWsClient(server.wsUri("EIO=4&transport=websocket"));
      deflated.add(c);
      assertThat(c.extensionsHeader).startsWith("permessage-deflate");
      assertThat(c.next()).startsWith("0{");
      sessions.add(server.handler.next().socket());
    }
    HttpClient http = EngineClients.http();
    List<EngineClients.Polling> polling = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      polling.add(new EngineClients.Polling(http, server));
      sessions.add(server.handler.next().socket());
    }
    Set<Executor> loops = new HashSet<>();
    sessions.forEach(s -> loops.add(s.executor()));
    assertThat(loops).as("sessions on several loops").hasSizeGreaterThan(1);

    // from a user thread: every group handed over
    for (int i = 0; i < 20; i++) {
      broadcast(sessions, EngineMessage.text("t" + i)).send();
    }
    // from a session's loop: that loop's sessions written inline, the others handed over
    EngineSocket first = sessions.get(0);
    first.executor().execute(() -> broadcast(sessions, EngineMessage.text("loop")).send());

    for (EngineClients.Ws ws : plain) {
      for (int i = 0; i < 20; i++) {
        assertThat(ws.nextText()).isEqualTo("4t" + i);
      }
      assertThat(ws.nextText()).isEqualTo("4loop");
    }
    for (NettyWsClient c : deflated) {
      for (int i = 0; i < 20; i++) {
        assertThat(c.next()).isEqualTo("4t" + i);
      }
      assertThat(c.next()).isEqualTo("4loop");
    }
    for (EngineClients.Polling p : polling) {
      StringBuilder all = new StringBuilder();
      while (!all.toString().endsWith("4loop")) {
        HttpResponse<String> r = p.get();
        assertThat(r.statusCode()).isEqualTo(200);
        all.append(all.length() == 0 ? "" : "\u001e").append(r.body());
      }
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        expected.add("4t" + i);
      }
      expected.add("4loop");
      assertThat(all.toString()).isEqualTo(String.join("\u001e", expected));
    }
    for (EngineClients.Ws ws : plain) {
      assertThat(ws.received.poll(50, TimeUnit.MILLISECONDS)).as("exactly once").isNull();
    }
    deflated.forEach(NettyWsClient::close);
  }

  @Test
  void thePartsOfOneBroadcastStayTogether() throws Exception {
    start();
    List<EngineSocket> sessions = new ArrayList<>();
    List<EngineClients.Ws> clients = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      clients.add(EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket")));
      assertThat(clients.get(i).nextText()).startsWith("0{");
      sessions.add(server.handler.next().socket());
    }
    byte[] blob = {7, 8, 9};
    Thread other =
        new Thread(
            () -> {
              for (int i = 0; i < 200; i++) {
                sessions.forEach(s -> s.send("direct"));
              }
            });
    other.start();
    for (int i = 0; i < 200; i++) {
      broadcast(sessions, EngineMessage.text("head"), EngineMessage.binary(blob)).send();
    }
    other.join(10_000);
    for (EngineClients.Ws ws : clients) {
      int heads = 0;
      for (int k = 0; k < 600; k++) {
        Object o = ws.next();
        if ("4head".equals(o)) {
          heads++;
          assertThat(ws.next()).as("the attachment right after its head").isEqualTo(blob);
          k++;
        } else {
          assertThat(o).isEqualTo("4direct");
        }
      }
      assertThat(heads).isEqualTo(200);
    }
  }

  @Test
  void aClosedOrClosingRecipientDoesNotStopTheOthers() throws Exception {
    start();
    List<EngineSocket> sessions = new ArrayList<>();
    List<EngineClients.Ws> clients = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      clients.add(EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket")));
      assertThat(clients.get(i).nextText()).startsWith("0{");
      sessions.add(server.handler.next().socket());
    }
    clients.get(0).abort();
    sessions.get(1).close();
    for (int i = 0; i < 50; i++) {
      broadcast(sessions, EngineMessage.text("x" + i)).send();
    }
    for (EngineClients.Ws ws : clients.subList(2, 8)) {
      for (int i = 0; i < 50; i++) {
        assertThat(ws.nextText()).isEqualTo("4x" + i);
      }
    }
  }

  /** Three WebSocket clients on a server of one loop, connected and past their open packet. */
  private List<EngineClients.Ws> threeOnOneLoop(List<EngineSocket> sessions) throws Exception {
    server =
        new EngineTestServer(
            HttpListenerOptions.builder().host("127.0.0.1").eventLoopThreads(1).build(),
            EngineOptions.builder().build(),
            false);
    List<EngineClients.Ws> clients = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clients.add(EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket")));
      assertThat(clients.get(i).nextText()).startsWith("0{");
      sessions.add(server.handler.next().socket());
    }
    return clients;
  }

  /** Three loop passes with one broadcast each, every one received before the next is sent. */
  private static void passesOfOneBroadcast(
      List<EngineSocket> sessions, List<EngineClients.Ws> clients) throws Exception {
    for (int i = 0; i < 3; i++) {
      broadcast(sessions, EngineMessage.text("p" + i)).send();
      for (EngineClients.Ws ws : clients) {
        assertThat(ws.nextText()).isEqualTo("4p" + i);
      }
    }
  }

  /**
   * Runs {@code broadcasts} in one task of the sessions' loop, then, still in that task, waits up
   * to {@code waitMillis} for the first client to receive each text; returns what it received
   * meanwhile.
   */
  private static List<Object> sentInOnePass(
      List<EngineSocket> sessions, EngineClients.Ws first, long waitMillis, String... texts)
      throws Exception {
    List<Object> seenInPass = new ArrayList<>();
    java.util.concurrent.CompletableFuture<Void> done =
        new java.util.concurrent.CompletableFuture<>();
    sessions
        .get(0)
        .executor()
        .execute(
            () -> {
              try {
                for (String t : texts) {
                  broadcast(sessions, EngineMessage.text(t)).send();
                }
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
                while (seenInPass.size() < texts.length && System.nanoTime() < end) {
                  Object o = first.received.poll(10, TimeUnit.MILLISECONDS);
                  if (o != null) {
                    seenInPass.add(o);
                  }
                }
                done.complete(null);
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            });
    done.get(10, TimeUnit.SECONDS);
    return seenInPass;
  }

  @Test
  void broadcastsThatComeOnePerPassAreFlushedAsEachRecipientIsWritten() throws Exception {
    List<EngineSocket> sessions = new ArrayList<>();
    List<EngineClients.Ws> clients = threeOnOneLoop(sessions);
    EngineClients.Ws first = clients.get(0);
    // after passes with one broadcast each, a lone broadcast no longer waits for the pass's end,
    // so the first recipient has it while the loop is still in the broadcasting task
    passesOfOneBroadcast(sessions, clients);
    assertThat(sentInOnePass(sessions, first, 2_000, "lone"))
        .as("received before the loop's pass ended")
        .containsExactly("4lone");
    for (EngineClients.Ws ws : clients.subList(1, 3)) {
      assertThat(ws.nextText()).isEqualTo("4lone");
    }
  }

  @Test
  void broadcastsThatShareAPassShareTheFlushAtItsEnd() throws Exception {
    List<EngineSocket> sessions = new ArrayList<>();
    List<EngineClients.Ws> clients = threeOnOneLoop(sessions);
    EngineClients.Ws first = clients.get(0);
    passesOfOneBroadcast(sessions, clients);
    // two in one pass: the first is flushed at once (it came alone so far), the second waits for
    // the pass's end, where it is flushed once with anything else of the pass
    assertThat(sentInOnePass(sessions, first, 300, "a", "b"))
        .as("only the first broadcast before the pass ended")
        .containsExactly("4a");
    assertThat(first.nextText()).isEqualTo("4b");
    // the pass carried two broadcasts: the next lone one is deferred again (a closed loop)
    assertThat(sentInOnePass(sessions, first, 300, "c")).as("deferred to the pass's end").isEmpty();
    assertThat(first.nextText()).isEqualTo("4c");
    for (EngineClients.Ws ws : clients.subList(1, 3)) {
      for (String t : List.of("4a", "4b", "4c")) {
        assertThat(ws.nextText()).isEqualTo(t);
      }
    }
  }

  @Test
  void aBroadcastIsSentOnce() {
    assertThatThrownBy(() -> new EngineBroadcast(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    EngineBroadcast b = new EngineBroadcast(List.of(EngineMessage.text("x")));
    b.send();
    assertThat(b.size()).isZero();
    assertThatThrownBy(b::send).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.add(null)).isInstanceOf(IllegalStateException.class);
  }
}
