package dev.sio.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * permessage-deflate on the client's WebSocket against Sio's server, seen on the wire by a proxy: a
 * message at or above the threshold goes with RSV1 set (compressed), a smaller one and one emitted
 * with {@code compress(false)} go as they are; the server reads them all.
 */
@Timeout(60)
class CompressionTest {
  private static final String BIG = "compressible text ".repeat(300); // 5 400 bytes
  private static final ClientOptions WEBSOCKET =
      ClientOptions.builder().transports("websocket").reconnection(false).build();

  private SioServer server;
  private FrameRecordingProxy proxy;
  private Socket socket;

  @AfterEach
  void stop() throws Exception {
    if (socket != null) {
      socket.disconnect();
    }
    if (proxy != null) {
      proxy.close();
    }
    server.close();
  }

  private void start(boolean serverDeflate) throws Exception {
    server = SioServer.start(0, b -> b, e -> e.perMessageDeflate(serverDeflate));
    server.io.onConnection(
        s -> {
          s.on("length", (args, ack) -> ack.send(args.get(0).asText().length()));
          s.on("bytes", (args, ack) -> ack.send(args.get(0).binaryValue().length));
          s.on("big", (args, ack) -> ack.send(BIG));
        });
    proxy = new FrameRecordingProxy(server.port());
  }

  private URI proxied() {
    return URI.create("http://127.0.0.1:" + proxy.port() + "/");
  }

  /** The one data frame the client sent while {@code action} ran (pings are not expected). */
  private FrameRecordingProxy.Frame sentBy(ThrowingRunnable action) throws Exception {
    int before = proxy.frames().size();
    action.run();
    List<FrameRecordingProxy.Frame> sent = proxy.frames().subList(before, proxy.frames().size());
    assertThat(sent).hasSize(1);
    return sent.get(0);
  }

  @Test
  void aBigMessageIsCompressedAndCompressFalseIsNot() throws Exception {
    start(true);
    socket = ClientFixtures.connected(proxied(), WEBSOCKET);
    assertThat(proxy.handshakes()).hasSize(1);
    assertThat(proxy.handshakes().get(0)).containsIgnoringCase("permessage-deflate");

    FrameRecordingProxy.Frame compressed =
        sentBy(() -> assertThat(ack(socket.emitWithAck("length", BIG))).isEqualTo(BIG.length()));
    assertThat(compressed.opcode()).isEqualTo(1);
    assertThat(compressed.rsv1()).isTrue();
    assertThat(compressed.length()).isLessThan(BIG.length() / 4);

    FrameRecordingProxy.Frame plain =
        sentBy(
            () ->
                assertThat(ack(socket.compress(false).emitWithAck("length", BIG)))
                    .isEqualTo(BIG.length()));
    assertThat(plain.rsv1()).isFalse();
    assertThat(plain.length()).isGreaterThan(BIG.length());

    String small = "x".repeat(500); // under the 1024-byte threshold
    FrameRecordingProxy.Frame under =
        sentBy(() -> assertThat(ack(socket.emitWithAck("length", small))).isEqualTo(500));
    assertThat(under.rsv1()).isFalse();
  }

  @Test
  void binaryAttachmentsFollowTheSameRule() throws Exception {
    start(true);
    socket = ClientFixtures.connected(proxied(), WEBSOCKET);
    byte[] bytes = new byte[8192]; // zeros: compress well
    int before = proxy.frames().size();
    assertThat(ack(socket.emitWithAck("bytes", (Object) bytes))).isEqualTo(bytes.length);
    List<FrameRecordingProxy.Frame> sent = proxy.frames().subList(before, proxy.frames().size());
    assertThat(sent).hasSize(2); // the placeholder text packet, then the attachment
    assertThat(sent.get(1).opcode()).isEqualTo(2);
    assertThat(sent.get(1).rsv1()).isTrue();
    assertThat(sent.get(1).length()).isLessThan(bytes.length / 4);
  }

  @Test
  void compressedMessagesFromTheServerAreInflated() throws Exception {
    start(true);
    socket = ClientFixtures.connected(proxied(), WEBSOCKET);
    CompletableFuture<List<com.fasterxml.jackson.databind.JsonNode>> answer =
        socket.emitWithAck("big");
    assertThat(answer.get(10, TimeUnit.SECONDS).get(0).asText()).isEqualTo(BIG);
  }

  @Test
  void aServerWithoutDeflateGetsPlainFrames() throws Exception {
    start(false);
    socket = ClientFixtures.connected(proxied(), WEBSOCKET);
    assertThat(proxy.handshakes().get(0)).containsIgnoringCase("permessage-deflate"); // offered
    FrameRecordingProxy.Frame frame =
        sentBy(() -> assertThat(ack(socket.emitWithAck("length", BIG))).isEqualTo(BIG.length()));
    assertThat(frame.rsv1()).isFalse();
  }

  @Test
  void perMessageDeflateOffOffersNothing() throws Exception {
    start(true);
    socket =
        ClientFixtures.connected(proxied(), WEBSOCKET.toBuilder().perMessageDeflate(false).build());
    assertThat(proxy.handshakes().get(0)).doesNotContainIgnoringCase("permessage-deflate");
    FrameRecordingProxy.Frame frame =
        sentBy(() -> assertThat(ack(socket.emitWithAck("length", BIG))).isEqualTo(BIG.length()));
    assertThat(frame.rsv1()).isFalse();
  }

  private static int ack(CompletableFuture<List<com.fasterxml.jackson.databind.JsonNode>> f)
      throws Exception {
    return f.get(10, TimeUnit.SECONDS).get(0).asInt();
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
