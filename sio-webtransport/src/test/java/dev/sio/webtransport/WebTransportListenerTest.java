package dev.sio.webtransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketType;
import dev.sio.webtransport.WebTransportTestClient.EngineStream;
import dev.sio.webtransport.WebTransportTestClient.Request;
import io.netty.handler.codec.http3.Http3SettingsFrame;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine.IO over WebTransport against a real {@link WebTransportListener} on a loopback UDP port,
 * with Netty's HTTP/3 client standing for the browser: the SETTINGS, the CONNECT's answers, the
 * Engine.IO stream (direct and as an upgrade of a real polling session), the refusals and both
 * closes, with Chromium's bytes (docs/design/WEBTRANSPORT.md §1.4, §10).
 */
@Timeout(30)
class WebTransportListenerTest {
  private static final String PATH = "/engine.io/?EIO=4&transport=webtransport";

  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final EngineHandler echo =
      new EngineHandler() {
        @Override
        public void onOpen(EngineSocket socket) {
          events.add("open " + socket.transport());
        }

        @Override
        public void onMessage(EngineSocket socket, String text) {
          if ("close me".equals(text)) {
            socket.close();
            return;
          }
          socket.send(text);
        }

        @Override
        public void onBinary(EngineSocket socket, byte[] data) {
          socket.send(data);
        }

        @Override
        public void onUpgrade(EngineSocket socket, String transport) {
          events.add("upgrade " + transport);
        }

        @Override
        public void onClose(EngineSocket socket, String reason, String description) {
          events.add("close " + reason);
        }
      };

  private final EphemeralCertificate cert = EphemeralCertificate.generate();
  private HttpListener http;
  private WebTransportListener wt;
  private WebTransportTestClient client;

  private void start(EngineOptions options) {
    http = HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").port(0).build());
    EngineServer.attach(http, options, echo);
    http.start();
    wt =
        WebTransportListener.start(
            http,
            WebTransportOptions.builder()
                .certificate(cert.privateKey(), cert.certificate())
                .closeTimeout(Duration.ofMillis(500))
                .build());
  }

  private static EngineOptions.Builder withWebTransport() {
    return EngineOptions.builder()
        .transports(EngineOptions.POLLING, EngineOptions.WEBSOCKET, EngineOptions.WEBTRANSPORT);
  }

  private WebTransportTestClient client() throws Exception {
    client =
        WebTransportTestClient.connect(new InetSocketAddress("127.0.0.1", wt.port()), cert.hash());
    return client;
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (wt != null) {
      wt.close();
    }
    if (http != null) {
      http.close();
    }
    assertThat(events).isEmpty();
  }

  private String event() throws InterruptedException {
    return events.poll(5, TimeUnit.SECONDS);
  }

  private static EnginePacket open(String data) {
    return EnginePacket.of(EnginePacketType.OPEN, data);
  }

  @Test
  void listensOnTheTcpPortNumberAndSendsTheSettingsChromiumNeeds() throws Exception {
    start(withWebTransport().build());
    assertThat(wt.port()).isEqualTo(http.port());
    Http3SettingsFrame settings = client().serverSettings.poll(5, TimeUnit.SECONDS);
    assertThat(settings).isNotNull();
    Map<Long, Long> s = new LinkedHashMap<>();
    settings.forEach(e -> s.put(e.getKey(), e.getValue()));
    assertThat(s)
        .containsEntry(0x08L, 1L) // extended CONNECT
        .containsEntry(0x33L, 1L) // RFC 9297 datagrams
        .containsEntry(0x2b603742L, 1L) // draft-02: default Chromium needs it (§10.3)
        .containsEntry(0xc671706aL, 1L) // draft-07
        .containsEntry(0x2c7cf000L, 1L) // draft-15 WT_ENABLED
        .containsEntry(0x01L, 0L); // no QPACK dynamic table
  }

