package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.AllowRequest;
import dev.sio.engine.CookieOptions;
import dev.sio.engine.EngineOptions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code 101} a real server writes on a real socket, byte for byte as {@code ws} writes it, and
 * the frames a client sends in the same write as its upgrade request.
 */
@Timeout(30)
class SwitchingProtocolsTest {
  private static final String HEAD =
      "HTTP/1.1 101 Switching Protocols\r\n"
          + "Upgrade: websocket\r\n"
          + "Connection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"; // RFC 6455 1.3's key

  private EngineTestServer server;

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aDefaultServersAnswerIsWsFourLinesExactly() throws Exception {
    server = new EngineTestServer(EngineOptions.builder().build(), true);
    try (RawWs ws = RawWs.open(server.listener.port(), "/engine.io/?EIO=4&transport=websocket")) {
      assertThat(ws.responseHead).isEqualTo(HEAD + "\r\n");
      assertThat(ws.read().text()).startsWith("0{\"sid\":\"");
      ws.text("4hello");
      assertThat(ws.read().text()).isEqualTo("4hello");
    }
    server.handler.expectAny("open");
    server.handler.expectAny("message hello");
  }

  @Test
  void theEndpointsHeadersFollowWsOwnInTheirOrder() throws Exception {
    server =
        new EngineTestServer(
            EngineOptions.builder()
                .cookie(CookieOptions.builder().build())
                .headers((headers, request) -> headers.put("X-Listener", List.of("yes")))
                .build(),
            true);
    try (RawWs ws = RawWs.open(server.listener.port(), "/engine.io/?EIO=4&transport=websocket")) {
      assertThat(ws.responseHead).startsWith(HEAD).endsWith("\r\n\r\n");
      List<String> extra =
          Arrays.asList(ws.responseHead.substring(HEAD.length()).split("\r\n")).subList(0, 2);
      String open = ws.read().text();
      String sid = open.substring(9, 29);
      assertThat(extra)
          .containsExactly(
              "Set-Cookie: io=" + sid + "; Path=/; HttpOnly; SameSite=Lax", "X-Listener: yes");
    }
    server.handler.expectAny("open");
  }

  @Test
  void aFrameInTheRequestsWriteIsReadAfterAVerdictThatCameLater() throws Exception {
    Executor later = CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS);
    AllowRequest slow =
        request -> CompletableFuture.supplyAsync(AllowRequest.Decision::accept, later);
    server = new EngineTestServer(EngineOptions.builder().allowRequest(slow).build(), true);
    byte[] frames = concat(RawWs.textFrame("4first"), RawWs.textFrame("4second"));
    try (RawWs ws =
        RawWs.request(
            server.listener.port(),
            RawWs.upgradeRequest("/engine.io/?EIO=4&transport=websocket"),
            frames)) {
      assertThat(ws.responseHead).isEqualTo(HEAD + "\r\n");
      assertThat(ws.read().text()).startsWith("0{\"sid\":\"");
      assertThat(ws.read().text()).isEqualTo("4first");
      assertThat(ws.read().text()).isEqualTo("4second");
    }
    server.handler.expectAny("open");
    server.handler.expectAny("message first");
    server.handler.expectAny("message second");
  }

  @Test
  void aBadFrameInTheRequestsWriteIsAnsweredWithACloseCode() throws Exception {
    server = new EngineTestServer(EngineOptions.builder().build(), true);
    byte[] unmasked = RawWs.encode(true, 0, 1, "4x".getBytes(), false); // RFC 6455 5.1: 1002
    try (RawWs ws =
        RawWs.request(
            server.listener.port(),
            RawWs.upgradeRequest("/engine.io/?EIO=4&transport=websocket"),
            concat(RawWs.textFrame("4ok"), unmasked))) {
      assertThat(ws.responseHead).isEqualTo(HEAD + "\r\n");
      assertThat(ws.read().text()).startsWith("0{\"sid\":\"");
      assertThat(ws.read().text()).isEqualTo("4ok");
      byte[] close = ws.readClose();
      assertThat(((close[0] & 0xFF) << 8) | (close[1] & 0xFF)).isEqualTo(1002);
      assertThat(ws.endsWithin(5000)).isTrue();
    }
    server.handler.expectAny("open");
    server.handler.expectAny("message ok");
  }

  @Test
  void aFrameOverTheDefaultMaxPayloadIsAnswered1009AndTheConnectionEnds() throws Exception {
    server = new EngineTestServer(EngineOptions.builder().build(), true); // 1e6 bytes
    try (RawWs ws = RawWs.open(server.listener.port(), "/engine.io/?EIO=4&transport=websocket")) {
      assertThat(ws.read().text()).startsWith("0{\"sid\":\"");
      byte[] big = RawWs.encode(true, 0, 1, ("4" + "x".repeat(1_000_100)).getBytes(), true);
      Thread writer =
          new Thread(
              () -> {
                try {
                  ws.out.write(big);
                  ws.out.flush();
                } catch (java.io.IOException e) {
                  // the server may end the connection before the frame is all sent
                }
              });
      writer.start();
      byte[] close = ws.readClose();
      assertThat(((close[0] & 0xFF) << 8) | (close[1] & 0xFF)).isEqualTo(1009);
      assertThat(ws.endsWithin(5000)).isTrue();
      writer.join(5000);
    }
    server.handler.expectAny("open");
    server.handler.expectAny("close transport error");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
