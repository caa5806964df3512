package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class UpgradeTest {
  private EngineTestServer server;
  private final HttpClient http = EngineClients.http();

  @AfterEach
  void tearDown() throws Exception {
    try {
      server.handler.expectNothing(20);
    } finally {
      server.close();
    }
  }

  private EngineClients.Polling open(EngineOptions options) throws Exception {
    server = new EngineTestServer(options, true);
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    return p;
  }

  private EngineClients.Ws ws(EngineClients.Polling p) throws Exception {
    return EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket&sid=" + p.sid));
  }

  @Test
  void upgradesFromPollingToWebSocket() throws Exception {
    EngineClients.Polling p = open(EngineOptions.defaults());
    CompletableFuture<HttpResponse<String>> pendingGet = p.getAsync();
    Thread.sleep(50);
    EngineClients.Ws ws = ws(p);
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    assertThat(pendingGet.get(5, TimeUnit.SECONDS).body()).isEqualTo("6");
    HttpResponse<String> during = p.get();
    assertThat(during.body()).isEqualTo("6");
    ws.send("5");
    ws.send("4hello");
    server.handler.expect(p.sid, "message hello");
    assertThat(ws.nextText()).isEqualTo("4hello");
    EngineSocket socket = server.handler.socket(p.sid);
    assertThat(socket.transport()).isEqualTo("websocket");
    assertThat(p.get().statusCode()).isEqualTo(400);
    assertThat(p.get().body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
    ws.abort();
    server.handler.expect(p.sid, "close transport close");
  }

  @Test
  void packetsQueuedDuringTheUpgradeArriveOverWebSocketInOrder() throws Exception {
    EngineClients.Polling p = open(EngineOptions.defaults());
    EngineClients.Ws ws = ws(p);
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    EngineSocket socket = server.handler.socket(p.sid);
    for (int i = 0; i < 50; i++) {
      socket.send("q" + i);
    }
    ws.send("5");
    for (int i = 0; i < 50; i++) {
      assertThat(ws.nextText()).isEqualTo("4q" + i);
    }
    ws.abort();
    server.handler.expect(p.sid, "close transport close");
  }

  @Test
  void afterTheUpgradeTheSessionLivesOnTheWebSocketsThread() throws Exception {
    EngineClients.Polling p = open(EngineOptions.defaults());
    EngineClients.Ws ws = ws(p);
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    ws.send("5");
    ws.send("4a");
    Thread handlerThread = server.handler.expect(p.sid, "message a").thread();
    assertThat(ws.nextText()).isEqualTo("4a");
    EngineSocket socket = server.handler.socket(p.sid);
    AtomicReference<Thread> executorThread = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    socket
        .executor()
        .execute(
            () -> {
              executorThread.set(Thread.currentThread());
              ran.countDown();
            });
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(executorThread.get()).isSameAs(handlerThread);
    for (int i = 0; i < 20; i++) {
      ws.send("4m" + i);
    }
    for (int i = 0; i < 20; i++) {
      assertThat(server.handler.expect(p.sid, "message m" + i).thread()).isSameAs(handlerThread);
      assertThat(ws.nextText()).isEqualTo("4m" + i);
    }
    ws.abort();
    server.handler.expect(p.sid, "close transport close");
  }

  @Test
  void manyUpgradesAcrossEventLoopsKeepOrder() throws Exception {
    server =
        new EngineTestServer(
            HttpListenerOptions.builder().host("127.0.0.1").eventLoopThreads(4).build(),
            EngineOptions.defaults(),
            true);
    for (int n = 0; n < 8; n++) {
      EngineClients.Polling p = new EngineClients.Polling(http, server);
      Thread owner = server.handler.expect(p.sid, "open").thread();
      EngineClients.Ws ws = ws(p);
      ws.send("2probe");
      assertThat(ws.nextText()).isEqualTo("3probe");
      ws.send("5");
      for (int i = 0; i < 10; i++) {
        ws.send("4m" + i);
      }
      for (int i = 0; i < 10; i++) {
        assertThat(server.handler.expect(p.sid, "message m" + i).thread()).isSameAs(owner);
        assertThat(ws.nextText()).isEqualTo("4m" + i);
      }
      ws.abort();
      server.handler.expect(p.sid, "close transport close");
    }
  }

  @Test
  void aSecondWebSocketAfterTheUpgradeIsClosed() throws Exception {
    EngineClients.Polling p = open(EngineOptions.defaults());
    EngineClients.Ws ws = ws(p);
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    ws.send("5");
    EngineClients.Ws second = ws(p); // the 101, then an empty close frame (as Node)
    second.awaitClose();
    ws.send("4hello");
    server.handler.expect(p.sid, "message hello");
    assertThat(ws.nextText()).isEqualTo("4hello");
    ws.abort();
    server.handler.expect(p.sid, "close transport close");
  }

  @Test
  void aSecondWebSocketDuringTheUpgradeIsClosed() throws Exception {
    EngineClients.Polling p = open(EngineOptions.defaults());
    EngineClients.Ws ws = ws(p);
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    EngineClients.Ws second = ws(p); // the 101, then an empty close frame (as Node)
    second.awaitClose();
    ws.send("5");
    ws.send("4ok");
    server.handler.expect(p.sid, "message ok");
    ws.abort();
    server.handler.expect(p.sid, "close transport close");
  }

  @Test
  void anUnexpectedPacketAbortsTheUpgradeButKeepsTheSession() throws Exception {
    EngineClients.Polling p = open(EngineOptions.defaults());
    EngineClients.Ws ws = ws(p);
    ws.send("4not a probe");
    ws.awaitClose();
    assertThat(p.post("4still polling").body()).isEqualTo("ok");
    server.handler.expect(p.sid, "message still polling");
    assertThat(p.get().body()).isEqualTo("4still polling");
    assertThat(server.handler.socket(p.sid).transport()).isEqualTo("polling");
  }

  @Test
  void upgradeTimeoutClosesTheCandidate() throws Exception {
    EngineClients.Polling p =
        open(EngineOptions.builder().upgradeTimeout(Duration.ofMillis(1000)).build());
    EngineClients.Ws ws = ws(p);
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    ws.awaitClose();
    assertThat(p.post("4x").body()).isEqualTo("ok");
    server.handler.expect(p.sid, "message x");
    assertThat(p.get().body()).isEqualTo("4x");
    // a later upgrade may still succeed
    EngineClients.Ws again = ws(p);
    again.send("2probe");
    assertThat(again.nextText()).isEqualTo("3probe");
    again.send("5");
    again.send("4y");
    server.handler.expect(p.sid, "message y");
    assertThat(again.nextText()).isEqualTo("4y");
    again.abort();
    server.handler.expect(p.sid, "close transport close");
  }

  @Test
  void closingTheSessionDuringTheUpgradeClosesTheCandidate() throws Exception {
    EngineClients.Polling p = open(EngineOptions.defaults());
    EngineClients.Ws ws = ws(p);
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    assertThat(p.post("1").body()).isEqualTo("ok");
    server.handler.expect(p.sid, "close transport close");
    ws.awaitClose();
  }
}
