package dev.sio.interop.firsthour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;
import dev.sio.interop.NodeScript;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Node's {@code initial_headers} and {@code headers} events as {@link
 * EngineOptions.Builder#initialHeaders} and {@link EngineOptions.Builder#headers}, and the current
 * request of a session: the npm engine.io-client keeps the cookies a handshake sets and sends them
 * back (the official suite's "should send cookies with withCredentials: true").
 */
@Timeout(60)
class HeadersIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private HttpListener listener;

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  private int start() {
    listener = HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").port(0).build());
    EngineServer.attach(
        listener,
        EngineOptions.builder()
            .path("/engine.io/")
            .initialHeaders((h, req) -> h.put("set-cookie", List.of("1=1", "2=2")))
            .headers(
                (h, req) -> {
                  h.put("X-Every", List.of(req.method() + " " + req.path()));
                  h.remove("cache-control");
                })
            .build(),
        new EngineHandler() {
          @Override
          public void onOpen(EngineSocket socket) {
            socket.send("hi");
          }

          @Override
          public void onMessage(EngineSocket socket, String text) {
            if (text.equals("sendHeaders")) {
              ObjectNode answer = NodeScript.JSON.createObjectNode();
              socket.request().headers().forEach((k, v) -> answer.put(k, String.join(", ", v)));
              answer.put("$method", socket.request().method());
              socket.send(answer.toString());
            }
          }
        });
    return listener.start().port();
  }

  @Test
  void theNpmClientSendsBackTheCookiesOfTheHandshake() throws Exception {
    int port = start();
    try (NodeScript client =
        NodeScript.start(
            "engineio-client.js",
            "http://127.0.0.1:" + port,
            "--transports",
            "polling",
            "--with-credentials")) {
      client.await("open", WAIT);
      assertThat(client.await("message", WAIT).path("text").asText()).isEqualTo("hi");
      client.send(NodeScript.command("send").put("text", "sendHeaders"));
      JsonNode headers =
          NodeScript.JSON.readTree(client.await("message", WAIT).path("text").asText());
      assertThat(headers.path("cookie").asText()).isEqualTo("1=1; 2=2");
      assertThat(headers.path("$method").asText()).isEqualTo("POST");
      client.send(NodeScript.command("close"));
      client.await("close", WAIT);
    }
  }

  @Test
  void initialHeadersGoOnTheHandshakeAndHeadersOnEveryResponse() throws Exception {
    int port = start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    String base = "http://127.0.0.1:" + port + "/engine.io/?EIO=4&transport=polling";
    HttpResponse<String> open =
        http.send(
            HttpRequest.newBuilder(URI.create(base)).timeout(WAIT).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.headers().allValues("set-cookie")).containsExactly("1=1", "2=2");
    assertThat(open.headers().allValues("x-every")).containsExactly("GET /engine.io/");
    assertThat(open.headers().firstValue("cache-control")).isEmpty();
    String sid = NodeScript.JSON.readTree(open.body().substring(1)).path("sid").asText();

    HttpResponse<String> poll =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "&sid=" + sid)).timeout(WAIT).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(poll.body()).isEqualTo("4hi");
    assertThat(poll.headers().allValues("set-cookie")).isEmpty();
    assertThat(poll.headers().allValues("x-every")).containsExactly("GET /engine.io/");

    // the WebSocket upgrade of a new session is a handshake too; read its 101 from a raw socket
    Map<String, List<String>> upgrade = rawUpgrade(port, "/engine.io/?EIO=4&transport=websocket");
    assertThat(upgrade.get("set-cookie")).containsExactly("1=1", "2=2");
    assertThat(upgrade.get("x-every")).containsExactly("GET /engine.io/");
    // an upgrade of the polling session is not
    Map<String, List<String>> later =
        rawUpgrade(port, "/engine.io/?EIO=4&transport=websocket&sid=" + sid);
    assertThat(later.get("set-cookie")).isNull();
    assertThat(later.get("x-every")).containsExactly("GET /engine.io/");
  }

  @Test
  void aListenerThatThrowsOrSetsAnInvalidValueLosesItsChangesNotTheResponse() throws Exception {
    listener = HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").port(0).build());
    EngineServer.attach(
        listener,
        EngineOptions.builder()
            .path("/engine.io/")
            .initialHeaders((h, req) -> h.put("X-Bad", List.of("a\r\nSet-Cookie: evil=1")))
            .headers(
                (h, req) -> {
                  if (req.uri().contains("sid=")) {
                    throw new IllegalStateException("boom");
                  }
                })
            .build(),
        new EngineHandler() {});
    int port = listener.start().port();
    HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    String base = "http://127.0.0.1:" + port + "/engine.io/?EIO=4&transport=polling";
    HttpResponse<String> open =
        http.send(
            HttpRequest.newBuilder(URI.create(base)).timeout(WAIT).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.headers().map()).doesNotContainKey("x-bad").doesNotContainKey("set-cookie");
    assertThat(open.headers().firstValue("cache-control")).hasValue("no-store");
    String sid = NodeScript.JSON.readTree(open.body().substring(1)).path("sid").asText();
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "&sid=" + sid))
                .timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString("4hello"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.body()).isEqualTo("ok");
  }

  private static Map<String, List<String>> rawUpgrade(int port, String path) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout((int) WAIT.toMillis());
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        assertThat(c).as("the upgrade response's end").isNotNegative();
        head.append((char) c);
      }
      String[] lines = head.toString().split("\r\n");
      assertThat(lines[0]).startsWith("HTTP/1.1 101");
      Map<String, List<String>> headers = new java.util.HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers
            .computeIfAbsent(
                lines[i].substring(0, colon).toLowerCase(java.util.Locale.ROOT),
                k -> new java.util.ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
      return headers;
    }
  }
}
