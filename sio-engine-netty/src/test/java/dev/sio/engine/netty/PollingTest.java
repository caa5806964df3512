package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PollingTest {
  private EngineTestServer server;
  private final HttpClient http = EngineClients.http();

  @BeforeEach
  void setUp() {
    server = new EngineTestServer(EngineOptions.defaults(), true);
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      server.handler.expectNothing(20);
    } finally {
      server.close();
    }
  }

  private EngineClients.Polling open() throws Exception {
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    return p;
  }

  @Test
  void postAnswersOkAsTextHtmlAndTheGetReturnsTheEcho() throws Exception {
    EngineClients.Polling p = open();
    HttpResponse<String> post = p.post("4hello");
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.body()).isEqualTo("ok");
    assertThat(post.headers().firstValue("content-type")).hasValue("text/html");
    assertThat(post.headers().firstValue("cache-control")).hasValue("no-store");
    server.handler.expect(p.sid, "message hello");
    HttpResponse<String> get = p.get();
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo("4hello");
    assertThat(get.headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
  }

  @Test
  void queuedPacketsAreBatchedInOneResponse() throws Exception {
    EngineClients.Polling p = open();
    p.post("4test1\u001e4test2\u001ebAQIDBA==\u001e4€");
    server.handler.expect(p.sid, "message test1");
    server.handler.expect(p.sid, "message test2");
    server.handler.expect(p.sid, "binary 4");
    server.handler.expect(p.sid, "message €");
    assertThat(p.get().body()).isEqualTo("4test1\u001e4test2\u001ebAQIDBA==\u001e4€");
  }

  @Test
  void aPendingGetIsAnsweredWhenTheServerSends() throws Exception {
    EngineClients.Polling p = open();
    CompletableFuture<HttpResponse<String>> get = p.getAsync();
    Thread.sleep(50);
    assertThat(get).isNotDone();
    EngineSocket socket = server.handler.socket(p.sid);
    Thread other = new Thread(() -> socket.send("from another thread"));
    other.start();
    other.join();
    assertThat(get.get(5, TimeUnit.SECONDS).body()).isEqualTo("4from another thread");
  }

  @Test
  void binaryAndBroadcastMessagesUseBase64() throws Exception {
    EngineClients.Polling a = open();
    EngineClients.Polling b = open();
    EngineMessage text = EngineMessage.text("shared");
    EngineMessage bin = EngineMessage.binary(new byte[] {(byte) 0xff, 0, 1});
    for (EngineClients.Polling p : new EngineClients.Polling[] {a, b}) {
      EngineSocket s = server.handler.socket(p.sid);
      s.send(text);
      s.send(bin);
      s.send(new byte[] {1, 2, 3, 4});
    }
    String expected =
        "4shared\u001eb"
            + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 0, 1})
            + "\u001ebAQIDBA==";
    assertThat(a.get().body()).isEqualTo(expected);
    assertThat(b.get().body()).isEqualTo(expected);
  }

  @Test
  void twoConcurrentGetsCloseTheSession() throws Exception {
    EngineClients.Polling p = open();
    CompletableFuture<HttpResponse<String>> first = p.getAsync();
    Thread.sleep(50);
    HttpResponse<String> second = p.get();
    assertThat(second.statusCode()).isEqualTo(400);
    HttpResponse<String> firstResponse = first.get(5, TimeUnit.SECONDS);
    assertThat(firstResponse.statusCode()).isEqualTo(200);
    assertThat(firstResponse.body()).isEqualTo("1");
    server.handler.expect(p.sid, "close transport error");
    assertThat(p.get().statusCode()).isEqualTo(400);
    assertThat(server.engine.clientsCount()).isZero();
  }

  @Test
  void anAbortedGetClosesTheSession() throws Exception {
    EngineClients.Polling p = open();
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.listener.port())) {
      s.getOutputStream()
          .write(
              ("GET /engine.io/?EIO=4&transport=polling&sid="
                      + p.sid
                      + " HTTP/1.1\r\nHost: x\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      Thread.sleep(100);
    }
    server.handler.expect(p.sid, "close transport error");
    assertThat(p.get().statusCode()).isEqualTo(400);
  }

  @Test
  void aClientCloseAnswersThePendingGetWithNoop() throws Exception {
    EngineClients.Polling p = open();
    CompletableFuture<HttpResponse<String>> get = p.getAsync();
    Thread.sleep(50);
    assertThat(p.post("1").body()).isEqualTo("ok");
    assertThat(get.get(5, TimeUnit.SECONDS).body()).isEqualTo("6");
    server.handler.expect(p.sid, "close transport close");
    assertThat(p.get().statusCode()).isEqualTo(400);
  }

  @Test
  void aBadPacketIs400AndAParseError() throws Exception {
    EngineClients.Polling p = open();
    HttpResponse<String> r = p.post("4ok\u001eabc");
    assertThat(r.statusCode()).isEqualTo(400);
    server.handler.expect(p.sid, "message ok");
    server.handler.expect(p.sid, "close parse error");
    assertThat(p.get().statusCode()).isEqualTo(400);
  }

  @Test
  void aBinaryContentTypeIsRefused() throws Exception {
    EngineClients.Polling p = open();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(p.uri())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {4, 1}))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    server.handler.expect(p.sid, "close transport error");
  }

  @Test
  void otherMethodsWithASidAre400() throws Exception {
    EngineClients.Polling p = open();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(p.uri()).PUT(HttpRequest.BodyPublishers.ofString("4x")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
    assertThat(server.handler.socket(p.sid).isOpen()).isTrue();
  }

  @Test
  void serverCloseWaitsForTheNextGetAndSendsClose() throws Exception {
    EngineClients.Polling p = open();
    EngineSocket s = server.handler.socket(p.sid);
    s.send("last words");
    s.close();
    assertThat(p.get().body()).isEqualTo("4last words");
    assertThat(p.get().body()).isEqualTo("6\u001e1");
    server.handler.expect(p.sid, "close forced close");
    assertThat(s.isOpen()).isFalse();
    s.send("dropped");
    assertThat(p.get().statusCode()).isEqualTo(400);
  }

  @Test
  void serverCloseWithAPendingGetSendsCloseAtOnce() throws Exception {
    EngineClients.Polling p = open();
    CompletableFuture<HttpResponse<String>> get = p.getAsync();
    Thread.sleep(50);
    server.handler.socket(p.sid).close();
    assertThat(get.get(5, TimeUnit.SECONDS).body()).isEqualTo("1");
    server.handler.expect(p.sid, "close forced close");
  }

  @Test
  void keepAliveConnectionsServeManyRequests() throws Exception {
    EngineClients.Polling p = open();
    for (int i = 0; i < 20; i++) {
      p.post("4m" + i);
      server.handler.expect(p.sid, "message m" + i);
      assertThat(p.get().body()).isEqualTo("4m" + i);
    }
  }
}
