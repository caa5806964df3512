package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.AllowRequest;
import dev.sio.engine.EngineOptions;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every half-open state of a handshake or an upgrade ends, on a real port: a WebSocket handshake
 * abandoned while an asynchronous {@code allowRequest} is pending leaves no session, a decision
 * that never comes is a rejection after {@code allowRequestTimeout}, an upgrade that is never
 * completed ends after {@code upgradeTimeout}, an upgrade abandoned at once leaves the session
 * alone. A bystander session is unaffected, and nothing is logged at WARNING or above.
 */
@Timeout(60)
class HalfOpenHandshakeTest {
  private static final Duration ALLOW_TIMEOUT = Duration.ofMillis(300);

  private EngineTestServer server;
  private Bystander bystander;
  private final HttpClient http = EngineClients.http();
  private final List<CompletableFuture<AllowRequest.Decision>> held = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Handler julCapture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(r.getLoggerName() + ": " + r.getMessage() + " " + r.getThrown());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** allowRequest holds requests with {@code hold=1} until the test decides; others pass. */
  private void start(EngineOptions.Builder options) throws Exception {
    Logger.getLogger("").addHandler(julCapture);
    server =
        new EngineTestServer(
            options
                .allowRequest(
                    req -> {
                      if (req.queryParam("hold") == null) {
                        return CompletableFuture.completedFuture(AllowRequest.Decision.accept());
                      }
                      CompletableFuture<AllowRequest.Decision> f = new CompletableFuture<>();
                      held.add(f);
                      return f;
                    })
                .build(),
            true);
    bystander = new Bystander(server);
    expect(bystander.sid, "open");
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      bystander.stop();
      bystander.expectNothing(server.handler, 50);
      assertThat(server.engine.clientsCount()).isEqualTo(1); // the bystander only
      assertThat(warnings).isEmpty();
    } finally {
      Logger.getLogger("").removeHandler(julCapture);
      bystander.close();
      server.close();
    }
  }

  private void expect(String sid, String line) throws InterruptedException {
    assertThat(bystander.next(server.handler)).isEqualTo(sid + " " + line);
  }

  private void awaitHeld(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (held.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(held).hasSize(n);
  }

  private void awaitClients(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.engine.clientsCount() != n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(server.engine.clientsCount()).isEqualTo(n);
  }

  private static String upgrade(String query) {
    return "GET /engine.io/?"
        + query
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: "
        + RawWs.KEY
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
  }

  @Test
  void handshakesAbandonedWhileAllowRequestDecidesLeaveNoSession() throws Exception {
    start(EngineOptions.builder().allowRequestTimeout(Duration.ofSeconds(30)));
    List<RawWs> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      clients.add(RawWs.send(server.listener.port(), upgrade("EIO=4&transport=websocket&hold=1")));
    }
    awaitHeld(20);
    for (RawWs c : clients) {
      c.close();
    }
    Thread.sleep(200); // the server sees the FINs; a late one only adds an open and a close
    for (CompletableFuture<AllowRequest.Decision> f : held) {
      f.complete(AllowRequest.Decision.accept());
    }
    awaitClients(1);
    bystander.expectNothing(server.handler, 300);
    assertThat(server.engine.clientsCount()).isEqualTo(1);
  }

  @Test
  void anUpgradeWhoseAllowRequestNeverDecidesIsRejectedAfterTheTimeout() throws Exception {
    start(EngineOptions.builder().allowRequestTimeout(ALLOW_TIMEOUT));
    warnings.clear();
    try (RawWs ws =
        RawWs.request(server.listener.port(), upgrade("EIO=4&transport=websocket&hold=1"))) {
      assertThat(ws.responseHead).startsWith("HTTP/1.1 400 Bad Request\r\n");
      assertThat(ws.readBody()).isEqualTo("Forbidden");
      assertThat(ws.endsWithin(5_000)).isTrue();
    }
    assertThat(held).hasSize(1);
    held.get(0).complete(AllowRequest.Decision.accept()); // too late: ignored
    bystander.expectNothing(server.handler, 200);
  }

  @Test
  void aPollingHandshakeWhoseAllowRequestNeverDecidesGets403AfterTheTimeout() throws Exception {
    start(EngineOptions.builder().allowRequestTimeout(ALLOW_TIMEOUT));
    HttpResponse<String> r = EngineClients.get(http, server.uri("EIO=4&transport=polling&hold=1"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
    held.get(0).complete(AllowRequest.Decision.accept()); // too late: ignored
    bystander.expectNothing(server.handler, 200);
  }

  @Test
  void anUpgradeThatNeverProbesIsClosedAfterUpgradeTimeout() throws Exception {
    start(EngineOptions.builder().upgradeTimeout(Duration.ofMillis(300)));
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    expect(p.sid, "open");
    long started = System.nanoTime();
    try (RawWs ws =
        RawWs.open(server.listener.port(), "/engine.io/?EIO=4&transport=websocket&sid=" + p.sid)) {
      assertThat(ws.responseHead).startsWith("HTTP/1.1 101 ");
      assertThat(ws.readClose()).isEmpty();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(300);
      assertThat(ws.endsWithin(5_000)).isTrue();
    }
    assertThat(server.handler.socket(p.sid).transport()).isEqualTo("polling");
    assertThat(p.post("4polling").body()).isEqualTo("ok");
    expect(p.sid, "message polling");
    assertThat(p.get().body()).isEqualTo("4polling");
    closePolling(p);
  }

  @Test
  void anUpgradeProbedButNeverCompletedIsClosedAfterUpgradeTimeout() throws Exception {
    start(EngineOptions.builder().upgradeTimeout(Duration.ofMillis(300)));
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    expect(p.sid, "open");
    try (RawWs ws =
        RawWs.open(server.listener.port(), "/engine.io/?EIO=4&transport=websocket&sid=" + p.sid)) {
      ws.text("2probe");
      assertThat(ws.read().text()).isEqualTo("3probe");
      assertThat(ws.readClose()).isEmpty();
      assertThat(ws.endsWithin(5_000)).isTrue();
    }
    assertThat(server.handler.socket(p.sid).transport()).isEqualTo("polling");
    assertThat(p.post("4polling").body()).isEqualTo("ok"); // the session goes on polling
    expect(p.sid, "message polling");
    assertThat(p.get().body()).isEqualTo("4polling");
    closePolling(p);
  }

  @Test
  void upgradesAbandonedAtOnceLeaveTheSessionAlone() throws Exception {
    start(EngineOptions.builder());
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    expect(p.sid, "open");
    for (int i = 0; i < 20; i++) { // some move event loops first (2 loops), some do not
      RawWs.send(server.listener.port(), upgrade("EIO=4&transport=websocket&sid=" + p.sid)).close();
    }
    Thread.sleep(300);
    assertThat(server.handler.socket(p.sid).transport()).isEqualTo("polling");
    assertThat(p.post("4alive").body()).isEqualTo("ok");
    expect(p.sid, "message alive");
    assertThat(p.get().body()).isEqualTo("4alive");
    closePolling(p);
  }

  @Test
  void thePollGetsItsNoopFromThePeriodicCheckNotAtOnce() throws Exception {
    start(EngineOptions.builder());
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    expect(p.sid, "open");
    CompletableFuture<HttpResponse<String>> pending = p.getAsync();
    Thread.sleep(100); // the GET is pending
    try (RawWs ws =
        RawWs.open(server.listener.port(), "/engine.io/?EIO=4&transport=websocket&sid=" + p.sid)) {
      long probeSent = System.nanoTime();
      ws.text("2probe");
      assertThat(ws.read().text()).isEqualTo("3probe");
      assertThat(pending.get(5, TimeUnit.SECONDS).body()).isEqualTo("6");
      long noopAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - probeSent);
      assertThat(noopAfter)
          .as("Node's check runs 100 ms after the probe")
          .isGreaterThanOrEqualTo(95);
      assertThat(p.get().body()).isEqualTo("6"); // the next poll: the check again
      ws.text("5");
      ws.text("4upgraded");
      expect(p.sid, "message upgraded");
      assertThat(ws.read().text()).isEqualTo("4upgraded");
      assertThat(p.get().statusCode()).isEqualTo(400); // polling is gone
      ws.close();
      expect(p.sid, "close transport close");
    }
  }

  private void closePolling(EngineClients.Polling p) throws Exception {
    CompletableFuture<HttpResponse<String>> poll = p.getAsync();
    server.handler.socket(p.sid).close();
    assertThat(poll.get(5, TimeUnit.SECONDS).body()).isIn("1", "6\u001e1"); // GET not yet pending
    expect(p.sid, "close forced close");
  }
}
