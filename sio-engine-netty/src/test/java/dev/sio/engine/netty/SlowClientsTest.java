package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that do not read what they are sent, on a real port: {@code maxBufferedBytes}, the
 * server-wide {@code maxTotalBufferedBytes}, the heartbeat judged by reads, and the close deadline.
 * A {@link EchoBystander} with an echo every 50 ms must see no late or missing echo in every test.
 */
@Timeout(60)
class SlowClientsTest {
  private static final EngineMessage KIB = EngineMessage.text("x".repeat(1024));

  /** Echoes, and keeps the sockets and their close reasons by sid. */
  static final class Handler implements EngineHandler {
    final Map<String, EngineSocket> sockets = new ConcurrentHashMap<>();
    final Map<String, CompletableFuture<String>> closes = new ConcurrentHashMap<>();

    @Override
    public void onOpen(EngineSocket socket) {
      sockets.put(socket.id(), socket);
      closes.putIfAbsent(socket.id(), new CompletableFuture<>());
    }

    @Override
    public void onMessage(EngineSocket socket, String text) {
      socket.send(text);
    }

    @Override
    public void onBinary(EngineSocket socket, byte[] data) {
      socket.send(data);
    }

    @Override
    public void onClose(EngineSocket socket, String reason, String description) {
      closes
          .computeIfAbsent(socket.id(), k -> new CompletableFuture<>())
          .complete(reason + ": " + description);
    }

    EngineSocket socket(String sid) {
      EngineSocket s = sockets.get(sid);
      assertThat(s).as("session %s opened", sid).isNotNull();
      return s;
    }

    /** The close of {@code sid} as "reason: description", waiting up to {@code seconds}. */
    String awaitClose(String sid, int seconds) throws Exception {
      return closes
          .computeIfAbsent(sid, k -> new CompletableFuture<>())
          .get(seconds, TimeUnit.SECONDS);
    }
  }

  private final Handler handler = new Handler();
  private HttpListener listener;
  private EngineServer engine;
  private final List<AutoCloseable> clients = new ArrayList<>();

  private void start(UnaryOperator<EngineOptions.Builder> options) {
    listener =
        HttpListener.create(
            HttpListenerOptions.builder().host("127.0.0.1").eventLoopThreads(2).build());
    engine = EngineServer.attach(listener, options.apply(EngineOptions.builder()).build(), handler);
    listener.start();
  }

  private String path(String query) {
    return engine.options().path() + "?" + query;
  }

  private EchoBystander bystander() throws Exception {
    EchoBystander b =
        EchoBystander.connect(
            java.net.URI.create(
                "ws://127.0.0.1:" + listener.port() + path("EIO=4&transport=websocket")));
    clients.add(b);
    return b;
  }

  private SlowReader slowReader() throws Exception {
    SlowReader r = SlowReader.connect(listener.port(), path("EIO=4&transport=websocket"));
    clients.add(r);
    return r;
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
    if (listener != null) {
      listener.close();
    }
  }

