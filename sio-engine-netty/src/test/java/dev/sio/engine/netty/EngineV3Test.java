package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.engine.EngineBroadcast;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Engine.IO v3 sessions with {@code allowEIO3} on a real port: the handshake, the v3 polling
 * payloads (length-prefixed text, the binary payload, {@code b64}, JSONP), the reversed heartbeat,
 * v3 WebSocket frames, and framing errors that close only the session that sent them.
 */
@Timeout(30)
class EngineV3Test {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = EngineClients.http();
  private EngineTestServer server;

  /** A server whose heartbeat does not end sessions during a test. */
  private void start(boolean allowEIO3) {
    start(allowEIO3, 10_000, 10_000);
  }

  /** A server with the suites' heartbeat: 300 ms + 200 ms. */
  private void startShort() {
    start(true, 300, 200);
  }

  private void start(boolean allowEIO3, long pingInterval, long pingTimeout) {
    server =
        new EngineTestServer(
            EngineOptions.builder()
                .allowEIO3(allowEIO3)
                .pingInterval(Duration.ofMillis(pingInterval))
                .pingTimeout(Duration.ofMillis(pingTimeout))
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

  private HttpResponse<String> get(String query) throws Exception {
    return EngineClients.get(http, server.uri(query));
  }

  private HttpResponse<byte[]> getBytes(String query) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.uri(query)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> post(String query, String contentType, byte[] body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.uri(query))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String query, String body) throws Exception {
    return EngineClients.post(http, server.uri(query), body);
  }

  /** Opens a v3 polling session ({@code extra} added to the handshake); returns its sid. */
  private String open(String extra) throws Exception {
    HttpResponse<String> r = get("EIO=3&transport=polling" + extra);
    assertThat(r.statusCode()).isEqualTo(200);
    String body = r.body();
    int colon = body.indexOf(':');
    assertThat(body.substring(0, colon)).isEqualTo(Integer.toString(body.length() - colon - 1));
    JsonNode open = JSON.readTree(body.substring(colon + 2));
    String sid = open.get("sid").asText();
    server.handler.expect(sid, "open");
    return sid;
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void v3IsRefusedUnlessAllowed() throws Exception {
    start(false);
    HttpResponse<String> r = get("EIO=3&transport=polling");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");
  }

  @Test
  void onlyAnExplicitEio3MeansV3() throws Exception {
    start(true);
    for (String query : new String[] {"transport=polling", "EIO=abc&transport=polling"}) {
      HttpResponse<String> r = get(query);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(r.body()).contains("\"code\":5");
    }
    // v4 goes on as before, beside v3
    assertThat(get("EIO=4&transport=polling").body()).startsWith("0{\"sid\":");
    String v4 = server.handler.expectAny("open");
    assertThat(v4).isNotNull();
  }

  @Test
  void handshakeOpenPacketAndTextPayloads() throws Exception {
    start(true);
    HttpResponse<String> r = get("EIO=3&transport=polling");
    JsonNode open = JSON.readTree(r.body().substring(r.body().indexOf(':') + 2));
    assertThat(open.get("upgrades")).isEqualTo(JSON.readTree("[\"websocket\"]"));
    assertThat(open.get("pingInterval").asInt()).isEqualTo(10_000);
    assertThat(open.get("pingTimeout").asInt()).isEqualTo(10_000);
    String sid = open.get("sid").asText();
    server.handler.expect(sid, "open");
    String q = "EIO=3&transport=polling&sid=" + sid;
    assertThat(post(q, "6:4hello2:4é10:b4AQIDBA==").body()).isEqualTo("ok");
    server.handler.expect(sid, "message hello");
    server.handler.expect(sid, "message é");
    server.handler.expect(sid, "binary 4");
    // no b64 in the handshake, but the client posted base64: a text poll has no binary, so text
    HttpResponse<byte[]> poll = getBytes(q);
    assertThat(poll.headers().firstValue("content-type")).hasValue("application/octet-stream");
    assertThat(poll.body())
        .containsExactly(
            bytes(
                0, 6, 255, '4', 'h', 'e', 'l', 'l', 'o', 0, 3, 255, '4', 0xc3, 0xa9, 1, 5, 255, 4,
                1, 2, 3, 4));
    // a payload of text only stays text
    post(q, "2:4x");
    server.handler.expect(sid, "message x");
    HttpResponse<String> text = get(q);
    assertThat(text.headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
    assertThat(text.body()).isEqualTo("2:4x");
  }

  @Test
  void b64SessionsGetBase64Records() throws Exception {
    start(true);
    String sid = open("&b64=1");
    String q = "EIO=3&transport=polling&b64=1&sid=" + sid;
    post(q, "6:4hello10:b4AQIDBA==");
    server.handler.expect(sid, "message hello");
    server.handler.expect(sid, "binary 4");
    assertThat(get(q).body()).isEqualTo("6:4hello10:b4AQIDBA==");
  }

  @Test
  void binaryPostBodies() throws Exception {
    start(true);
    String sid = open("");
    String q = "EIO=3&transport=polling&sid=" + sid;
    HttpResponse<String> r =
        post(q, "application/octet-stream", bytes(0, 2, 255, '4', 'a', 1, 3, 255, 4, 9, 8));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok");
    server.handler.expect(sid, "message a");
    server.handler.expect(sid, "binary 2");
    assertThat(getBytes(q).body()).containsExactly(bytes(0, 2, 255, '4', 'a', 1, 3, 255, 4, 9, 8));
  }

  @Test
  void theClientPingsAndTheServerAnswers() throws Exception {
    startShort();
    String sid = open("");
    String q = "EIO=3&transport=polling&sid=" + sid;
    for (int i = 0; i < 3; i++) {
      Thread.sleep(200); // more than pingTimeout, less than pingInterval + pingTimeout
      assertThat(post(q, "1:2").body()).isEqualTo("ok");
      assertThat(get(q).body()).isEqualTo("1:3");
    }
    // without a ping for pingInterval + pingTimeout the session ends
    server.handler.expect(sid, "close ping timeout");
    assertThat(post(q, "1:2").statusCode()).isEqualTo(400);
  }

  @Test
  void aPongFromAV3ClientIsTheWrongDirection() throws Exception {
    start(true);
    String sid = open("");
    post("EIO=3&transport=polling&sid=" + sid, "1:3");
    server.handler.expect(sid, "close transport error");
  }

  @Test
  void framingErrorsCloseOnlyTheirSession() throws Exception {
    start(true);
    String bystander = open("");
    String[] bad = {"abc", "6:4hell", "1:9", "x1:2", "4:b4**"};
    for (String payload : bad) {
      String sid = open("");
      HttpResponse<String> r = post("EIO=3&transport=polling&sid=" + sid, payload);
      assertThat(r.statusCode()).as(payload).isEqualTo(400);
      server.handler.expect(sid, "close parse error");
      assertThat(get("EIO=3&transport=polling&sid=" + sid).statusCode()).isEqualTo(400);
    }
    String sid = open("");
    HttpResponse<String> r =
        post("EIO=3&transport=polling&sid=" + sid, "application/octet-stream", bytes(0, 9, 255));
    assertThat(r.statusCode()).isEqualTo(400);
    server.handler.expect(sid, "close parse error");
    String q = "EIO=3&transport=polling&sid=" + bystander;
    post(q, "1:2");
    assertThat(get(q).body()).isEqualTo("1:3");
    // a v4 EIO on a v3 session is refused and the session stays
    HttpResponse<String> mismatch = post("EIO=4&transport=polling&sid=" + bystander, "4x");
    assertThat(mismatch.statusCode()).isEqualTo(400);
    post(q, "2:4y");
    server.handler.expect(bystander, "message y");
    assertThat(get(q).body()).isEqualTo("2:4y");
  }

  @Test
  void jsonpPolling() throws Exception {
    start(true);
    HttpResponse<String> r = get("EIO=3&transport=polling&j=7");
    String body = r.body();
    assertThat(body).startsWith("___eio[7](\"").endsWith("\");");
    String payload = JSON.readTree(body.substring(10, body.length() - 2)).asText();
    String sid = JSON.readTree(payload.substring(payload.indexOf(':') + 2)).get("sid").asText();
    server.handler.expect(sid, "open");
    String q = "EIO=3&transport=polling&j=7&sid=" + sid;
    // the JSONP client escapes a newline as \n, and \n as \\n
    HttpResponse<String> posted =
        post(q, "application/x-www-form-urlencoded", "d=6%3A4a%5Cnb%5C%5Cn".getBytes());
    assertThat(posted.body()).isEqualTo("ok");
    server.handler.expect(sid, "message a\nb\\n");
    assertThat(get(q).body()).isEqualTo("___eio[7](\"6:4a\\nb\\\\n\");");
    // binary goes as base64 in JSONP
    server.handler.socket(sid).send(new byte[] {1, 2});
    assertThat(get(q).body()).isEqualTo("___eio[7](\"6:b4AQI=\");");
  }

  @Test
  void webSocketFramesCarryTheTypeByte() throws Exception {
    start(true);
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=3&transport=websocket"));
    String open = ws.nextText();
    assertThat(open).startsWith("0{\"sid\":");
    String sid = JSON.readTree(open.substring(1)).get("sid").asText();
    server.handler.expect(sid, "open");
    ws.sendBinary(bytes(4, 1, 2, 3));
    server.handler.expect(sid, "binary 3");
    assertThat((byte[]) ws.next()).containsExactly(bytes(4, 1, 2, 3));
    ws.send("b4AQI=");
    server.handler.expect(sid, "binary 2");
    assertThat((byte[]) ws.next()).containsExactly(bytes(4, 1, 2));
    ws.send("2");
    assertThat(ws.nextText()).isEqualTo("3");
    // a broadcast message: the shared v3 frame
    server.handler.socket(sid).send(EngineMessage.binary(bytes(5, 6)));
    assertThat((byte[]) ws.next()).containsExactly(bytes(4, 5, 6));
    ws.send("4hi");
    server.handler.expect(sid, "message hi");
    assertThat(ws.nextText()).isEqualTo("4hi");
    ws.sendBinary(bytes(9));
    server.handler.expect(sid, "close parse error");
    ws.awaitClose();
  }

  @Test
  void aBinaryBroadcastToV3AndV4WebSocketsOnOneLoopGivesEachItsFrame() throws Exception {
    server =
        new EngineTestServer(
            HttpListenerOptions.builder().host("127.0.0.1").eventLoopThreads(1).build(),
            EngineOptions.builder().allowEIO3(true).build(),
            true);
    List<EngineClients.Ws> v3 = new ArrayList<>();
    List<EngineClients.Ws> v4 = new ArrayList<>();
    EngineBroadcast b = new EngineBroadcast(List.of(EngineMessage.binary(bytes(5, 6))));
    for (int i = 0; i < 4; i++) {
      boolean old = i % 2 == 0;
      EngineClients.Ws ws =
          EngineClients.Ws.connect(server.wsUri("EIO=" + (old ? 3 : 4) + "&transport=websocket"));
      String open = ws.nextText();
      (old ? v3 : v4).add(ws);
      String sid = JSON.readTree(open.substring(1)).get("sid").asText();
      server.handler.expect(sid, "open");
      b.add(server.handler.socket(sid));
    }
    b.send(); // four recipients on the one loop: the shared frame is copied once for them
    for (EngineClients.Ws ws : v3) {
      assertThat((byte[]) ws.next()).containsExactly(bytes(4, 5, 6));
    }
    for (EngineClients.Ws ws : v4) {
      assertThat((byte[]) ws.next()).containsExactly(bytes(5, 6));
    }
  }

  @Test
  void webSocketWithB64SendsBinaryAsText() throws Exception {
    start(true);
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=3&transport=websocket&b64=1"));
    String sid = JSON.readTree(ws.nextText().substring(1)).get("sid").asText();
    server.handler.expect(sid, "open");
    ws.sendBinary(bytes(4, 7));
    server.handler.expect(sid, "binary 1");
    assertThat(ws.nextText()).isEqualTo("b4Bw==");
    ws.socket.abort();
    server.handler.expect(sid, "close transport close");
  }

  @Test
  void theV3Upgrade() throws Exception {
    start(true, 1500, 1000); // room for the upgrade on a busy machine, then the timeout
    String sid = open("");
    EngineClients.Ws refused = null;
    try {
      refused = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket&sid=" + sid));
    } catch (Exception e) {
      // 400: the session's protocol is 3
    }
    assertThat(refused).isNull();
    EngineClients.Ws ws =
        EngineClients.Ws.connect(server.wsUri("EIO=3&transport=websocket&sid=" + sid));
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    assertThat(get("EIO=3&transport=polling&sid=" + sid).body()).isEqualTo("1:6");
    ws.send("5");
    ws.sendBinary(bytes(4, 1));
    server.handler.expect(sid, "binary 1");
    assertThat((byte[]) ws.next()).containsExactly(bytes(4, 1));
    // the v3 heartbeat goes on over the WebSocket
    ws.send("2");
    assertThat(ws.nextText()).isEqualTo("3");
    server.handler.expect(sid, "close ping timeout");
  }

  @Test
  void aV3ClientSilentAfterTheUpgradeEndsWithPingTimeout() throws Exception {
    start(true, 300, 1000);
    long start = System.nanoTime();
    String sid = open("");
    EngineClients.Ws ws =
        EngineClients.Ws.connect(server.wsUri("EIO=3&transport=websocket&sid=" + sid));
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    ws.send("5");
    EngineClients.awaitTransport(server.handler.socket(sid), "websocket");
    // no ping ever: the client's is due within pingInterval + pingTimeout of the switch
    server.handler.expect(sid, "close ping timeout");
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(1_290_000_000L);
    ws.awaitClose();
  }
}
