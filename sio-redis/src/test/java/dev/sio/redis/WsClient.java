package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A test client over one raw WebSocket (JDK {@link HttpClient}) to a listening server. */
final class WsClient extends TestClient {
  private final WebSocket ws;
  // WebSocket listener thread only: partial messages.
  private final StringBuilder text = new StringBuilder();
  private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
  private volatile boolean opened;

  private WsClient(int port, String nsp) throws Exception {
    super(nsp);
    this.ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"),
                new Listener())
            .get(5, TimeUnit.SECONDS);
  }

  /** Connects to namespace {@code nsp} of the server listening on {@code port}. */
  static WsClient connect(int port, String nsp, ObjectNode auth) throws Exception {
    WsClient c = new WsClient(port, nsp);
    long end = System.currentTimeMillis() + 5000;
    while (!c.opened && System.currentTimeMillis() < end) {
      Thread.sleep(5);
    }
    assertThat(c.opened).as("Engine.IO open packet").isTrue();
    c.handshake(auth);
    return c;
  }

  @Override
  public void sendPacket(String packet) {
    raw("4" + packet);
  }

  private void raw(String text) {
    synchronized (ws) {
      ws.sendText(text, true).join();
    }
  }

  @Override
  public void drop() {
    ws.abort();
  }

  @Override
  public void close() {
    try {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      ws.abort();
    }
  }

  private void onFrame(String msg) {
    switch (msg.charAt(0)) {
      case '0' -> opened = true;
      case '2' -> raw("3" + msg.substring(1));
      case '1' -> disconnected = true;
      case '4' -> onSocketIo(msg.substring(1));
      default -> {}
    }
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String msg = text.toString();
        text.setLength(0);
        onFrame(msg);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      binary.writeBytes(chunk);
      if (last) {
        byte[] all = binary.toByteArray();
        binary.reset();
        WsClient.this.onBinary(all);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      disconnected = true;
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      disconnected = true;
    }
  }
}
