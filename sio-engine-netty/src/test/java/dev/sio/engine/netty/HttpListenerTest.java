package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.HttpReply;
import dev.sio.engine.HttpRequestInfo;
import io.netty.util.NettyRuntime;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpListenerTest {
  private HttpListener listener;
  private final HttpClient http = EngineClients.http();

  @BeforeEach
  void setUp() {
    listener = HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").build());
  }

  @AfterEach
  void tearDown() {
    listener.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return EngineClients.get(http, URI.create("http://127.0.0.1:" + listener.port() + path));
  }

  @Test
  void servesConnectionsOnOneEventLoopPerProcessorByDefault() throws Exception {
    Set<String> loops = ConcurrentHashMap.newKeySet();
    listener.route(
        "/loop",
        req -> {
          loops.add(Thread.currentThread().getName());
          return HttpReply.text(200, "ok");
        });
    listener.start();
    int processors = NettyRuntime.availableProcessors();
    // connections are handed to the loops in turn: twice as many as loops reach every loop
    for (int i = 0; i < 2 * processors + 2; i++) {
      try (Socket s = new Socket("127.0.0.1", listener.port())) {
        s.setSoTimeout(10_000);
        s.getOutputStream()
            .write(
                "GET /loop HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("ok");
      }
    }
    assertThat(loops).hasSize(processors);
  }

  @Test
  void portIsOnlyKnownAfterStart() {
    assertThatThrownBy(listener::port)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("listener not started");
    listener.start();
    assertThat(listener.port()).isPositive();
    assertThat(listener.isRunning()).isTrue();
  }

  @Test
  void routesServePlainRequestsNextToEngineEndpoints() throws Exception {
    AtomicReference<HttpRequestInfo> seen = new AtomicReference<>();
    listener.route(
        "/socket.io/socket.io.js",
        req -> {
          seen.set(req);
          return new HttpReply(
              200,
              Map.of("content-type", "application/javascript", "x-extra", "1"),
              "bundle()".getBytes(StandardCharsets.UTF_8));
        });
    listener.route("/", req -> req.path().equals("/") ? HttpReply.text(200, "home") : null);
    RecordingHandler h = new RecordingHandler(true);
    EngineServer.attach(listener, EngineOptions.builder().path("/socket.io").build(), h);
    listener.start();

    HttpResponse<String> js = get("/socket.io/socket.io.js?v=1");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.body()).isEqualTo("bundle()");
    assertThat(js.headers().firstValue("content-type")).hasValue("application/javascript");
    assertThat(js.headers().firstValue("x-extra")).hasValue("1");
    assertThat(seen.get().path()).isEqualTo("/socket.io/socket.io.js");
    assertThat(seen.get().queryParam("v")).isEqualTo("1");
    assertThat(seen.get().method()).isEqualTo("GET");
    assertThat(seen.get().header("Host")).startsWith("127.0.0.1:");

    assertThat(get("/").body()).isEqualTo("home");
    // the "/" route declines everything else: the engine or a 404 answers
    assertThat(get("/socket.io/?EIO=4&transport=polling").body()).startsWith("0{\"sid\"");
    h.expectAny("open");
    HttpResponse<String> missing = get("/nothing");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("Not Found");
  }

  @Test
  void aFailingRouteIs500AndTheConnectionSurvives() throws Exception {
    listener.route(
        "/boom",
        req -> {
          throw new IllegalStateException("boom");
        });
    listener.route("/ok", req -> HttpReply.text(200, "ok"));
    listener.start();
    assertThat(get("/boom").statusCode()).isEqualTo(500);
    assertThat(get("/ok").body()).isEqualTo("ok");
  }

  @Test
  void twoEndpointsCannotShareAPath() {
    EngineServer.attach(listener, EngineOptions.defaults(), new RecordingHandler(false));
    assertThatThrownBy(
            () ->
                EngineServer.attach(
                    listener,
                    EngineOptions.builder().path("/engine.io").build(),
                    new RecordingHandler(false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("an Engine.IO endpoint already serves /engine.io/");
  }

  @Test
  void endpointsMatchTheRawPathPrefixWithTrailingSlash() throws Exception {
    RecordingHandler h = new RecordingHandler(true);
    EngineServer.attach(listener, EngineOptions.defaults(), h);
    listener.start();
    assertThat(get("/engine.io?EIO=4&transport=polling").statusCode()).isEqualTo(404);
    assertThat(get("/engine.io/?EIO=4&transport=polling").statusCode()).isEqualTo(200);
    h.expectAny("open");
  }

  @Test
  void silentConnectionsAreClosedButPendingPollsAndWebSocketsAreNot() throws Exception {
    listener.close();
    listener =
        HttpListener.create(
            HttpListenerOptions.builder()
                .host("127.0.0.1")
                .idleTimeout(java.time.Duration.ofMillis(300))
                .build());
    RecordingHandler h = new RecordingHandler(true);
    EngineServer.attach(
        listener,
        EngineOptions.builder().pingInterval(java.time.Duration.ofMillis(1500)).build(),
        h);
    listener.start();
    for (String sent : new String[] {"", "GET /engine.io/?EIO=4 HTTP/1.1\r\nHost"}) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", listener.port())) {
        s.setSoTimeout(10_000);
        s.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
        long start = System.nanoTime();
        assertThat(s.getInputStream().read()).as("closed by the server").isEqualTo(-1);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(250_000_000L);
      }
    }
    String open = get("/engine.io/?EIO=4&transport=polling").body();
    String sid = open.substring(9, 29);
    h.expect(sid, "open");
    // the poll waits ~1.5 s for the ping, five idle periods, and is not cut
    assertThat(get("/engine.io/?EIO=4&transport=polling&sid=" + sid).body()).isEqualTo("2");
    EngineClients.Ws ws =
        EngineClients.Ws.connect(
            URI.create(
                "ws://127.0.0.1:" + listener.port() + "/engine.io/?EIO=4&transport=websocket"));
    ws.nextText();
    String wsSid = h.expectAny("open");
    Thread.sleep(700);
    ws.send("4still open");
    h.expect(wsSid, "message still open");
    assertThat(ws.nextText()).isEqualTo("4still open");
  }

  @Test
  void replyValidatesItsStatus() {
    assertThatThrownBy(() -> new HttpReply(42, Map.of(), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be a 3-digit HTTP status, got 42");
  }
}
