package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Socket.IO over TLS (wss): the handshake says it is secure. */
class TlsTest extends ServerHarness {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir Path dir;

  @Test
  void websocketOverTlsIsSecure() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
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
    assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();

    start(b -> b.listener(l -> l.tlsKeyStore(keyStore, PASSWORD)));
    CompletableFuture<Handshake> handshake = new CompletableFuture<>();
    io.onConnection(socket -> handshake.complete(socket.handshake()));
    listen();

    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      trusted.load(in, PASSWORD);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();

    TestClient c = TestClient.websocket("https://127.0.0.1:" + io.port() + "/socket.io/", https);
    try {
      c.connect("/");
      assertThat(handshake.get(5, TimeUnit.SECONDS).secure()).isTrue();
    } finally {
      c.close();
    }
  }
}
