package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.engine.EngineOptions;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** https and wss with a self-signed certificate made by the JDK's keytool at test time. */
@Timeout(60)
class TlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static Path keyStore;
  private static SSLContext clientSsl;
  private EngineTestServer server;

  @BeforeAll
  static void makeCertificate() throws Exception {
    keyStore = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
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
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(keyStore.toFile())) {
      ks.load(in, PASSWORD);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("sio", ks.getCertificate("sio"));
    tmf.init(trust);
    clientSsl = SSLContext.getInstance("TLS");
    clientSsl.init(null, tmf.getTrustManagers(), null);
    // the same key as PEM files
    Key key = ks.getKey("sio", PASSWORD);
    Certificate cert = ks.getCertificate("sio");
    Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
    Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  private void exercise() throws Exception {
    HttpClient https = EngineClients.http(clientSsl);
    EngineClients.Polling p = new EngineClients.Polling(https, server);
    server.handler.expect(p.sid, "open");
    assertThat(server.handler.socket(p.sid).handshake().secure()).isTrue();
    assertThat(p.post("4over tls").body()).isEqualTo("ok");
    server.handler.expect(p.sid, "message over tls");
    assertThat(p.get().body()).isEqualTo("4over tls");
    EngineClients.Ws ws =
        EngineClients.Ws.connect(https, server.wsUri("EIO=4&transport=websocket&sid=" + p.sid));
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    ws.send("5");
    ws.send("4over wss");
    server.handler.expect(p.sid, "message over wss");
    assertThat(ws.nextText()).isEqualTo("4over wss");
    ws.abort();
    server.handler.expect(p.sid, "close transport close");
  }

  @Test
  void servesHttpsAndWssFromAKeyStore() throws Exception {
    server =
        new EngineTestServer(
            HttpListenerOptions.builder().host("127.0.0.1").tlsKeyStore(keyStore, PASSWORD).build(),
            EngineOptions.defaults(),
            true);
    assertThat(server.base()).startsWith("https://");
    exercise();
  }

  @Test
  void servesHttpsAndWssFromPemFiles() throws Exception {
    server =
        new EngineTestServer(
            HttpListenerOptions.builder()
                .host("127.0.0.1")
                .tlsPem(dir.resolve("cert.pem"), dir.resolve("key.pem"))
                .build(),
            EngineOptions.defaults(),
            true);
    exercise();
  }

  @Test
  void aBadKeyStorePasswordFailsAtStart() {
    HttpListener listener =
        HttpListener.create(
            HttpListenerOptions.builder()
                .host("127.0.0.1")
                .tlsKeyStore(keyStore, "wrong".toCharArray())
                .build());
    assertThatThrownBy(listener::start)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot load the TLS certificate");
    listener.close();
  }

  @Test
  void plainHttpToATlsPortIsRefusedWithoutHarm() throws Exception {
    server =
        new EngineTestServer(
            HttpListenerOptions.builder().host("127.0.0.1").tlsKeyStore(keyStore, PASSWORD).build(),
            EngineOptions.defaults(),
            true);
    String answer =
        EngineClients.raw(
            server.listener.port(), "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\n\r\n");
    assertThat(answer).doesNotContain("\"sid\"");
    exercise();
  }
}
