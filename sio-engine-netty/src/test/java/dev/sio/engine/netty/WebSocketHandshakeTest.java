package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineOptions;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The opening handshake as {@code ws} 8 checks it and the upgrades Node refuses, on a real port: a
 * bad key or version gets ws's 400 and no 101; a WebSocket for the polling transport is refused
 * with 400 before any 101; one for a session that is already on (or moving to) WebSocket gets the
 * 101 and an empty close frame, as Node; the session goes on. A bystander session is unaffected.
 */
@Timeout(60)
class WebSocketHandshakeTest {
  private static final String PATH = "/engine.io/?EIO=4&transport=websocket";

  private EngineTestServer server;
  private Bystander bystander;
  private final HttpClient http = EngineClients.http();

  @BeforeEach
  void setUp() throws Exception {
    server = new EngineTestServer(EngineOptions.defaults(), true);
    bystander = new Bystander(server);
    expect(bystander.sid, "open");
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      bystander.stop();
      bystander.expectNothing(server.handler, 50);
      assertThat(server.engine.clientsCount()).isEqualTo(1); // the bystander only
    } finally {
      bystander.close();
      server.close();
    }
  }

  private void expect(String sid, String line) throws InterruptedException {
    assertThat(bystander.next(server.handler)).isEqualTo(sid + " " + line);
  }

  private String upgrade(String path, String key, String version) {
    return "GET "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n")
        + (version == null ? "" : "Sec-WebSocket-Version: " + version + "\r\n")
        + "\r\n";
  }

  /** ws's refusal: the status, its body, Connection: close; then the connection ends. */
  private void assertRefused(String request, String status, String body) throws Exception {
    try (RawWs ws = RawWs.request(server.listener.port(), request)) {
      assertThat(ws.responseHead).startsWith("HTTP/1.1 " + status + "\r\n");
      assertThat(ws.responseHead.toLowerCase())
          .contains("connection: close")
          .contains("content-type: text/html");
      assertThat(ws.readBody()).isEqualTo(body);
      assertThat(ws.endsWithin(5_000)).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // empty
        "abc",
        "AAAAAAAAAAAAAAAAAAAA", // 15 bytes
        "AAAAAAAAAAAAAAAAAAAAAAA=", // 17 bytes
        "AAAAAAAAAAAAAAAAAAAAAA", // 16 bytes without the padding
        "AAAAAAAAAAAAAAAAAAAAA-==", // not base64
      })
  void aKeyThatIsNotBase64Of16BytesGets400AndNo101(String key) throws Exception {
    assertRefused(
        upgrade(PATH, key, "13"), "400 Bad Request", "Missing or invalid Sec-WebSocket-Key header");
  }

  @Test
  void aMissingKeyGets400() throws Exception {
    assertRefused(
        upgrade(PATH, null, "13"),
        "400 Bad Request",
        "Missing or invalid Sec-WebSocket-Key header");
  }

  @Test
  void twoKeysGet400() throws Exception {
    String request =
        upgrade(PATH, RawWs.KEY, "13").replace("\r\n\r\n", "\r\nSec-WebSocket-Key: " + RawWs.KEY)
            + "\r\n\r\n";
    assertRefused(request, "400 Bad Request", "Missing or invalid Sec-WebSocket-Key header");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "7", "12", "14", "thirteen"})
  void anUnsupportedVersionGets400WithTheSupportedOnes(String version) throws Exception {
    try (RawWs ws = RawWs.request(server.listener.port(), upgrade(PATH, RawWs.KEY, version))) {
      assertThat(ws.responseHead).startsWith("HTTP/1.1 400 Bad Request\r\n");
      assertThat(ws.responseHead).contains("\r\nsec-websocket-version: 13, 8\r\n");
      assertThat(ws.readBody()).isEqualTo("Missing or invalid Sec-WebSocket-Version header");
      assertThat(ws.endsWithin(5_000)).isTrue();
    }
  }

  @Test
  void aMissingVersionGets400() throws Exception {
    assertRefused(
        upgrade(PATH, RawWs.KEY, null),
        "400 Bad Request",
        "Missing or invalid Sec-WebSocket-Version header");
  }

  @Test
  void version8IsAccepted() throws Exception {
    try (RawWs ws = RawWs.request(server.listener.port(), upgrade(PATH, RawWs.KEY, "8"))) {
      assertThat(ws.responseHead).startsWith("HTTP/1.1 101 ");
      String open = ws.read().text();
      String sid = open.substring(9, open.indexOf('"', 9));
      expect(sid, "open");
      ws.text("4hi");
      expect(sid, "message hi");
      assertThat(ws.read().text()).isEqualTo("4hi");
      ws.close();
      expect(sid, "close transport close");
    }
  }

  @Test
  void anUpgradeOfAnotherMethodWithASidGets405() throws Exception {
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    expect(p.sid, "open");
    String request = upgrade(PATH + "&sid=" + p.sid, RawWs.KEY, "13").replaceFirst("GET ", "POST ");
    assertRefused(request, "405 Method Not Allowed", "Invalid HTTP method");
    assertThat(p.post("4still").body()).isEqualTo("ok");
    expect(p.sid, "message still");
    assertThat(p.get().body()).isEqualTo("4still");
    closePolling(p);
  }

  @Test
  void anUpgradeWithASidAndAnotherProtocolRevisionGets400() throws Exception {
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    expect(p.sid, "open");
    assertRefused(
        upgrade("/engine.io/?EIO=3&transport=websocket&sid=" + p.sid, RawWs.KEY, "13"),
        "400 Bad Request",
        "Bad request");
    closePolling(p);
  }

  @Test
  void aBadKeyOpensNoSession() throws Exception {
    assertRefused(
        upgrade(PATH, "short", "13"),
        "400 Bad Request",
        "Missing or invalid Sec-WebSocket-Key header");
    assertThat(server.engine.clientsCount()).isEqualTo(1);
  }

  @Test
  void aWebSocketForThePollingTransportIsRefusedAndTheSessionGoesOn() throws Exception {
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    expect(p.sid, "open");
    assertRefused(
        upgrade("/engine.io/?EIO=4&transport=polling&sid=" + p.sid, RawWs.KEY, "13"),
        "400 Bad Request",
        "Bad request");
    assertThat(server.handler.socket(p.sid).transport()).isEqualTo("polling");
    assertThat(p.post("4after").body()).isEqualTo("ok");
    expect(p.sid, "message after");
    assertThat(p.get().body()).isEqualTo("4after");
    closePolling(p);
  }

  @Test
  void aWebSocketForThePollingTransportWithoutSidOpensNoSession() throws Exception {
    assertRefused(
        upgrade("/engine.io/?EIO=4&transport=polling", RawWs.KEY, "13"),
        "400 Bad Request",
        "Bad request");
    assertThat(server.engine.clientsCount()).isEqualTo(1);
  }

  @Test
  void aSecondWebSocketForAWebSocketSessionIsClosedAndTheFirstGoesOn() throws Exception {
    RawWs first = RawWs.open(server.listener.port(), PATH);
    String open = first.read().text();
    String sid = open.substring(9, open.indexOf('"', 9));
    expect(sid, "open");
    try (RawWs second = RawWs.open(server.listener.port(), PATH + "&sid=" + sid)) {
      assertThat(second.responseHead).startsWith("HTTP/1.1 101 ");
      second.text("4intruder"); // not delivered: the server reads nothing more
      assertThat(second.readClose()).isEmpty();
      assertThat(second.endsWithin(5_000)).isTrue();
    }
    first.text("4mine");
    expect(sid, "message mine");
    assertThat(first.read().text()).isEqualTo("4mine");
    first.close();
    expect(sid, "close transport close");
  }

  @Test
  void aSecondWebSocketDuringAnUpgradeIsClosedAndTheUpgradeGoesOn() throws Exception {
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    expect(p.sid, "open");
    RawWs first = RawWs.open(server.listener.port(), PATH + "&sid=" + p.sid);
    assertThat(first.responseHead).startsWith("HTTP/1.1 101 ");
    first.text("2probe");
    assertThat(first.read().text()).isEqualTo("3probe");
    try (RawWs second = RawWs.open(server.listener.port(), PATH + "&sid=" + p.sid)) {
      assertThat(second.responseHead).startsWith("HTTP/1.1 101 ");
      second.text("2probe");
      assertThat(second.readClose()).isEmpty();
      assertThat(second.endsWithin(5_000)).isTrue();
    }
    first.text("5");
    first.text("4upgraded");
    expect(p.sid, "message upgraded");
    assertThat(first.read().text()).isEqualTo("4upgraded");
    assertThat(server.handler.socket(p.sid).transport()).isEqualTo("websocket");
    try (RawWs third = RawWs.open(server.listener.port(), PATH + "&sid=" + p.sid)) {
      assertThat(third.responseHead).startsWith("HTTP/1.1 101 ");
      assertThat(third.readClose()).isEmpty();
      assertThat(third.endsWithin(5_000)).isTrue();
    }
    first.text("4still");
    expect(p.sid, "message still");
    first.close();
    expect(p.sid, "close transport close");
  }

  private void closePolling(EngineClients.Polling p) throws Exception {
    CompletableFuture<HttpResponse<String>> poll = p.getAsync();
    server.handler.socket(p.sid).close();
    assertThat(poll.get(5, TimeUnit.SECONDS).body()).isIn("1", "6\u001e1"); // GET not yet pending
    expect(p.sid, "close forced close");
  }
}
