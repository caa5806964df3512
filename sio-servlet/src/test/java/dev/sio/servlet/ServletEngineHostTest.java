package dev.sio.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.HttpReply;
import dev.sio.server.internal.ConformanceFixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Servlet binding in embedded Jetty, with raw HTTP, a raw WebSocket and Sio's client. */
@Timeout(30)
class ServletEngineHostTest {
  private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
  private static final List<String> handlerThreads = new CopyOnWriteArrayList<>();
  private static JettyHost jetty;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    jetty =
        new JettyHost(
            ServletHostOptions.builder().loopThreads(2).build(),
            host -> {
              ConformanceFixture.serve(host, false);
              host.route("/hello", req -> HttpReply.text(200, "hello " + req.queryParam("who")));
              EngineServer.attach(
                  host,
                  dev.sio.engine.EngineOptions.builder().path("/threads/").build(),
                  new EngineHandler() {
                    @Override
                    public void onOpen(EngineSocket socket) {
                      handlerThreads.add(Thread.currentThread().getName());
                    }

                    @Override
                    public void onMessage(EngineSocket socket, String text) {
                      handlerThreads.add(Thread.currentThread().getName());
                      socket.send(text);
                    }

                    @Override
                    public void onBinary(EngineSocket socket, byte[] data) {}

                    @Override
                    public void onClose(EngineSocket socket, String reason, String description) {}
                  });
            });
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(jetty.uri(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(jetty.uri(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String handshake(String path) throws Exception {
    HttpResponse<String> r = get(path + "?EIO=4&transport=polling");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("0{");
    Matcher m = SID.matcher(r.body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void pollingHandshakeMessageAndEcho() throws Exception {
    String sid = handshake("/engine.io/");
    String q = "/engine.io/?EIO=4&transport=polling&sid=" + sid;
    HttpResponse<String> sent = post(q, "4hello\u001e4été");
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).isEqualTo("ok");
    assertThat(get(q).body()).isEqualTo("4hello\u001e4été");
  }

  @Test
  void unknownSidAndBadHandshakeMethodGetNodesJson() throws Exception {
    HttpResponse<String> r = get("/engine.io/?EIO=4&transport=polling&sid=nope");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(jetty.uri("/engine.io/?EIO=4&transport=polling"))
                .PUT(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
  }

  @Test
  void aBodyOverMaxHttpBufferSizeGets413AndClosesTheSession() throws Exception {
    String sid = handshake("/engine.io/");
    String q = "/engine.io/?EIO=4&transport=polling&sid=" + sid;
    HttpResponse<String> r = post(q, "4" + "x".repeat(1_000_001));
    assertThat(r.statusCode()).isEqualTo(413);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int status;
    do {
      status = get(q).statusCode();
    } while (status != 400 && System.nanoTime() < deadline);
    assertThat(status).isEqualTo(400); // the session is gone
  }

  @Test
  void routesAnswerAndOtherPathsPassToTheApplication() throws Exception {
    HttpResponse<String> hello = get("/hello?who=jetty");
    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(hello.body()).isEqualTo("hello jetty");
    assertThat(get("/elsewhere").statusCode()).isEqualTo(404); // Jetty's own answer
  }

  @Test
  void handlersRunOnSioLoopsNeverOnContainerThreads() throws Exception {
    String sid = handshake("/threads/");
    String q = "/threads/?EIO=4&transport=polling&sid=" + sid;
    assertThat(post(q, "4ping").statusCode()).isEqualTo(200);
    assertThat(get(q).body()).isEqualTo("4ping");
    assertThat(handlerThreads).isNotEmpty().allMatch(n -> n.startsWith("sio-servlet-"));
  }

  @Test
  void socketIoClientOverEachTransport() throws Exception {
    for (String[] transports :
        new String[][] {{"websocket"}, {"polling"}, {"polling", "websocket"}}) {
      CompletableFuture<Void> connected = new CompletableFuture<>();
      Socket socket =
          SocketIoClient.connect(
              jetty.uri("/"),
              ClientOptions.builder().transports(transports).reconnection(false).build(),
              s -> s.onceConnect(() -> connected.complete(null)));
      try {
        connected.get(10, TimeUnit.SECONDS);
        List<?> echoed = socket.emitWithAck("message-with-ack", "hi", 42).get(10, TimeUnit.SECONDS);
        assertThat(echoed.toString()).isEqualTo("[\"hi\", 42]");
        if (transports.length == 2) {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          while (!"websocket".equals(socket.io().transport()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
          }
          assertThat(socket.io().transport()).isEqualTo("websocket");
          assertThat(socket.emitWithAck("message-with-ack", "after").get(10, TimeUnit.SECONDS))
              .hasSize(1);
        }
      } finally {
        socket.disconnect();
      }
    }
  }

  @Test
  void aWebSocketMessageOverTheLimitIsClosedWith1009() throws Exception {
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    CompletableFuture<String> open = new CompletableFuture<>();
    WebSocket ws =
        http.newWebSocketBuilder()
            .buildAsync(
                java.net.URI.create(
                    "ws://127.0.0.1:"
                        + jetty.connector.getLocalPort()
                        + "/threads/?EIO=4&transport=websocket"), // 25 s heartbeat
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(
                      WebSocket webSocket, CharSequence data, boolean last) {
                    open.complete(data.toString());
                    webSocket.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(
                      WebSocket webSocket, int statusCode, String reason) {
                    closed.complete(statusCode);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    assertThat(open.get(10, TimeUnit.SECONDS)).startsWith("0{");
    ws.sendText("4" + "é".repeat(600_000), true); // 1.2 MB of UTF-8, 600 001 chars
    assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
  }
}
