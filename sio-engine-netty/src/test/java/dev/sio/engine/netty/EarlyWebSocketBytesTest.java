package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bytes a client writes together with its WebSocket upgrade request (Node's {@code head}) belong to
 * the WebSocket: a first frame is decoded, a probe answered, HTTP bytes read as (bad) frames.
 * Several event loops, so that an upgrading polling connection is moved to its session's loop with
 * the bytes held; a bystander shares the loops and must see no late echo and no close.
 */
@Timeout(60)
class EarlyWebSocketBytesTest {
  private final HttpClient http = EngineClients.http();
  private final Set<String> bystanders = ConcurrentHashMap.newKeySet();
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private HttpListener listener;
  private EchoBystander bystander;

  @BeforeEach
  void setUp() throws Exception {
    listener =
        HttpListener.create(
            HttpListenerOptions.builder().host("127.0.0.1").eventLoopThreads(4).build());
    EngineServer.attach(
        listener,
        EngineOptions.builder()
            .pingInterval(Duration.ofMillis(3000))
            .pingTimeout(Duration.ofMillis(2000))
            .build(),
        new Handler());
    listener.start();
    bystander = EchoBystander.connect(uri("ws", "EIO=4&transport=websocket"));
    String sid = events.poll(5, TimeUnit.SECONDS);
    assertThat(sid).startsWith("open ");
    bystanders.add(sid.substring(5));
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      Thread.sleep(200);
      assertThat(bystander.problems()).isEmpty();
      assertThat(bystander.echoes()).isPositive();
    } finally {
      bystander.close();
      listener.close();
    }
  }

  @Test
  void aFrameInTheUpgradeRequestsWriteIsDecoded() throws Exception {
    for (int i = 0; i < 4; i++) { // each connection on the next loop
      try (RawWs ws =
          RawWs.request(
              listener.port(),
              RawWs.upgradeRequest("/engine.io/?EIO=4&transport=websocket"),
              RawWs.textFrame("4early" + i))) {
        assertThat(ws.responseHead).startsWith("HTTP/1.1 101 ");
        assertThat(ws.read().text()).startsWith("0{\"sid\":");
        assertThat(nextText(ws)).isEqualTo("4early" + i);
      }
    }
  }

  @Test
  void aProbeInTheUpgradeRequestsWriteIsAnsweredOnTheSessionsLoop() throws Exception {
    for (int i = 0; i < 4; i++) { // the handshake and the upgrade land on different loops
      HttpResponse<String> hs = EngineClients.get(http, uri("http", "EIO=4&transport=polling"));
      assertThat(hs.body()).startsWith("0{\"sid\":\"");
      String sid = hs.body().substring(9, 29);
      try (RawWs ws =
          RawWs.request(
              listener.port(),
              RawWs.upgradeRequest("/engine.io/?EIO=4&transport=websocket&sid=" + sid),
              RawWs.textFrame("2probe"))) {
        assertThat(ws.responseHead).startsWith("HTTP/1.1 101 ");
        assertThat(nextText(ws)).isEqualTo("3probe");
        ws.text("5");
        ws.text("4after-upgrade");
        assertThat(nextText(ws)).isEqualTo("4after-upgrade");
      }
    }
  }

  @Test
  void httpAfterTheUpgradeRequestIsReadAsFramesNeverAnswered() throws Exception {
    byte[] extra =
        "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    try (RawWs ws =
        RawWs.request(
            listener.port(),
            RawWs.upgradeRequest("/engine.io/?EIO=4&transport=websocket"),
            extra)) {
      assertThat(ws.responseHead).startsWith("HTTP/1.1 101 ");
      assertThat(ws.read().text()).startsWith("0{\"sid\":");
      byte[] close = ws.readClose(); // unmasked, RSV bits set: a protocol error
      assertThat(((close[0] & 0xFF) << 8) | (close[1] & 0xFF)).isEqualTo(1002);
      assertThat(ws.endsWithin(5000)).isTrue();
    }
  }

  /** The next text frame that is not a ping. */
  private static String nextText(RawWs ws) throws IOException {
    while (true) {
      RawWs.Frame f = ws.read();
      if (f.opcode() == 1 && !f.text().equals("2")) {
        return f.text();
      }
    }
  }

  private URI uri(String scheme, String query) {
    return URI.create(scheme + "://127.0.0.1:" + listener.port() + "/engine.io/?" + query);
  }

  /** Echoes everything; records opens (all) and closes (not the bystander's). */
  private final class Handler implements EngineHandler {
    @Override
    public void onOpen(EngineSocket socket) {
      if (bystanders.isEmpty()) {
        events.add("open " + socket.id());
      }
    }

    @Override
    public void onMessage(EngineSocket socket, String text) {
      socket.send(text);
    }

    @Override
    public void onBinary(EngineSocket socket, byte[] data) {
      socket.send(data);
    }

    @Override
    public void onClose(EngineSocket socket, String reason, String description) {
      if (!bystanders.contains(socket.id())) {
        events.add("close " + socket.id());
      }
    }
  }
}
