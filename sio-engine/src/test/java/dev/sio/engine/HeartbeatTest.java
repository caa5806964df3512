package dev.sio.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HeartbeatTest {
  private EngineTestServer server;
  private final HttpClient http = EngineClients.http();

  @BeforeEach
  void setUp() {
    server =
        new EngineTestServer(
            EngineOptions.builder()
                .pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200))
                .build(),
            true);
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
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    for (int i = 0; i < 3; i++) {
      assertThat(p.get().body()).isEqualTo("2");
      assertThat(p.post("3").statusCode()).isEqualTo(200);
    }
    assertThat(server.handler.socket(p.sid).isOpen()).isTrue();
  }

  @Test
  void pollingSessionWithoutPongClosesWithPingTimeout() throws Exception {
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    Thread.sleep(500);
    assertThat(p.get().statusCode()).isEqualTo(400);
    server.handler.expect(p.sid, "close ping timeout");
  }

  @Test
  void webSocketPingsAndTimesOut() throws Exception {
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    assertThat(ws.nextText()).startsWith("0");
    String sid = server.handler.expectAny("open");
    for (int i = 0; i < 3; i++) {
      assertThat(ws.nextText()).isEqualTo("2");
      ws.send("3");
    }
    assertThat(ws.nextText()).isEqualTo("2");
    server.handler.expect(sid, "close ping timeout");
    ws.awaitClose();
  }

  @Test
  void aPongResetsTheInterval() throws Exception {
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    ws.nextText();
    String sid = server.handler.expectAny("open");
    for (int i = 0; i < 5; i++) {
      Thread.sleep(150);
      ws.send("3"); // early pongs push the next ping back
    }
    assertThat(ws.received).isEmpty();
    assertThat(ws.nextText()).isEqualTo("2");
    ws.send("3");
    assertThat(ws.nextText()).isEqualTo("2");
    ws.abort();
    server.handler.expect(sid, "close transport close");
  }

  @Test
  void heartbeatSurvivesAnUpgrade() throws Exception {
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
}
