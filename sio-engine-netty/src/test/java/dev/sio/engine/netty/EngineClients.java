package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.engine.EngineSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/** Small Engine.IO clients for tests: polling over JDK HttpClient, WebSocket over JDK WebSocket. */
final class EngineClients {
  static final ObjectMapper JSON = new ObjectMapper();

  private EngineClients() {}

  static HttpClient http() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  static HttpClient http(SSLContext ssl) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(ssl)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static CompletableFuture<HttpResponse<String>> getAsync(HttpClient client, URI uri) {
    return client.sendAsync(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(HttpClient client, URI uri, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Opens a polling session; returns the parsed open packet. */
  static JsonNode handshake(HttpClient client, EngineTestServer server) throws Exception {
    HttpResponse<String> r = get(client, server.uri("EIO=4&transport=polling"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("0");
    return JSON.readTree(r.body().substring(1));
  }

  /**
   * Waits (at most 5 s) until {@code socket}'s transport is {@code name}: the upgrade's switch has
   * happened on the server.
   */
  static void awaitTransport(EngineSocket socket, String name) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!name.equals(socket.transport()) && System.nanoTime() - end < 0) {
      Thread.sleep(5);
    }
    assertThat(socket.transport()).as("the session's transport").isEqualTo(name);
  }

  /** Polling session helper bound to one sid. */
  static final class Polling {
    final HttpClient client;
    final EngineTestServer server;
    final String sid;
    final JsonNode open;

    Polling(HttpClient client, EngineTestServer server) throws Exception {
      this.client = client;
      this.server = server;
      this.open = handshake(client, server);
      this.sid = open.get("sid").asText();
    }

    URI uri() {
      return server.uri("EIO=4&transport=polling&sid=" + sid);
    }

    HttpResponse<String> get() throws Exception {
      return EngineClients.get(client, uri());
    }

    CompletableFuture<HttpResponse<String>> getAsync() {
      return EngineClients.getAsync(client, uri());
    }

    HttpResponse<String> post(String body) throws Exception {
      return EngineClients.post(client, uri(), body);
    }
  }

  /** A WebSocket that queues what it receives: Strings for text, byte[] for binary. */
  static final class Ws implements WebSocket.Listener {
    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    WebSocket socket;

    static Ws connect(URI uri) throws Exception {
      return connect(HttpClient.newHttpClient(), uri);
    }

    static Ws connect(HttpClient client, URI uri) throws Exception {
      Ws ws = new Ws();
      ws.socket = client.newWebSocketBuilder().buildAsync(uri, ws).get(10, TimeUnit.SECONDS);
      return ws;
    }

    Object next() throws InterruptedException {
      Object o = received.poll(5, TimeUnit.SECONDS);
      assertThat(o).as("a WebSocket message within 5 s").isNotNull();
      return o;
    }

    String nextText() throws InterruptedException {
      Object o = next();
      assertThat(o).isInstanceOf(String.class);
      return (String) o;
    }

    void send(String s) throws Exception {
      socket.sendText(s, true).get(5, TimeUnit.SECONDS);
    }

    void sendBinary(byte[] b) throws Exception {
      socket.sendBinary(ByteBuffer.wrap(b), true).get(5, TimeUnit.SECONDS);
    }

    /** Waits for the server to close; returns the close code (-1 when the connection dropped). */
    int awaitClose() throws Exception {
      return closed.get(5, TimeUnit.SECONDS);
    }

    void abort() {
      socket.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        received.add(text.toString());
        text.setLength(0);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      binary.writeBytes(chunk);
      if (last) {
        received.add(binary.toByteArray());
        binary = new java.io.ByteArrayOutputStream();
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }

  /** Sends raw bytes on a new connection and returns everything read until the server closes. */
  static String raw(int port, String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
