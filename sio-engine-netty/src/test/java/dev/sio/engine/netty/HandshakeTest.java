package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.engine.AllowRequest;
import dev.sio.engine.CookieOptions;
import dev.sio.engine.EngineHandshake;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HandshakeTest {
  private EngineTestServer server;
  private final HttpClient http = EngineClients.http();

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private EngineTestServer start(EngineOptions options) {
    server = new EngineTestServer(options, true);
    return server;
  }

  @Test
  void pollingHandshakeAnswersTheOpenPacketWithExactlyFiveKeys() throws Exception {
    start(EngineOptions.defaults());
    HttpResponse<String> r = EngineClients.get(http, server.uri("EIO=4&transport=polling"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
    assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
    JsonNode open = EngineClients.JSON.readTree(r.body().substring(1));
    assertThat(r.body()).startsWith("0{\"sid\":\"");
    List<String> keys = new java.util.ArrayList<>();
    open.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
    assertThat(open.get("sid").asText()).matches("[A-Za-z0-9_-]{20}");
    assertThat(open.get("upgrades").toString()).isEqualTo("[\"websocket\"]");
    assertThat(open.get("pingInterval").asLong()).isEqualTo(25000);
    assertThat(open.get("pingTimeout").asLong()).isEqualTo(20000);
    assertThat(open.get("maxPayload").asLong()).isEqualTo(1_000_000);
    String sid = server.handler.expectAny("open");
    assertThat(sid).isEqualTo(open.get("sid").asText());
    assertThat(server.engine.clientsCount()).isEqualTo(1);
  }

  @Test
  void sessionIdsAreDistinct() throws Exception {
    start(EngineOptions.defaults());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      ids.add(EngineClients.handshake(http, server).get("sid").asText());
    }
    assertThat(ids).hasSize(20);
  }

  @Test
  void handshakeUsesConfiguredValues() throws Exception {
    start(
        EngineOptions.builder()
            .pingInterval(Duration.ofMillis(1234))
            .pingTimeout(Duration.ofMillis(567))
            .maxHttpBufferSize(4096)
            .allowUpgrades(false)
            .build());
    JsonNode open = EngineClients.handshake(http, server);
    assertThat(open.get("pingInterval").asLong()).isEqualTo(1234);
    assertThat(open.get("pingTimeout").asLong()).isEqualTo(567);
    assertThat(open.get("maxPayload").asLong()).isEqualTo(4096);
    assertThat(open.get("upgrades").toString()).isEqualTo("[]");
  }

  @Test
  void noUpgradeIsOfferedWhenWebSocketIsDisabled() throws Exception {
    start(EngineOptions.builder().transports(EngineOptions.POLLING).build());
    assertThat(EngineClients.handshake(http, server).get("upgrades").toString()).isEqualTo("[]");
  }

  @Test
  void webSocketHandshakeOffersNoUpgrade() throws Exception {
    start(EngineOptions.defaults());
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    String open = ws.nextText();
    assertThat(open).startsWith("0");
    JsonNode json = EngineClients.JSON.readTree(open.substring(1));
    List<String> keys = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
    assertThat(json.get("upgrades").toString()).isEqualTo("[]");
    String sid = server.handler.expectAny("open");
    assertThat(sid).isEqualTo(json.get("sid").asText());
    assertThat(server.handler.socket(sid).transport()).isEqualTo("websocket");
    ws.abort();
    server.handler.expect(sid, "close transport close");
  }

  @Test
  void handshakeCarriesTheRequest() throws Exception {
    start(EngineOptions.defaults());
    EngineClients.get(http, server.uri("EIO=4&transport=polling&token=abc&token=def&x=%C3%A9"));
    EngineSocket socket = server.handler.next().socket();
    EngineHandshake h = socket.handshake();
    assertThat(h.url()).startsWith("/engine.io/?EIO=4&transport=polling&token=abc");
    assertThat(h.query().get("token")).containsExactly("abc", "def");
    assertThat(h.queryParam("x")).isEqualTo("é");
    assertThat(h.header("HOST")).isEqualTo("127.0.0.1:" + server.listener.port());
    assertThat(h.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
    assertThat(h.secure()).isFalse();
    assertThat(h.time()).isNotNull();
    assertThat(socket.transport()).isEqualTo("polling");
    assertThat(socket.isOpen()).isTrue();
  }

  @Test
  void missingOrWrongProtocolVersionIsCode5() throws Exception {
    start(EngineOptions.defaults());
    for (String query :
        List.of("transport=polling", "EIO=3&transport=polling", "EIO=abc&transport=polling")) {
      HttpResponse<String> r = EngineClients.get(http, server.uri(query));
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(r.body()).isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");
    }
    assertThat(server.engine.clientsCount()).isZero();
  }

  @Test
  void missingOrUnknownTransportIsCode0() throws Exception {
    start(EngineOptions.builder().transports(EngineOptions.WEBSOCKET).build());
    for (String query : List.of("EIO=4", "EIO=4&transport=abc", "EIO=4&transport=polling")) {
      HttpResponse<String> r = EngineClients.get(http, server.uri(query));
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(r.body()).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
    }
  }

  @Test
  void webTransportOverHttpIsTransportUnknownEvenWhenEnabled() throws Exception {
    start(
        EngineOptions.builder()
            .transports(EngineOptions.POLLING, EngineOptions.WEBSOCKET, EngineOptions.WEBTRANSPORT)
            .build());
    HttpResponse<String> r =
        EngineClients.get(http, server.uri("EIO=4&transport=webtransport")); // Node's verify()
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
    // no WebTransport listener attached: polling offers websocket only
    HttpResponse<String> open = EngineClients.get(http, server.uri("EIO=4&transport=polling"));
    assertThat(open.body()).contains("\"upgrades\":[\"websocket\"]");
    assertThat(server.engine.clientsCount()).isEqualTo(1);
  }

  @Test
  void unknownSidIsCode1() throws Exception {
    start(EngineOptions.defaults());
    HttpResponse<String> r =
        EngineClients.get(http, server.uri("EIO=4&transport=polling&sid=nope"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
  }

  @Test
  void handshakeWithAnotherMethodIsCode2() throws Exception {
    start(EngineOptions.defaults());
    HttpResponse<String> r = EngineClients.post(http, server.uri("EIO=4&transport=polling"), "");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
    HttpResponse<String> put =
        http.send(
            java.net.http.HttpRequest.newBuilder(server.uri("EIO=4&transport=polling"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
  }

  @Test
  void webSocketTransportWithoutUpgradeIsCode3() throws Exception {
    start(EngineOptions.defaults());
    HttpResponse<String> r = EngineClients.get(http, server.uri("EIO=4&transport=websocket"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
  }

  @Test
  void allowRequestRejectionIsCode4With403() throws Exception {
    start(
        EngineOptions.builder()
            .allowRequest(
                req ->
                    CompletableFuture.completedFuture(
                        "yes".equals(req.queryParam("ok"))
                            ? AllowRequest.Decision.accept()
                            : "custom".equals(req.queryParam("ok"))
                                ? AllowRequest.Decision.reject("go \"away\"")
                                : AllowRequest.Decision.reject()))
            .build());
    HttpResponse<String> r = EngineClients.get(http, server.uri("EIO=4&transport=polling"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
    r = EngineClients.get(http, server.uri("EIO=4&transport=polling&ok=custom"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"code\":4,\"message\":\"go \\\"away\\\"\"}");
    r = EngineClients.get(http, server.uri("EIO=4&transport=polling&ok=yes"));
    assertThat(r.statusCode()).isEqualTo(200);
    server.handler.expectAny("open");
    server.handler.expectNothing(50);
  }

  @Test
  void allowRequestMayDecideLaterOnAnotherThread() throws Exception {
    start(
        EngineOptions.builder()
            .allowRequest(
                req ->
                    CompletableFuture.supplyAsync(
                        () -> AllowRequest.Decision.accept(),
                        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)))
            .build());
    JsonNode open = EngineClients.handshake(http, server);
    assertThat(open.get("sid").asText()).hasSize(20);
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    assertThat(ws.nextText()).startsWith("0{\"sid\"");
    ws.abort();
  }

  @Test
  void allowRequestFailureRejects() throws Exception {
    start(
        EngineOptions.builder()
            .allowRequest(req -> CompletableFuture.failedFuture(new IllegalStateException("x")))
            .build());
    HttpResponse<String> r = EngineClients.get(http, server.uri("EIO=4&transport=polling"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
  }

  @Test
  void webSocketHandshakeErrorsAreRefused() throws Exception {
    start(
        EngineOptions.builder()
            .allowRequest(
                req ->
                    CompletableFuture.completedFuture(
                        req.queryParam("deny") != null
                            ? AllowRequest.Decision.reject()
                            : AllowRequest.Decision.accept()))
            .build());
    for (String query :
        List.of(
            "transport=websocket",
            "EIO=abc&transport=websocket",
            "EIO=4",
            "EIO=4&transport=abc",
            "EIO=4&transport=websocket&sid=unknown",
            "EIO=4&transport=websocket&deny=1")) {
      assertThatThrownBy(() -> EngineClients.Ws.connect(server.wsUri(query)))
          .as(query)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(
              WebSocketHandshakeException.class,
              e -> assertThat(e.getResponse().statusCode()).as(query).isEqualTo(400));
    }
    String raw =
        EngineClients.raw(
            server.listener.port(),
            "GET /engine.io/?EIO=3&transport=websocket HTTP/1.1\r\nHost: x\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 400 Bad Request\r\n");
    assertThat(raw).endsWith("\r\n\r\nUnsupported protocol version");
    assertThat(server.engine.clientsCount()).isZero();
  }

  @Test
  void cookieCarriesTheSidWhenConfigured() throws Exception {
    start(EngineOptions.builder().cookie(CookieOptions.builder().build()).build());
    HttpResponse<String> r = EngineClients.get(http, server.uri("EIO=4&transport=polling"));
    String sid = EngineClients.JSON.readTree(r.body().substring(1)).get("sid").asText();
    assertThat(r.headers().allValues("set-cookie"))
        .containsExactly("io=" + sid + "; Path=/; HttpOnly; SameSite=Lax");
    HttpResponse<String> next =
        EngineClients.post(http, server.uri("EIO=4&transport=polling&sid=" + sid), "4x");
    assertThat(next.headers().allValues("set-cookie")).isEmpty();
  }

  @Test
  void noCookieByDefault() throws Exception {
    start(EngineOptions.defaults());
    HttpResponse<String> r = EngineClients.get(http, server.uri("EIO=4&transport=polling"));
    assertThat(r.headers().allValues("set-cookie")).isEmpty();
  }
}
