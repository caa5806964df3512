package dev.sio.interop.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.interop.NodeScript;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Sio client's permessage-deflate against Node's server with {@code perMessageDeflate} on: the
 * server counts the messages it had to inflate (those that came with RSV1), as ws decides it.
 */
@Timeout(60)
class NodeServerCompressionIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String BIG = "compressible text ".repeat(300); // 5 400 bytes

  private NodeScript server;
  private Socket socket;

  @AfterEach
  void stop() {
    if (socket != null) {
      socket.disconnect();
    }
    server.close();
  }

  private JsonNode connect(ClientOptions.Builder options) throws Exception {
    server = NodeScript.start("client/server.js", "{\"perMessageDeflate\":true}");
    URI uri =
        URI.create("http://127.0.0.1:" + server.await("listening", WAIT).path("port").asInt());
    CompletableFuture<Void> connected = new CompletableFuture<>();
    socket =
        SocketIoClient.connect(
            uri,
            options.transports("websocket").reconnection(false).build(),
            s -> s.onConnect(() -> connected.complete(null)));
    connected.get(10, TimeUnit.SECONDS);
    return server.await("connection", WAIT);
  }

  private int ask(CompletableFuture<List<JsonNode>> ack) throws Exception {
    return ack.get(10, TimeUnit.SECONDS).get(0).asInt();
  }

  private int inflated() throws Exception {
    return ask(socket.emitWithAck("inflated"));
  }

  @Test
  void bigMessagesArriveCompressedUnlessCompressFalse() throws Exception {
    JsonNode connection = connect(ClientOptions.builder());
    assertThat(connection.path("extensions").asText()).contains("permessage-deflate");
    assertThat(inflated()).isZero();

    assertThat(ask(socket.emitWithAck("length", BIG))).isEqualTo(BIG.length());
    assertThat(inflated()).isEqualTo(1);

    assertThat(ask(socket.compress(false).emitWithAck("length", BIG))).isEqualTo(BIG.length());
    assertThat(inflated()).isEqualTo(1);

    assertThat(ask(socket.emitWithAck("length", "x".repeat(1000)))).isEqualTo(1000);
    assertThat(inflated()).as("under the 1024-byte threshold").isEqualTo(1);

    // the echo: the request arrived compressed (2), the answer of Node (compressed) is inflated
    assertThat(socket.emitWithAck("echo", BIG).get(10, TimeUnit.SECONDS).get(0).asText())
        .isEqualTo(BIG);
    assertThat(inflated()).isEqualTo(2);
  }

  @Test
  void withPerMessageDeflateOffNothingIsOfferedOrCompressed() throws Exception {
    JsonNode connection = connect(ClientOptions.builder().perMessageDeflate(false));
    assertThat(connection.path("extensions").isNull()).isTrue();
    assertThat(ask(socket.emitWithAck("length", BIG))).isEqualTo(BIG.length());
    assertThat(inflated()).isZero();
  }

  @Test
  void aLowerThresholdCompressesSmallerMessages() throws Exception {
    connect(ClientOptions.builder().perMessageDeflateThreshold(100));
    assertThat(ask(socket.emitWithAck("length", "y".repeat(500)))).isEqualTo(500);
    assertThat(inflated()).isEqualTo(1);
  }
}
