package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw Engine.IO v4 / Socket.IO v5 test client on the JDK's java.net.http: it speaks wire frames
 * ({@code "40"}, {@code "42[...]"}, binary frames), answers pings by itself and records everything
 * else the server sends, so a test can check each frame and that nothing unexpected came.
 */
final class TestClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Received Engine.IO messages: String (text, with its type digit) or byte[] (binary). */
  final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

  /** Completes with the close status (WebSocket) or -1 (polling: the session ended). */
  final CompletableFuture<Integer> closed = new CompletableFuture<>();

  private final String base; // http://127.0.0.1:port/socket.io/
  private final HttpClient http;
  private WebSocket ws; // websocket mode
  private String sid; // polling mode
  private volatile boolean polling;
  JsonNode handshake;

  /** Whether pings are answered (turn off to provoke a ping timeout). */
  volatile boolean answerPings = true;

  private TestClient(int port, String path) {
    this("http://127.0.0.1:" + port + path, HTTP);
  }

  private TestClient(String base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  /**
   * Opens a WebSocket session on {@code base} (for example {@code
   * https://127.0.0.1:1234/socket.io/}).
   */
  static TestClient websocket(String base, HttpClient http) throws Exception {
    TestClient c = new TestClient(base, http);
    c.openWebSocket("");
    return c;
  }

  /** Opens a WebSocket session and reads the Engine.IO open packet. */
  static TestClient websocket(int port) throws Exception {
    return websocket(port, "/socket.io/", "");
  }

  static TestClient websocket(int port, String path, String extraQuery) throws Exception {
    TestClient c = new TestClient(port, path);
    c.openWebSocket(extraQuery);
    return c;
  }

  /** Opens a long-polling session (handshake GET, then a background poll loop). */
  static TestClient polling(int port) throws Exception {
    TestClient c = new TestClient(port, "/socket.io/");
    c.openPolling();
    return c;
  }

  private void openWebSocket(String extraQuery) throws Exception {
    URI uri =
        URI.create(base.replaceFirst("^http", "ws") + "?EIO=4&transport=websocket" + extraQuery);
    CompletableFuture<String> open = new CompletableFuture<>();
    ws =
        http.newWebSocketBuilder()
            .buildAsync(
                uri,
                new WebSocket.Listener() {
                  private final StringBuilder text = new StringBuilder();
                  private ByteBuffer binary = ByteBuffer.allocate(0);

                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                      String message = text.toString();
                      text.setLength(0);
                      if (!open.isDone() && message.startsWith("0")) {
                        open.complete(message);
                      } else {
                        onTextMessage(message);
                      }
                    }
                    w.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                    ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
                    joined.put(binary).put(data).flip();
                    binary = joined;
                    if (last) {
                      byte[] bytes = new byte[binary.remaining()];
                      binary.get(bytes);
                      binary = ByteBuffer.allocate(0);
                      received.add(bytes);
                    }
                    w.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                    closed.complete(status);
                    return null;
                  }

                  @Override
                  public void onError(WebSocket w, Throwable error) {
                    closed.complete(-2);
                  }
                })
            .get(5, TimeUnit.SECONDS);
    handshake = JSON.readTree(open.get(5, TimeUnit.SECONDS).substring(1));
  }

  private void onTextMessage(String message) {
    if (message.equals("2")) {
      if (answerPings) {
        sendRaw("3");
      } else {
        received.add(message);
      }
    } else {
      received.add(message);
    }
  }

  /** Polling: the number of packets in each answer to a GET, in order. */
  final List<Integer> pollAnswers = new java.util.concurrent.CopyOnWriteArrayList<>();

  private void openPolling() throws Exception {
    polling = true;
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "?EIO=4&transport=polling")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    handshake = JSON.readTree(r.body().substring(1));
    sid = handshake.get("sid").asText();
    Thread poller = new Thread(this::pollLoop, "test-poller");
    poller.setDaemon(true);
    poller.start();
  }

  private void pollLoop() {
    try {
      while (polling) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "?EIO=4&transport=polling&sid=" + sid))
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          break;
        }
        String[] packets = r.body().split("\u001e");
        pollAnswers.add(packets.length);
        for (String packet : packets) {
          if (packet.startsWith("b")) {
            received.add(Base64.getDecoder().decode(packet.substring(1)));
          } else if (packet.equals("1")) {
            polling = false;
          } else if (!packet.equals("6")) {
            onTextMessage(packet);
          }
        }
      }
    } catch (Exception e) {
      // the session is gone
    }
    polling = false;
    closed.complete(-1);
  }

  /** Sends one Engine.IO text message as on the wire ({@code "40"}, {@code "42[...]"}). */
  void sendRaw(String message) {
    if (ws != null) {
      ws.sendText(message, true).join();
    } else {
      post(message);
    }
  }

  /** Sends one binary message. */
  void sendBinary(byte[] data) {
    if (ws != null) {
      ws.sendBinary(ByteBuffer.wrap(data), true).join();
    } else {
      post("b" + Base64.getEncoder().encodeToString(data));
    }
  }

  private void post(String body) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "?EIO=4&transport=polling&sid=" + sid))
                  .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("POST " + body).isEqualTo(200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connects to {@code nsp} ("/" or "/x") and returns the CONNECT answer's payload. */
  JsonNode connect(String nsp) throws Exception {
    return connect(nsp, null);
  }

  JsonNode connect(String nsp, String authJson) throws Exception {
    String prefix = nsp.equals("/") ? "" : nsp + ",";
    sendRaw("40" + prefix + (authJson == null ? "" : authJson));
    String answer = nextText();
    assertThat(answer).startsWith("40" + prefix);
    return JSON.readTree(answer.substring(2 + prefix.length()));
  }

  /** The next message: a String (text) or byte[]; fails after 5 s. */
  Object next() throws InterruptedException {
    Object o = received.poll(5, TimeUnit.SECONDS);
    assertThat(o).as("a message from the server").isNotNull();
    return o;
  }

  String nextText() throws InterruptedException {
    Object o = next();
    assertThat(o).as("a text message").isInstanceOf(String.class);
    return (String) o;
  }

  byte[] nextBinary() throws InterruptedException {
    Object o = next();
    assertThat(o).as("a binary message").isInstanceOf(byte[].class);
    return (byte[]) o;
  }

  /** Fails when anything but pings arrives within {@code millis}. */
  void expectNothing(long millis) throws InterruptedException {
    Object o = received.poll(millis, TimeUnit.MILLISECONDS);
    assertThat(o).as("unexpected message from the server").isNull();
  }

  /** Waits for the server to close the session. */
  void awaitClosed() throws Exception {
    closed.get(5, TimeUnit.SECONDS);
  }

  /** Drops the TCP connection without a close frame (a network failure). */
  void abort() {
    if (ws != null) {
      ws.abort();
    }
    polling = false;
  }

  @Override
  public void close() {
    polling = false;
    if (ws != null && !closed.isDone()) {
      ws.abort();
    }
  }
}
