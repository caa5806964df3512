package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ShutdownTest {
  private final HttpClient http = EngineClients.http();

  private static long sioThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("sio-eventloop-") && t.isAlive())
        .count();
  }

  @Test
  void closeEndsEverySessionWithServerShuttingDownAndStopsItsThreads() throws Exception {
    EngineTestServer server = new EngineTestServer(EngineOptions.defaults(), true);
    int port = server.listener.port();
    assertThat(sioThreads()).isPositive();
    EngineClients.Polling idle = new EngineClients.Polling(http, server);
    server.handler.expect(idle.sid, "open");
    EngineClients.Polling waiting = new EngineClients.Polling(http, server);
    server.handler.expect(waiting.sid, "open");
    CompletableFuture<HttpResponse<String>> pending = waiting.getAsync();
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    ws.nextText();
    String wsSid = server.handler.expectAny("open");
    Thread.sleep(50);

    server.close();

    java.util.Set<String> closed = new java.util.HashSet<>();
    for (int i = 0; i < 3; i++) {
      RecordingHandler.Event e = server.handler.next();
      assertThat(e.line()).isEqualTo("close server shutting down");
      closed.add(e.socket().id());
    }
    assertThat(closed).containsExactlyInAnyOrder(idle.sid, waiting.sid, wsSid);
    assertThat(pending.get(5, TimeUnit.SECONDS).body()).isEqualTo("1");
    ws.awaitClose();
    assertThat(server.engine.clientsCount()).isZero();
    server.handler.expectNothing(50);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (sioThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sioThreads()).isZero();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
    server.close(); // idempotent
  }

  @Test
  void closingOneEngineServerLeavesTheOthersOnTheListener() throws Exception {
    RecordingHandler a = new RecordingHandler(true);
    RecordingHandler b = new RecordingHandler(true);
    HttpListener listener =
        HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").build());
    try {
      EngineServer ea =
          EngineServer.attach(listener, EngineOptions.builder().path("/a/").build(), a);
      EngineServer eb =
          EngineServer.attach(listener, EngineOptions.builder().path("/b").build(), b);
      listener.start();
      String base = "http://127.0.0.1:" + listener.port();
      String sa =
          EngineClients.JSON
              .readTree(
                  EngineClients.get(http, java.net.URI.create(base + "/a/?EIO=4&transport=polling"))
                      .body()
                      .substring(1))
              .get("sid")
              .asText();
      String sb =
          EngineClients.JSON
              .readTree(
                  EngineClients.get(http, java.net.URI.create(base + "/b/?EIO=4&transport=polling"))
                      .body()
                      .substring(1))
              .get("sid")
              .asText();
      a.expect(sa, "open");
      b.expect(sb, "open");
      assertThat(ea.clientsCount()).isEqualTo(1);
      ea.close();
      a.expect(sa, "close server shutting down");
      assertThat(ea.clientsCount()).isZero();
      assertThat(
              EngineClients.get(
                      http, java.net.URI.create(base + "/a/?EIO=4&transport=polling&sid=" + sa))
                  .statusCode())
          .isEqualTo(404);
      HttpResponse<String> post =
          EngineClients.post(
              http, java.net.URI.create(base + "/b/?EIO=4&transport=polling&sid=" + sb), "4still");
      assertThat(post.body()).isEqualTo("ok");
      b.expect(sb, "message still");
      assertThat(eb.clientsCount()).isEqualTo(1);
      b.expectNothing(20);
      a.expectNothing(20);
    } finally {
      listener.close();
    }
    b.expectAny("close server shutting down");
  }

  @Test
  void listenCreatesAndClosesItsOwnListener() throws Exception {
    RecordingHandler h = new RecordingHandler(true);
    EngineServer server =
        HttpListener.listen(
            HttpListenerOptions.builder().host("127.0.0.1").build(), EngineOptions.defaults(), h);
    int port = ((HttpListener) server.host()).port();
    HttpResponse<String> r =
        EngineClients.get(
            http,
            java.net.URI.create(
                "http://127.0.0.1:" + port + "/engine.io/?EIO=4&transport=polling"));
    assertThat(r.statusCode()).isEqualTo(200);
    h.expectAny("open");
    server.close();
    h.expectAny("close server shutting down");
    assertThat(((HttpListener) server.host()).isRunning()).isFalse();
  }

  @Test
  void aHandlerMayCloseTheListener() throws Exception {
    RecordingHandler h = new RecordingHandler(false);
    HttpListener listener =
        HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").build());
    EngineServer engine =
        EngineServer.attach(
            listener,
            EngineOptions.defaults(),
            new EngineHandler() {
              @Override
              public void onOpen(EngineSocket socket) {
                h.onOpen(socket);
              }

              @Override
              public void onMessage(EngineSocket socket, String text) {
                h.onMessage(socket, text);
                if (text.equals("shutdown")) {
                  holder[0].close(); // neither call may wait on this very event loop
                  listener.close();
                }
              }

              @Override
              public void onBinary(EngineSocket socket, byte[] data) {}

              @Override
              public void onClose(EngineSocket socket, String reason, String description) {
                h.onClose(socket, reason, description);
              }
            });
    holder[0] = engine;
    listener.start();
    EngineClients.Ws ws =
        EngineClients.Ws.connect(
            java.net.URI.create(
                "ws://127.0.0.1:" + listener.port() + "/engine.io/?EIO=4&transport=websocket"));
    ws.nextText();
    String sid = h.expectAny("open");
    ws.send("4shutdown");
    h.expect(sid, "message shutdown");
    h.expect(sid, "close server shutting down");
    ws.awaitClose();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (listener.isRunning() || sioThreads() > 0) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private final EngineServer[] holder = new EngineServer[1];

  @Test
  void aClosedListenerRefusesNewEndpointsAndRestarts() {
    HttpListener listener =
        HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").build());
    listener.start();
    listener.close();
    assertThatThrownBy(
            () ->
                EngineServer.attach(
                    listener, EngineOptions.defaults(), new RecordingHandler(false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("listener is closed");
    assertThatThrownBy(listener::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("listener is closed");
  }

  @Test
  void aPortInUseFailsClearly() {
    HttpListener first =
        HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").build());
    first.start();
    try {
      HttpListener second =
          HttpListener.create(
              HttpListenerOptions.builder().host("127.0.0.1").port(first.port()).build());
      assertThatThrownBy(second::start)
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
      second.close();
    } finally {
      first.close();
    }
  }
}