  /**
   * Sends 1 KiB broadcast messages to {@code socket} in bursts of 64 on its own loop (so nothing
   * piles up in its inbox) until it closes, {@code maxBytes} were sent or 20 s passed; returns the
   * bytes sent.
   */
  private static long flood(EngineSocket socket, long maxBytes) throws Exception {
    long sent = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (socket.isOpen() && sent < maxBytes && System.nanoTime() - deadline < 0) {
      CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 64; i++) {
                  socket.send(KIB);
                }
              },
              socket.executor())
          .get(5, TimeUnit.SECONDS);
      sent += 64 * 1024;
    }
    return sent;
  }

  private void awaitClientsCount(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (engine.clientsCount() != n && System.nanoTime() - deadline < 0) {
      Thread.sleep(10);
    }
    assertThat(engine.clientsCount()).as("clientsCount").isEqualTo(n);
  }

  private static void assertWellServed(EchoBystander b) throws Exception {
    Thread.sleep(200); // a few more echoes after the hostile client is gone
    assertThat(b.problems()).as("late or missing echoes of the bystander").isEmpty();
    assertThat(b.echoes()).as("echoes of the bystander").isPositive();
  }

  @Test
  void aWebSocketClientThatDoesNotReadIsClosedAtItsBoundAndCut() throws Exception {
    start(o -> o.maxBufferedBytes(1 << 20));
    EchoBystander b = bystander();
    SlowReader slow = slowReader();
    EngineSocket s = handler.socket(slow.sid);

    long sent = flood(s, 64L << 20);

    assertThat(handler.awaitClose(slow.sid, 5))
        .startsWith("transport error: maxBufferedBytes exceeded: ");
    assertThat(sent).as("sent before the close").isLessThan(8L << 20);
    assertThat(s.bufferedBytes()).as("dropped with the session").isZero();
    SlowReader.End end = slow.readUntilEnd(5000);
    assertThat(end.how()).as("how the connection ended").startsWith("reset");
    assertThat(end.bytesRead()).as("what the client still got").isLessThan(1 << 20);
    awaitClientsCount(1);
    assertWellServed(b);
    b.close();
    awaitClientsCount(0);
  }

  @Test
  void blindPongsDoNotKeepAClientThatDoesNotReadAlive() throws Exception {
    start(
        o ->
            o.pingInterval(Duration.ofMillis(1000)) // 10 blind pongs per interval
                .pingTimeout(Duration.ofMillis(1000))
                .maxBufferedBytes(512L << 20));
    EchoBystander b = bystander();
    SlowReader slow = slowReader();
    EngineSocket s = handler.socket(slow.sid);
    Thread pongs =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 200 && !slow.socket.isClosed(); i++) { // 20 s at most
                  slow.sendText("3"); // a pong every 100 ms, read or not
                  Thread.sleep(100);
                }
              } catch (Exception e) {
                // the server cut the connection
              }
            });
    pongs.setDaemon(true);
    pongs.start();

    long sent = flood(s, 32L << 20);

    assertThat(handler.awaitClose(slow.sid, 10)).isEqualTo("ping timeout: null");
    SlowReader.End end = slow.readUntilEnd(5000);
    // cut with a reset (which the pong thread's next write may report instead, leaving EOF here)
    assertThat(end.bytesRead()).as("what the client still got of %d", sent).isLessThan(1 << 20);
    pongs.join(5000);
    awaitClientsCount(1);
    assertWellServed(b);
  }

  @Test
  void theServerWideBudgetClosesTheLargestHoldersFirst() throws Exception {
    long budget = 2L << 20;
    start(o -> o.maxBufferedBytes(64L << 20).maxTotalBufferedBytes(budget));
    EchoBystander b = bystander();
    List<SlowReader> slow = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      slow.add(slowReader());
    }
    long highest = 0;
    for (int round = 0; round < 400; round++) { // 400 rounds of 64 KiB each, at most
      long sum = 0;
      boolean anyOpen = false;
      for (SlowReader r : slow) {
        EngineSocket s = handler.socket(r.sid);
        if (s.isOpen()) {
          anyOpen = true;
          flood(s, 1); // one burst of 64 KiB
        }
        sum += s.bufferedBytes();
      }
      highest = Math.max(highest, sum);
      if (!anyOpen) {
        break;
      }
    }
    for (SlowReader r : slow) {
      assertThat(handler.awaitClose(r.sid, 5))
          .startsWith("transport error: maxTotalBufferedBytes exceeded: ");
      assertThat(r.readUntilEnd(5000).how()).startsWith("reset");
    }
    // each share lags by less than a 64 KiB step, and a burst of 64 KiB lands before the check
    assertThat(highest)
        .as("bytes held by the slow readers together")
        .isLessThan(budget + (1 << 20));
    awaitClientsCount(1);
    assertWellServed(b);
  }

  @Test
  void aVolatileFloodNeverClosesASession() throws Exception {
    start(o -> o.maxBufferedBytes(256 << 10));
    EchoBystander b = bystander();
    SlowReader slow = slowReader();
    EngineSocket s = handler.socket(slow.sid);
    long sent = 0;
    long offered = 0;
    long highest = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() - deadline < 0 && offered < 2_000_000) {
      offered++;
      if (s.writable()) { // as a volatile packet: dropped while the transport is busy
        s.send(KIB);
        sent++;
      }
      highest = Math.max(highest, s.bufferedBytes());
      if (offered % 64 == 0) {
        Thread.sleep(1);
      }
    }
    assertThat(s.isOpen()).as("open after %d volatile sends of %d offered", sent, offered).isTrue();
    assertThat(sent).as("most volatile sends were dropped").isLessThan(offered / 2);
    assertThat(highest).as("bytes held").isLessThan(256 << 10);
    assertThat(handler.closes.get(slow.sid)).isNotDone();
    assertWellServed(b);
  }

  @Test
  void aPollingClientThatNeverPollsIsBounded() throws Exception {
    start(o -> o.maxBufferedBytes(1 << 20));
    EchoBystander b = bystander();
    String open =
        EngineClients.get(EngineClients.http(), httpUri("EIO=4&transport=polling")).body();
    assertThat(open).startsWith("0{");
    String sid = EngineClients.JSON.readTree(open.substring(1)).get("sid").asText();
    EngineSocket s = handler.socket(sid);

    long sent = flood(s, 64L << 20);

    assertThat(handler.awaitClose(sid, 5)).startsWith("transport error: maxBufferedBytes exceeded");
    assertThat(sent).isLessThan(8L << 20);
    assertThat(s.bufferedBytes()).isZero();
    var get =
        EngineClients.get(EngineClients.http(), httpUri("EIO=4&transport=polling&sid=" + sid));
    assertThat(get.statusCode()).as("the session is gone").isEqualTo(400);
    awaitClientsCount(1);
    assertWellServed(b);
  }

  @Test
  void anOrderlyCloseThatCannotBeWrittenIsCutAfterCloseTimeout() throws Exception {
    start(o -> o.maxBufferedBytes(64L << 20).closeTimeout(Duration.ofMillis(500)));
    EchoBystander b = bystander();
    SlowReader slow = slowReader();
    EngineSocket s = handler.socket(slow.sid);
    flood(s, 4L << 20);
    assertThat(s.bufferedBytes()).as("queued behind the client").isGreaterThan(1 << 20);

    s.close();

    assertThat(handler.awaitClose(slow.sid, 5)).isEqualTo("forced close: null");
    Thread.sleep(1500); // the close frame waits behind 4 MiB; closeTimeout is 500 ms
    SlowReader.End end = slow.readUntilEnd(5000);
    assertThat(end.bytesRead()).as("the queued frames were dropped").isLessThan(1 << 20);
    awaitClientsCount(1);
    assertWellServed(b);
  }

  private java.net.URI httpUri(String query) {
    return java.net.URI.create("http://127.0.0.1:" + listener.port() + path(query));
  }
}
