package dev.sio.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm {@code engine.io-client} 6.6 in node against our Engine.IO server, started in-process on
 * 127.0.0.1 with an echo handler: long-polling, the upgrade to WebSocket, text and binary both
 * ways, heartbeats, a clean close; over plain HTTP and over TLS with a self-signed certificate.
 */
@Timeout(180)
class EngineIoClientInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PASSWORD = "changeit";

  // Test thread and the listener's event loops: what the server's handler saw, in order.
  private final BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();
  private HttpListener listener;

  @TempDir Path tmp;

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  @Test
  void pollingUpgradesToWebSocketAndEchoesTextAndBinary() throws Exception {
    int port = start(HttpListenerOptions.builder().host("127.0.0.1").port(0).build());
    try (NodeScript client = NodeScript.start("engineio-client.js", "http://127.0.0.1:" + port)) {
      assertThat(client.await("open", WAIT).path("transport").asText()).isEqualTo("polling");
      assertThat(client.await("upgrade", WAIT).path("transport").asText()).isEqualTo("websocket");
      exchangeHeartbeatAndClose(client);
    }
  }

  @Test
  void websocketOnlyEchoesTextAndBinary() throws Exception {
    int port = start(HttpListenerOptions.builder().host("127.0.0.1").port(0).build());
    try (NodeScript client =
        NodeScript.start(
            "engineio-client.js", "http://127.0.0.1:" + port, "--transports", "websocket")) {
      assertThat(client.await("open", WAIT).path("transport").asText()).isEqualTo("websocket");
      exchangeHeartbeatAndClose(client);
    }
  }

  @Test
  void tlsWithSelfSignedCertificateUpgradesAndEchoes() throws Exception {
    Path keyStore = selfSignedKeyStore();
    int port =
        start(
            HttpListenerOptions.builder()
                .host("127.0.0.1")
                .port(0)
                .tlsKeyStore(keyStore, PASSWORD.toCharArray())
                .build());
    try (NodeScript client =
        NodeScript.start(
            "engineio-client.js",
            Map.of("NODE_TLS_REJECT_UNAUTHORIZED", "0"),
            List.of("https://127.0.0.1:" + port))) {
      assertThat(client.await("open", WAIT).path("transport").asText()).isEqualTo("polling");
      assertThat(client.await("upgrade", WAIT).path("transport").asText()).isEqualTo("websocket");
      exchangeHeartbeatAndClose(client);
    }
  }

  /** Text and binary both ways, two heartbeats, then the client closes. */
  private void exchangeHeartbeatAndClose(NodeScript client) throws Exception {
    assertThat(serverEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("open");

    client.send(NodeScript.command("send").put("text", "hello ✓ from node"));
    assertThat(client.await("message", WAIT).path("text").asText()).isEqualTo("hello ✓ from node");
    assertThat(serverEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo("text:hello ✓ from node");

    ObjectNode binary = NodeScript.command("send");
    binary.putObject("data").put("$bin", "AAEC/f7/"); // 00 01 02 fd fe ff
    client.send(binary);
    JsonNode echoed = client.await("message", WAIT);
    assertThat(echoed.path("data").path("$bin").asText()).isEqualTo("AAEC/f7/");
    assertThat(echoed.has("text")).isFalse();
    assertThat(serverEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("binary:6");

    client.await("ping", WAIT);
    client.await("ping", WAIT);

    client.send(NodeScript.command("close"));
    assertThat(client.await("close", WAIT).path("reason").asText()).isEqualTo("forced close");
    assertThat(serverEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo("close:transport close");
    assertThat(client.pending())
        .extracting(line -> line.path("event").asText())
        .doesNotContain("error");
    assertThat(serverEvents).isEmpty();
  }

  private int start(HttpListenerOptions options) {
    listener = HttpListener.create(options);
    EngineServer.attach(
        listener,
        EngineOptions.builder()
            .path("/engine.io/")
            .pingInterval(Duration.ofMillis(250))
            .pingTimeout(Duration.ofMillis(2000))
            .build(),
        new EngineHandler() {
          @Override
          public void onOpen(EngineSocket socket) {
            serverEvents.add("open");
          }

          @Override
          public void onMessage(EngineSocket socket, String text) {
            serverEvents.add("text:" + text);
            socket.send(text);
          }

          @Override
          public void onBinary(EngineSocket socket, byte[] data) {
            serverEvents.add("binary:" + data.length);
            socket.send(data);
          }

          @Override
          public void onClose(EngineSocket socket, String reason, String description) {
            serverEvents.add("close:" + reason);
          }
        });
    return listener.start().port();
  }

  /** A PKCS#12 key store with a self-signed certificate for localhost and 127.0.0.1. */
  private Path selfSignedKeyStore() throws Exception {
    Path keyStore = tmp.resolve("server.p12");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(
        List.of(
            "-genkeypair",
            "-alias",
            "sio",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=localhost",
            "-ext",
            "SAN=dns:localhost,ip:127.0.0.1",
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            keyStore.toString(),
            "-storepass",
            PASSWORD,
            "-keypass",
            PASSWORD));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as("keytool: %s", output).isZero();
    return keyStore;
  }
}
