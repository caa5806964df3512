package dev.sio.client;

import static dev.sio.client.ClientFixtures.connected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** https/wss with a custom SSLContext trusting a self-signed certificate made by keytool. */
@Timeout(60)
class TlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static SocketIoServer io;
  private static EngineServer engine;
  private static SSLContext trusting;

  @BeforeAll
  static void start() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    String keytool =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool";
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "sio",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();

    io = SocketIoServer.detached(ServerOptions.defaults());
    io.onConnection(s -> s.on("echo", (args, ack) -> ack.send(args.toArray())));
    engine =
        HttpListener.listen(
            HttpListenerOptions.builder()
                .host("127.0.0.1")
                .port(0)
                .eventLoopThreads(1)
                .tlsKeyStore(keyStore, PASSWORD)
                .build(),
            EngineOptions.builder().path("/socket.io/").build(),
            io.engineHandler());

    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      trust.load(in, PASSWORD);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);
  }

  @AfterAll
  static void stop() {
    engine.close();
    io.close();
  }

  private static URI uri(String host) {
    return URI.create("https://" + host + ":" + ((HttpListener) engine.host()).port() + "/");
  }

  @Test
  void connectsOverTlsWithBothTransports() throws Exception {
    for (List<String> transports : List.of(List.of("polling", "websocket"), List.of("websocket"))) {
      Socket socket =
          connected(
              uri("localhost"),
              ClientOptions.builder()
                  .sslContext(trusting)
                  .transports(transports.toArray(String[]::new))
                  .build());
      ClientFixtures.await(() -> "websocket".equals(socket.io().transport()));
      assertThat(socket.emitWithAck("echo", "secret").get(10, TimeUnit.SECONDS))
          .hasToString("[\"secret\"]");
      socket.disconnect();
    }
  }

  @Test
  void anUntrustedCertificateIsAConnectError() throws Exception {
    CompletableFuture<ConnectError> error = new CompletableFuture<>();
    Socket socket =
        SocketIoClient.connect(
            uri("localhost"),
            ClientOptions.builder().reconnection(false).build(),
            s -> s.onConnectError(error::complete));
    ConnectError e = error.get(10, TimeUnit.SECONDS);
    assertThat(e).hasMessage("xhr poll error");
    assertThat(e).hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
    socket.disconnect();
  }

  @Test
  void theHostNameIsVerifiedUnlessTurnedOff() throws Exception {
    // the certificate names localhost only, not 127.0.0.1
    CompletableFuture<ConnectError> error = new CompletableFuture<>();
    Socket strict =
        SocketIoClient.connect(
            uri("127.0.0.1"),
            ClientOptions.builder().sslContext(trusting).reconnection(false).build(),
            s -> s.onConnectError(error::complete));
    ConnectError e = error.get(10, TimeUnit.SECONDS);
    assertThat(e).hasMessage("xhr poll error");
    assertThat(e)
        .hasRootCauseMessage("No subject alternative names matching IP address 127.0.0.1 found");
    strict.disconnect();

    Socket lax =
        connected(
            uri("127.0.0.1"),
            ClientOptions.builder().sslContext(trusting).hostnameVerification(false).build());
    assertThat(lax.emitWithAck("echo", 1).get(10, TimeUnit.SECONDS)).hasToString("[1]");
    lax.disconnect();
  }
}
