package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineOptions;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Heartbeats with short intervals. Only lower bounds of time are asserted (a timer never fires
 * early); upper bounds are left to the official suite, since this machine may be loaded.
 */
@Timeout(30)
class HeartbeatTest {
  private EngineTestServer server;
  private final HttpClient http = EngineClients.http();

  @BeforeAll
  static void warmUp() throws Exception {
    try (EngineTestServer warm = new EngineTestServer(EngineOptions.defaults(), true)) {
      EngineClients.Polling p = new EngineClients.Polling(EngineClients.http(), warm);
      p.post("4warm");
      p.get();
      EngineClients.Ws ws = EngineClients.Ws.connect(warm.wsUri("EIO=4&transport=websocket"));
      ws.nextText();
      ws.abort();
    }
  }

  private void start(long intervalMillis, long timeoutMillis) {
    start(options(intervalMillis, timeoutMillis));
  }

  private void start(EngineOptions.Builder options) {
    server = new EngineTestServer(options.build(), true);
  }

  private static EngineOptions.Builder options(long intervalMillis, long timeoutMillis) {
    return EngineOptions.builder()
        .pingInterval(Duration.ofMillis(intervalMillis))
        .pingTimeout(Duration.ofMillis(timeoutMillis));
  }

  /** Upgrades polling session {@code sid} to a WebSocket (2probe, 3probe, 5) and waits for it. */
  private EngineClients.Ws upgrade(String sid) throws Exception {
    EngineClients.Ws ws = probe(sid);
    ws.send("5");
    EngineClients.awaitTransport(server.handler.socket(sid), "websocket");
    return ws;
  }

