package dev.sio.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpReply;
import dev.sio.server.ServerOptions;
import dev.sio.server.Socket;
import dev.sio.server.SocketIoServer;
import dev.sio.webtransport.EphemeralCertificate;
import dev.sio.webtransport.WebTransportListener;
import dev.sio.webtransport.WebTransportOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Socket.IO server with WebTransport ({@code SocketIoServer} + {@link WebTransportListener}) and
 * the official browser bundle it serves, in headless Chromium with {@code transports:
 * ["webtransport"]} and the certificate pinned by its hash: acks both ways, binary both ways, 1000
 * ordered events each way, the disconnect reasons on both sides as Node gives them (a lost
 * transport too), and a reconnection by the client itself after the server restarts on the same
 * port with the same certificate (docs/design/WEBTRANSPORT.md §7 step 6, issue 14).
 */
@Timeout(180)
class WebTransportSocketIoBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final String PAGE =
      """
      <!doctype html>
      <html><head><meta charset="utf-8"><title>wt</title>
      <script src="/socket.io/socket.io.js"></script></head>
      <body><script>
      window.log = [];
      window.m = [];
      const value = Uint8Array.from(atob("HASH"), c => c.charCodeAt(0));
      window.socket = io({
        transports: ["webtransport"],
        transportOptions: { webtransport: { serverCertificateHashes: [{ algorithm: "sha-256", value }] } },
        reconnectionDelay: 200,
        reconnectionDelayMax: 500,
      });
      socket.on("connect", () => log.push("connect " + socket.io.engine.transport.name));
      socket.on("disconnect", (reason) => log.push("disconnect " + reason));
      socket.on("question", (x, cb) => cb(x + "!"));
      socket.on("m", (i) => m.push(i));
      </script></body></html>
      """;

  private final EphemeralCertificate certificate = EphemeralCertificate.generate();
  private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
  private final List<Integer> numbers = new ArrayList<>(); // guarded by itself
  private final AtomicReference<Socket> last = new AtomicReference<>();
  private SocketIoServer io;
  private WebTransportListener wt;
  private Chromium browser;

  /** Starts Socket.IO with WebTransport on {@code port} (0: any), the UDP side on the same. */
  private void start(int port) {
    byte[] page = PAGE.replace("HASH", certificate.hashBase64()).getBytes(StandardCharsets.UTF_8);
    io =
        SocketIoServer.create(
            ServerOptions.builder()
                .host("127.0.0.1")
                .port(port)
                .transports(
                    EngineOptions.POLLING, EngineOptions.WEBSOCKET, EngineOptions.WEBTRANSPORT)
                .build());
    io.listener().route("/wt/", req -> HttpReply.ok("text/html; charset=utf-8", page));
    io.onConnection(this::connected);
    io.start();
    wt =
        WebTransportListener.start(
            io.listener(),
            WebTransportOptions.builder()
                .certificate(certificate.privateKey(), certificate.certificate())
                .build());
  }

  private void connected(Socket socket) {
    last.set(socket);
    seen.add("connection " + socket.conn().transport());
    socket.onDisconnect(reason -> seen.add("disconnect " + reason));
    socket.on("ask", (args, ack) -> ack.send(args.get(0).asText() + " back"));
    socket.on(
        "bin",
        (args, ack) -> {
          seen.add("bin " + HexFormat.of().formatHex(binary(args.get(0))));
          ack.send((Object) new byte[] {9, 8, 7});
        });
    socket.on(
        "n",
        (args, ack) -> {
          synchronized (numbers) {
            numbers.add(args.get(0).asInt());
            if (numbers.size() == 1000) {
              seen.add("numbers " + numbers.equals(IntStream.range(0, 1000).boxed().toList()));
            }
          }
        });
  }

  private static byte[] binary(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private void stopServer() {
    if (io != null) {
      io.close(); // the sessions end with the close capsule: the client hears "transport close"
      io = null;
    }
    if (wt != null) {
      wt.close();
      wt = null;
    }
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    stopServer();
  }

  private String next() throws InterruptedException {
    return seen.poll(20, TimeUnit.SECONDS);
  }

  private Chromium.Page open() throws InterruptedException {
    browser = Chromium.launch();
    Chromium.Page page = browser.open("wt", "http://127.0.0.1:" + io.port() + "/wt/");
    page.waitFor("window.log.includes('connect webtransport')", WAIT);
    assertThat(next()).isEqualTo("connection webtransport");
    return page;
  }

  @Test
  void acksBinaryAndAThousandOrderedEventsBothWays() throws Exception {
    start(0);
    Chromium.Page page = open();

    assertThat(page.evaluate("socket.emitWithAck('ask', 'hi')").asText()).isEqualTo("hi back");
    List<JsonNode> answer =
        last.get()
            .timeout(Duration.ofSeconds(10))
            .emitWithAck("question", "q")
            .get(15, TimeUnit.SECONDS);
    assertThat(answer.toString()).isEqualTo("[\"q!\"]");

    JsonNode bytes =
        page.evaluate(
            "socket.emitWithAck('bin', new Uint8Array([1, 2, 3]))"
                + ".then(b => [b instanceof ArrayBuffer, ...new Uint8Array(b)])");
    assertThat(bytes.toString()).isEqualTo("[true,9,8,7]");
    assertThat(next()).isEqualTo("bin 010203");

    page.evaluate("for (let i = 0; i < 1000; i++) socket.emit('n', i); true");
    assertThat(next()).isEqualTo("numbers true");
    for (int i = 0; i < 1000; i++) {
      last.get().emit("m", i);
    }
    page.waitFor("window.m.length === 1000", WAIT);
    assertThat(page.evaluate("window.m.every((v, i) => v === i)").asBoolean()).isTrue();
    assertThat(page.evaluate("socket.io.engine.transport.name").asText()).isEqualTo("webtransport");
    assertThat(browser.consoleLog()).doesNotContain("ERROR");
    assertThat(List.copyOf(seen)).isEmpty();
  }

  @Test
  void theDisconnectReasonsOnBothSidesAreNodes() throws Exception {
    start(0);
    Chromium.Page page = open();

    last.get().disconnect(); // the server leaves the namespace
    page.waitFor("window.log.includes('disconnect io server disconnect')", WAIT);
    assertThat(next()).isEqualTo("disconnect server namespace disconnect");

    page.evaluate("socket.connect() && true"); // no reconnection after a server disconnect
    page.waitFor("window.log.filter(l => l === 'connect webtransport').length === 2", WAIT);
    assertThat(next()).isEqualTo("connection webtransport");
    page.evaluate("socket.disconnect() && true");
    assertThat(next()).isEqualTo("disconnect client namespace disconnect");
    assertThat(page.evaluate("window.log.at(-1)").asText())
        .isEqualTo("disconnect io client disconnect");

    page.evaluate("socket.connect() && true");
    page.waitFor("window.log.filter(l => l === 'connect webtransport').length === 3", WAIT);
    assertThat(next()).isEqualTo("connection webtransport");
    // the transport ends under the socket (WebTransport.close(), no Socket.IO or Engine.IO close):
    // both sides hear "transport close" and the client reconnects by itself
    page.evaluate("socket.io.engine.transport.close() && true");
    assertThat(next()).isEqualTo("disconnect transport close");
    page.waitFor("window.log.filter(l => l === 'connect webtransport').length === 4", WAIT);
    assertThat(page.evaluate("window.log.slice(-2)").toString())
        .isEqualTo("[\"disconnect transport close\",\"connect webtransport\"]");
    assertThat(next()).isEqualTo("connection webtransport");
    assertThat(List.copyOf(seen)).isEmpty();
  }

  @Test
  void theClientReconnectsByItselfAfterTheServerRestarts() throws Exception {
    start(0);
    Chromium.Page page = open();
    int port = io.port();
    String firstId = page.evaluate("socket.id").asText();

    stopServer();
    assertThat(next()).isEqualTo("disconnect server shutting down");
    page.waitFor("window.log.some(l => l.startsWith('disconnect '))", WAIT);
    // "transport close" (the close capsule arrived) in 66 restarts of 67 seen; once, in a run of
    // the whole class, "transport error" (Chromium's `closed` rejected): not yet explained, see
    // docs/design/WEBTRANSPORT.md §7 step 6. Either way the client must come back by itself.
    assertThat(page.evaluate("window.log.find(l => l.startsWith('disconnect '))").asText())
        .isIn("disconnect transport close", "disconnect transport error");

    start(port); // same TCP and UDP port, same certificate
    page.waitFor("window.log.filter(l => l === 'connect webtransport').length === 2", WAIT);
    assertThat(next()).isEqualTo("connection webtransport");
    assertThat(page.evaluate("socket.id").asText()).isNotEqualTo(firstId);
    assertThat(page.evaluate("socket.emitWithAck('ask', 'again')").asText())
        .isEqualTo("again back");
    assertThat(List.copyOf(seen)).isEmpty();
  }
}