  @Test
  void withoutACertificateOfItsOwnQuicServesTheTcpListenersTlsCertificate(@TempDir Path dir)
      throws Exception {
    Path certPem = dir.resolve("cert.pem");
    Path keyPem = dir.resolve("key.pem");
    Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(
        certPem,
        "-----BEGIN CERTIFICATE-----\n"
            + b64.encodeToString(cert.certificate().getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    Files.writeString(
        keyPem,
        "-----BEGIN PRIVATE KEY-----\n"
            + b64.encodeToString(cert.privateKey().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    http =
        HttpListener.create(
            HttpListenerOptions.builder()
                .host("127.0.0.1")
                .port(0)
                .tlsPem(certPem, keyPem)
                .build());
    EngineServer.attach(http, withWebTransport().build(), echo);
    http.start();
    wt = WebTransportListener.start(http, WebTransportOptions.builder().build());

    // the test client trusts exactly this certificate's hash: the handshake proves QUIC used it
    Request connect = client().request("CONNECT", "webtransport", PATH);
    assertThat(connect.next())
        .isEqualTo("headers :status=200 sec-webtransport-http3-draft=draft02");
    EngineStream stream = client.openStream(connect.stream.streamId(), "0130");
    assertThat(((EnginePacket) stream.next()).type()).isEqualTo(EnginePacketType.OPEN);
    assertThat(event()).isEqualTo("open webtransport");
    stream.sendHex("063468656c6c6f"); // "4hello"
    assertThat(stream.next()).isEqualTo(EnginePacket.message("hello"));
    client.close();
    client = null;
    assertThat(event()).startsWith("close ");
  }

  @Test
  void withNoCertificateAnywhereStartFailsWithTheReason() {
    http = HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").port(0).build());
    EngineServer.attach(http, withWebTransport().build(), echo);
    http.start();
    WebTransportOptions none = WebTransportOptions.builder().build();
    assertThatThrownBy(() -> WebTransportListener.start(http, none))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("WebTransport needs a certificate");
  }

  @Test
  void aDirectSessionOpensEchoesAndEndsWithTheClientsCloseCapsule() throws Exception {
    start(withWebTransport().build());
    Request connect = client().request("CONNECT", "webtransport", PATH);
    assertThat(connect.next())
        .isEqualTo("headers :status=200 sec-webtransport-http3-draft=draft02");
    EngineStream stream = client.openStream(connect.stream.streamId(), "0130"); // "0"
    EnginePacket open = (EnginePacket) stream.next();
    assertThat(open.type()).isEqualTo(EnginePacketType.OPEN);
    assertThat(open.data())
        .matches(
            "\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[],\"pingInterval\":25000,"
                + "\"pingTimeout\":20000,\"maxPayload\":1000000}");
    assertThat(event()).isEqualTo("open webtransport");

    stream.sendHex("063468656c6c6f"); // "4hello"
    assertThat(stream.next()).isEqualTo(EnginePacket.message("hello"));
    stream.sendHex("83010203"); // binary [1, 2, 3]
    assertThat(stream.next()).isEqualTo(EnginePacket.binary(new byte[] {1, 2, 3}));
    String big = "x".repeat(300_000); // arrives in many QUIC packets, both ways
    stream.send(EnginePacket.message(big));
    assertThat(stream.next()).isEqualTo(EnginePacket.message(big));

    connect.sendData("68430700000007627965"); // CLOSE_WEBTRANSPORT_SESSION 7 "bye", Chromium's
    connect.stream.shutdownOutput();
    assertThat(event()).isEqualTo("close transport close");
    assertThat(connect.next()).isEqualTo("fin"); // the server answers FIN
  }

  @Test
  void quicDatagramsAreDroppedAndTheSessionGoesOn() throws Exception {
    start(withWebTransport().build());
    Request connect = client().request("CONNECT", "webtransport", PATH);
    assertThat(connect.next()).startsWith("headers :status=200");
    EngineStream stream = client.openStream(connect.stream.streamId(), "0130");
    assertThat(((EnginePacket) stream.next()).type()).isEqualTo(EnginePacketType.OPEN);
    assertThat(event()).isEqualTo("open webtransport");
    client.quic.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {0, 1, 2})).sync();
    stream.sendHex("0634" + hex("still"));
    assertThat(stream.next()).isEqualTo(EnginePacket.message("still"));
    connect.stream.shutdownOutput();
    assertThat(event()).isEqualTo("close transport close");
  }

  @Test
  void theServersCloseIsACapsuleAndFinOnBothStreams() throws Exception {
    start(withWebTransport().build());
    Request connect = client().request("CONNECT", "webtransport", PATH);
    assertThat(connect.next()).startsWith("headers :status=200");
    EngineStream stream = client.openStream(connect.stream.streamId(), "0130");
    assertThat(((EnginePacket) stream.next()).type()).isEqualTo(EnginePacketType.OPEN);
    assertThat(event()).isEqualTo("open webtransport");
    stream.send(EnginePacket.message("close me"));
    assertThat(event()).isEqualTo("close forced close");
    assertThat(connect.next()).isEqualTo("data 68430400000000"); // close capsule, code 0
    assertThat(connect.next()).isEqualTo("fin");
    assertThat(stream.next()).isEqualTo("fin");
  }

  @Test
  void closingTheListenerClosesEachSessionWithTheCapsuleBeforeTheConnection() throws Exception {
    start(withWebTransport().build());
    Request connect = client().request("CONNECT", "webtransport", PATH);
    assertThat(connect.next()).startsWith("headers :status=200");
    EngineStream stream = client.openStream(connect.stream.streamId(), "0130");
    assertThat(((EnginePacket) stream.next()).type()).isEqualTo(EnginePacketType.OPEN);
    assertThat(event()).isEqualTo("open webtransport");
    wt.close(); // returns once the connection closed: this client sends no FIN, so closeTimeout
    wt = null;
    assertThat(connect.next()).isEqualTo("data 68430400000000"); // what makes Chromium's
    assertThat(connect.next()).isEqualTo("fin"); // `closed` resolve: "transport close", not error
    assertThat(stream.next()).isEqualTo("fin");
    assertThat(event()).isEqualTo("close transport close");
  }

  @Test
  void aPollingSessionUpgradesToWebTransport() throws Exception {
    start(withWebTransport().build());
    HttpClient httpClient = HttpClient.newHttpClient();
    URI base =
        URI.create("http://127.0.0.1:" + http.port() + "/engine.io/?EIO=4&transport=polling");
    String answer =
        httpClient
            .send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(answer).contains("\"upgrades\":[\"websocket\",\"webtransport\"]");
    assertThat(event()).isEqualTo("open polling");
    String sid = answer.substring(9, 29);

    Request connect = client().request("CONNECT", "webtransport", PATH + "&sid=" + sid);
    assertThat(connect.next()).startsWith("headers :status=200");
    String handshake =
        HexFormat.of()
            .formatHex(
                dev.sio.protocol.engineio.EngineStreamCodec.encode(
                    open("{\"sid\":\"" + sid + "\"}")));
    assertThat(handshake).startsWith("1f30"); // Node's test: 31 bytes
    EngineStream stream = client.openStream(connect.stream.streamId(), handshake);
    stream.sendHex("0632" + "70726f6265"); // 2probe
    assertThat(stream.next()).isEqualTo(EnginePacket.PONG_PROBE);
    stream.sendHex("0135"); // 5
    assertThat(event()).isEqualTo("upgrade webtransport");
    stream.sendHex("0634" + HexFormat.of().formatHex("after".getBytes(StandardCharsets.UTF_8)));
    assertThat(stream.next()).isEqualTo(EnginePacket.message("after"));
    wt.close(); // the QUIC connection ends: the session hears "transport close"
    assertThat(event()).isEqualTo("close transport close");
    wt.close(); // idempotent
    String after =
        httpClient
            .send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(after).contains("\"upgrades\":[\"websocket\"]"); // no longer offered
    assertThat(event()).isEqualTo("open polling");
    wt = null;
    http.close();
    http = null;
    assertThat(event()).isEqualTo("close server shutting down");
  }

  @Test
  void aPingUnansweredAcrossTheUpgradeToWebTransportEndsTheSessionWithPingTimeout()
      throws Exception {
    // pingTimeout leaves room for the upgrade on a busy machine while the pong is due
    start(
        withWebTransport()
            .pingInterval(Duration.ofMillis(300))
            .pingTimeout(Duration.ofMillis(1000))
            .build());
    HttpClient httpClient = HttpClient.newHttpClient();
    URI base =
        URI.create("http://127.0.0.1:" + http.port() + "/engine.io/?EIO=4&transport=polling");
    String answer =
        httpClient
            .send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(event()).isEqualTo("open polling");
    String sid = answer.substring(9, 29);
    URI poll = URI.create(base + "&sid=" + sid);
    String ping =
        httpClient
            .send(HttpRequest.newBuilder(poll).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(ping).isEqualTo("2"); // never answered

    Request connect = client().request("CONNECT", "webtransport", PATH + "&sid=" + sid);
    assertThat(connect.next()).startsWith("headers :status=200");
    EngineStream stream =
        client.openStream(
            connect.stream.streamId(),
            HexFormat.of()
                .formatHex(
                    dev.sio.protocol.engineio.EngineStreamCodec.encode(
                        open("{\"sid\":\"" + sid + "\"}"))));
    stream.sendHex("0632" + "70726f6265"); // 2probe
    assertThat(stream.next()).isEqualTo(EnginePacket.PONG_PROBE);
    stream.sendHex("0135"); // 5, then silence
    assertThat(event()).isEqualTo("upgrade webtransport");
    // Node clears the pong's timer at the switch: the session would stay until the client sends
    assertThat(event()).isEqualTo("close ping timeout");
  }

  @Test
  void requestsThatAreNoWebTransportSessionAreRefused() throws Exception {
    start(withWebTransport().build());
    client();
    Request get = client.request("GET", null, "/engine.io/?EIO=4&transport=polling");
    assertThat(get.next()).isEqualTo("headers :status=404 content-type=text/plain");
    assertThat(get.next()).isEqualTo("data " + hex("Not Found"));
    assertThat(get.next()).isEqualTo("fin");
    Request elsewhere = client.request("CONNECT", "webtransport", "/other/?EIO=4");
    assertThat(elsewhere.next()).startsWith("headers :status=404");
    Request websocket = client.request("CONNECT", "websocket", PATH);
    assertThat(websocket.next()).startsWith("headers :status=400");
    Request v3 =
        client.request("CONNECT", "webtransport", "/engine.io/?EIO=3&transport=webtransport");
    assertThat(v3.next()).startsWith("headers :status=400");
    assertThat(v3.next())
        .isEqualTo("data " + hex("{\"code\":5,\"message\":\"Unsupported protocol version\"}"));
  }

  @Test
  void anEndpointWithoutTheTransportRefusesTheSessionAndOffersNoUpgrade() throws Exception {
    start(EngineOptions.builder().build());
    Request connect = client().request("CONNECT", "webtransport", PATH);
    assertThat(connect.next()).startsWith("headers :status=400");
    assertThat(connect.next())
        .isEqualTo("data " + hex("{\"code\":0,\"message\":\"Transport unknown\"}"));
    assertThat(connect.next()).isEqualTo("fin");
  }

  @Test
  void streamsNoSessionTakesAreReset() throws Exception {
    start(withWebTransport().build());
    Request connect = client().request("CONNECT", "webtransport", PATH);
    assertThat(connect.next()).startsWith("headers :status=200");
    EngineStream stray = client.openStream(connect.stream.streamId() + 400, "0130");
    assertThat(stray.next()).isEqualTo("reset");
    EngineStream stream = client.openStream(connect.stream.streamId(), "0130");
    assertThat(((EnginePacket) stream.next()).type()).isEqualTo(EnginePacketType.OPEN);
    assertThat(event()).isEqualTo("open webtransport");
    EngineStream second = client.openStream(connect.stream.streamId(), "0130");
    assertThat(second.next()).isEqualTo("reset"); // one Engine.IO stream per session
    stream.sendHex("0634" + hex("still"));
    assertThat(stream.next()).isEqualTo(EnginePacket.message("still")); // the first is unaffected
    connect.stream.shutdownOutput();
    assertThat(event()).isEqualTo("close transport close");
  }

  @Test
  void aFirstPacketThatIsNoOpenClosesTheSession() throws Exception {
    start(withWebTransport().build());
    Request connect = client().request("CONNECT", "webtransport", PATH);
    assertThat(connect.next()).startsWith("headers :status=200");
    client.openStream(connect.stream.streamId(), "0634" + hex("hello"));
    assertThat(connect.next()).isEqualTo("data 68430400000000");
    assertThat(connect.next()).isEqualTo("fin");
  }

  @Test
  void aSessionWithoutAStreamEndsAtUpgradeTimeout() throws Exception {
    start(withWebTransport().upgradeTimeout(Duration.ofMillis(200)).build());
    Request connect = client().request("CONNECT", "webtransport", PATH);
    assertThat(connect.next()).startsWith("headers :status=200");
    assertThat(connect.next()).isEqualTo("data 68430400000000");
    assertThat(connect.next()).isEqualTo("fin");
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }
}
