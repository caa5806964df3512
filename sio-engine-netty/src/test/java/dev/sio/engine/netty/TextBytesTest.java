package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-message fast paths: WebSocket text messages reach {@link
 * EngineHandler#onMessage(EngineSocket, byte[], int, int)} as bytes, and {@link
 * EngineSocket#sendNow} writes a frame at once when it can (and refuses when it cannot).
 */
@Timeout(30)
class TextBytesTest {
  /** Echoes each message: with sendNow, then send(String) when refused; records what it saw. */
  private static final class BytesHandler implements EngineHandler {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final BlockingQueue<EngineSocket> opened = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(EngineSocket socket) {
      opened.add(socket);
    }

    @Override
    public void onMessage(EngineSocket socket, byte[] utf8, int offset, int length) {
      String text = new String(utf8, offset, length, StandardCharsets.UTF_8);
      boolean now = socket.sendNow(new StringBuilder(text)); // a CharSequence, not a String
      if (!now) {
        socket.send(text);
      }
      events.add("bytes " + abbreviate(text) + " now=" + now);
    }

    @Override
    public void onMessage(EngineSocket socket, String text) {
      boolean now = socket.sendNow(text);
      if (!now) {
        socket.send(text);
      }
      events.add("string " + abbreviate(text) + " now=" + now);
    }

    String next() throws InterruptedException {
      String e = events.poll(5, TimeUnit.SECONDS);
      assertThat(e).as("a handler call within 5 s").isNotNull();
      return e;
    }

    private static String abbreviate(String text) {
      return text.length() > 20 ? text.substring(0, 10) + "…(" + text.length() + ")" : text;
    }
  }

  private final BytesHandler handler = new BytesHandler();
  private HttpListener listener;

  @BeforeEach
  void start() {
    listener =
        HttpListener.create(
            HttpListenerOptions.builder().host("127.0.0.1").eventLoopThreads(2).build());
    EngineServer.attach(listener, EngineOptions.defaults(), handler);
    listener.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    try {
      assertThat(handler.events.poll(20, TimeUnit.MILLISECONDS)).isNull();
    } finally {
      listener.close();
    }
  }

  private URI uri(String scheme, String query) {
    return URI.create(scheme + "://127.0.0.1:" + listener.port() + "/engine.io/?" + query);
  }

  private EngineClients.Ws openWs() throws Exception {
    EngineClients.Ws ws = EngineClients.Ws.connect(uri("ws", "EIO=4&transport=websocket"));
    assertThat(ws.nextText()).startsWith("0{");
    return ws;
  }

  @Test
  void webSocketTextReachesTheHandlerAsBytesAndIsSentAtOnce() throws Exception {
    EngineClients.Ws ws = openWs();
    ws.send("4hello € 😀");
    assertThat(handler.next()).isEqualTo("bytes hello € 😀 now=true");
    assertThat(ws.nextText()).isEqualTo("4hello € 😀");
    String big = "é".repeat(40_000); // 80 000 bytes: more than the reused scratch array holds
    ws.send("4" + big);
    assertThat(handler.next()).isEqualTo("bytes " + abbrev(big) + " now=true");
    assertThat(ws.nextText()).isEqualTo("4" + big);
    ws.send("4");
    assertThat(handler.next()).isEqualTo("string  now=true"); // an empty message: a packet
    assertThat(ws.nextText()).isEqualTo("4");
    for (int i = 0; i < 50; i++) { // the scratch array is reused: nothing of a longer message stays
      ws.send("4" + "x".repeat(50 - i));
      assertThat(handler.next()).isEqualTo("bytes " + abbrev("x".repeat(50 - i)) + " now=true");
      assertThat(ws.nextText()).isEqualTo("4" + "x".repeat(50 - i));
    }
    ws.abort();
  }

  @Test
  void sendNowRefusesOffTheLoopAndOnceClosed() throws Exception {
    EngineClients.Ws ws = openWs();
    EngineSocket socket = handler.opened.poll(5, TimeUnit.SECONDS);
    assertThat(socket).isNotNull();
    assertThat(socket.sendNow("from a test thread")).isFalse();
    CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
    socket.executor().execute(() -> onLoop.complete(socket.sendNow("on the loop")));
    assertThat(onLoop.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ws.nextText()).isEqualTo("4on the loop");
    socket.close();
    assertThat(ws.awaitClose()).isNotNull();
    CompletableFuture<Boolean> afterClose = new CompletableFuture<>();
    socket.executor().execute(() -> afterClose.complete(socket.sendNow("too late")));
    assertThat(afterClose.get(5, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void pollingMessagesComeAsStringsAndAreQueued() throws Exception {
    HttpClient http = EngineClients.http();
    HttpResponse<String> open = EngineClients.get(http, uri("http", "EIO=4&transport=polling"));
    String sid = EngineClients.JSON.readTree(open.body().substring(1)).get("sid").asText();
    URI session = uri("http", "EIO=4&transport=polling&sid=" + sid);
    assertThat(EngineClients.post(http, session, "4über").body()).isEqualTo("ok");
    assertThat(handler.next()).isEqualTo("string über now=false");
    assertThat(EngineClients.get(http, session).body()).isEqualTo("4über");
  }

  private static String abbrev(String text) {
    return text.length() > 20 ? text.substring(0, 10) + "…(" + text.length() + ")" : text;
  }
}