  /** Opens a WebSocket for {@code sid} and probes it (2probe, 3probe): the upgrade is under way. */
  private EngineClients.Ws probe(String sid) throws Exception {
    EngineClients.Ws ws =
        EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket&sid=" + sid));
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    return ws;
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      server.handler.expectNothing(20);
    } finally {
      server.close();
    }
  }

  @Test
  void pollingPingsEveryIntervalWhileTheClientAnswers() throws Exception {
    start(300, 2000);
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    long beforePong = 0;
    for (int i = 0; i < 3; i++) {
      assertThat(p.get().body()).isEqualTo("2");
      if (i > 0) { // the next ping comes pingInterval after the pong, never sooner
        assertThat(System.nanoTime() - beforePong).isGreaterThanOrEqualTo(300_000_000L);
      }
      beforePong = System.nanoTime();
      assertThat(p.post("3").statusCode()).isEqualTo(200);
    }
    assertThat(server.handler.socket(p.sid).isOpen()).isTrue();
  }

  @Test
  void pollingSessionWithoutPongClosesWithPingTimeout() throws Exception {
    start(300, 200);
    long start = System.nanoTime();
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    server.handler.expect(p.sid, "close ping timeout");
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(490_000_000L);
    assertThat(p.get().statusCode()).isEqualTo(400);
  }

  @Test
  void webSocketPingsAndTimesOut() throws Exception {
    start(300, 1000);
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    assertThat(ws.nextText()).startsWith("0");
    String sid = server.handler.expectAny("open");
    long beforeLastPong = 0;
    for (int i = 0; i < 3; i++) {
      assertThat(ws.nextText()).isEqualTo("2");
      beforeLastPong = System.nanoTime();
      ws.send("3");
    }
    assertThat(ws.nextText()).isEqualTo("2");
    server.handler.expect(sid, "close ping timeout");
    // ping at pong + 300 ms, close at ping + 1000 ms
    assertThat(System.nanoTime() - beforeLastPong).isGreaterThanOrEqualTo(1_300_000_000L);
    ws.awaitClose();
  }

  @Test
  void aPongResetsTheInterval() throws Exception {
    start(600, 2000);
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    ws.nextText();
    String sid = server.handler.expectAny("open");
    long beforeLastPong = 0;
    for (int i = 0; i < 5; i++) {
      Thread.sleep(200);
      beforeLastPong = System.nanoTime();
      ws.send("3"); // early pongs push the next ping back
    }
    assertThat(ws.nextText()).isEqualTo("2");
    assertThat(System.nanoTime() - beforeLastPong).isGreaterThanOrEqualTo(600_000_000L);
    ws.abort();
    server.handler.expect(sid, "close transport close");
  }

  @Test
  void heartbeatSurvivesAnUpgrade() throws Exception {
    start(300, 1000);
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    EngineClients.Ws ws =
        EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket&sid=" + p.sid));
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    ws.send("5");
    for (int i = 0; i < 3; i++) {
      assertThat(ws.nextText()).isEqualTo("2");
      ws.send("3");
    }
    assertThat(ws.nextText()).isEqualTo("2");
    server.handler.expect(p.sid, "close ping timeout");
  }

  // A ping outstanding when the transport changes: its pong stays due (Node's clearTransport
  // clears the pong's timer and nothing re-arms it, so a client that never pongs keeps its session
  // until it sends something). pingTimeout leaves room for the upgrade on a busy machine.

  @Test
  void aPingUnansweredAcrossTheUpgradeEndsTheSessionWithPingTimeout() throws Exception {
    start(300, 1000);
    long start = System.nanoTime();
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    assertThat(p.get().body()).isEqualTo("2"); // the ping, never answered
    EngineClients.Ws ws = upgrade(p.sid); // while its pong is due; then the client stays silent
    server.handler.expect(p.sid, "close ping timeout");
    // the ping at open + 300 ms, its pong due 1000 ms later: never sooner
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(1_290_000_000L);
    ws.awaitClose();
  }

  @Test
  void aPingSentOverPollingCountsWhenItsPongComesOverTheWebSocket() throws Exception {
    start(300, 2000);
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    assertThat(p.get().body()).isEqualTo("2");
    EngineClients.Ws ws = upgrade(p.sid);
    ws.send("3"); // the pong of the ping polling carried, as engine.io-client sends it
    for (int i = 0; i < 2; i++) {
      assertThat(ws.nextText()).isEqualTo("2"); // the heartbeat goes on over the WebSocket
      ws.send("3");
    }
    assertThat(server.handler.socket(p.sid).isOpen()).isTrue();
    ws.abort();
    server.handler.expect(p.sid, "close transport close");
  }

  @Test
  void aPingUnansweredWhileTheProbeTimesOutEndsTheSessionWithPingTimeout() throws Exception {
    start(options(300, 1000).upgradeTimeout(Duration.ofMillis(200)));
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    assertThat(p.get().body()).isEqualTo("2");
    EngineClients.Ws ws = probe(p.sid); // and no 5: the upgrade times out, polling goes on
    ws.awaitClose();
    server.handler.expect(p.sid, "close ping timeout");
    assertThat(server.handler.socket(p.sid).transport()).isEqualTo("polling");
  }

  @Test
  void aPingUnansweredWhileTheProbeIsDroppedEndsTheSessionWithPingTimeout() throws Exception {
    start(300, 1000);
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    assertThat(p.get().body()).isEqualTo("2");
    probe(p.sid).abort(); // the candidate goes away: the session stays on polling
    server.handler.expect(p.sid, "close ping timeout");
    assertThat(server.handler.socket(p.sid).transport()).isEqualTo("polling");
  }

  @Test
  void sessionsSharingTheLoopsTimersTimeOutAlone() throws Exception {
    start(300, 400);
    int n = 20; // over the listener's loops: each loop's sessions share its ping and pong timers
    List<EngineClients.Ws> clients = new ArrayList<>();
    List<String> sids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
      assertThat(ws.nextText()).startsWith("0");
      clients.add(ws);
      sids.add(server.handler.expectAny("open"));
    }
    Set<String> silent = new HashSet<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < n; i++) {
        if (i % 2 == 0) {
          silent.add(sids.get(i)); // never answers
        } else {
          assertThat(clients.get(i).nextText()).isEqualTo("2");
          clients.get(i).send("3");
        }
      }
    }
    Set<String> timedOut = new HashSet<>();
    for (int i = 0; i < n / 2; i++) {
      RecordingHandler.Event e = server.handler.next();
      assertThat(e.line()).isEqualTo("close ping timeout");
      timedOut.add(e.socket().id());
    }
    assertThat(timedOut).isEqualTo(silent);
    Set<String> aborted = new HashSet<>();
    for (int i = 1; i < n; i += 2) {
      assertThat(server.handler.socket(sids.get(i)).isOpen()).isTrue();
      clients.get(i).abort();
      aborted.add(sids.get(i));
    }
    Set<String> closed = new HashSet<>();
    for (int i = 0; i < n / 2; i++) {
      RecordingHandler.Event e = server.handler.next();
      assertThat(e.line()).isEqualTo("close transport close");
      closed.add(e.socket().id());
    }
    assertThat(closed).isEqualTo(aborted);
  }
}
