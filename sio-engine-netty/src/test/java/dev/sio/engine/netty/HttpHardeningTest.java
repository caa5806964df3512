package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.HttpReply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile HTTP clients on a real port (raw sockets): deadlines, strict framing, methods,
 * backpressure and pipelining. One event loop thread, so that the bystander (an Engine.IO WebSocket
 * echoing every 50 ms, answering pings) shares the loop with the attacker and must see no late echo
 * and no close.
 */
@Timeout(60)
class HttpHardeningTest {
  private static final byte[] STATIC = staticBody(32 * 1024);
  private static final byte[] SMALL = "small".getBytes(StandardCharsets.US_ASCII);

  private final AtomicInteger staticCalls = new AtomicInteger();
  private final Handler handler = new Handler();
  private final HttpClient http = EngineClients.http();
  private HttpListener listener;
  private EchoBystander bystander;
  private final java.util.Set<String> bystanders =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean connectingBystander;

  @BeforeEach
  void setUp() throws Exception {
    listener = start(3000);
    connectBystander();
  }

  private void connectBystander() throws Exception {
    connectingBystander = true;
    bystander = EchoBystander.connect(uri("ws", "EIO=4&transport=websocket"));
    String sid = handler.opened.poll(5, TimeUnit.SECONDS);
    assertThat(sid).isNotNull();
    bystanders.add(sid);
    connectingBystander = false;
  }

  private HttpListener start(int maxPipelined) {
    HttpListener l =
        HttpListener.create(
            HttpListenerOptions.builder()
                .host("127.0.0.1")
                .eventLoopThreads(1)
                .headersTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(2))
                .keepAliveTimeout(Duration.ofSeconds(1))
                .idleTimeout(Duration.ofSeconds(10))
                .maxPipelinedRequests(maxPipelined)
                .build());
    l.route(
        "/static",
        req -> {
          staticCalls.incrementAndGet();
          return HttpReply.ok("text/plain", STATIC);
        });
    l.route("/small", req -> HttpReply.ok("text/plain", SMALL));
    l.route(
        "/boom",
        req -> {
          throw new IllegalStateException("a route bug");
        });
    EngineServer.attach(
        l,
        EngineOptions.builder()
            .maxHttpBufferSize(1000)
            .pingInterval(Duration.ofMillis(3000))
            .pingTimeout(Duration.ofMillis(2000))
            .build(),
        handler);
    return l.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      Thread.sleep(200);
      assertThat(bystander.problems()).isEmpty();
      assertThat(bystander.echoes()).isPositive();
      assertThat(handler.events.poll(50, TimeUnit.MILLISECONDS)).isNull();
    } finally {
      bystander.close();
      listener.close();
    }
  }

  @Test
  void trickledHeadersGet408AtTheHeadersDeadline() throws Exception {
    try (Socket s = socket()) {
      long start = System.nanoTime();
      Thread t = trickle(s, "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\n", "X");
      Timed timed = readTimed(s);
      String answer = timed.text();
      long millis = TimeUnit.NANOSECONDS.toMillis(timed.firstByteNanos() - start);
      t.interrupt();
      t.join(5000);
      assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n");
      assertThat(answer.toLowerCase(Locale.ROOT)).contains("\r\nconnection: close\r\n");
      assertThat(millis)
          .as("not cut before headersTimeout, not kept past it")
          .isBetween(900L, 4000L);
    }
  }

  @Test
  void aTrickledBodyGets408AndNothingOfItIsDelivered() throws Exception {
    Victim victim = victim();
    try (Socket s = socket()) {
      long start = System.nanoTime();
      Thread t =
          trickle(
              s,
              "POST /engine.io/?EIO=4&transport=polling&sid="
                  + victim.sid
                  + " HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n4hel",
              "l");
      Timed timed = readTimed(s);
      String answer = timed.text();
      long millis = TimeUnit.NANOSECONDS.toMillis(timed.firstByteNanos() - start);
      t.interrupt();
      t.join(5000);
      assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n");
      assertThat(answer.toLowerCase(Locale.ROOT)).contains("\r\nconnection: close\r\n");
      assertThat(millis).as("requestTimeout, from the first byte").isBetween(1900L, 5000L);
    }
    handler.expect(victim.sid + " close transport error");
  }

  @Test
  void anInvalidChunkSizeGets400DeliversNothingAndClosesTheSession() throws Exception {
    Victim victim = victim();
    String answer =
        EngineClients.raw(
            listener.port(),
            "POST /engine.io/?EIO=4&transport=polling&sid="
                + victim.sid
                + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "6\r\n4hello\r\nzz\r\n4more\r\n0\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n");
    assertThat(answer.toLowerCase(Locale.ROOT)).contains("\r\nconnection: close\r\n");
    handler.expect(victim.sid + " close transport error");
    assertThat(victim.get().body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
  }

  @Test
  void aBadChunkExtensionOrTerminationGets400() throws Exception {
    for (String chunks :
        new String[] {"5;\u0001=\r\n4abcd\r\n0\r\n\r\n", "5\r\n4abcdXX0\r\n\r\n"}) {
      Victim victim = victim();
      String answer =
          EngineClients.raw(
              listener.port(),
              "POST /engine.io/?EIO=4&transport=polling&sid="
                  + victim.sid
                  + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + chunks);
      assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n");
      handler.expect(victim.sid + " close transport error");
    }
  }

  @Test
  void ambiguousFramingGets400() throws Exception {
    String path = "POST /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n";
    for (String framing :
        new String[] {
          "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
          "Transfer-Encoding: identity\r\nContent-Length: 5\r\n\r\nhello",
          "Transfer-Encoding: gzip\r\n\r\nhello",
          "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        }) {
      String answer = EngineClients.raw(listener.port(), path + framing);
      assertThat(answer).as(framing).startsWith("HTTP/1.1 400 Bad Request\r\n");
      assertThat(answer.toLowerCase(Locale.ROOT)).contains("\r\nconnection: close\r\n");
    }
  }

  @Test
  void overlongLinesAndBadHeadersGet400() throws Exception {
    for (String request :
        new String[] {
          "GET /engine.io/?EIO=4&transport=polling&x=" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n",
          "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nX A: b\r\n\r\n",
          "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nX-A: a\u0000b\r\n\r\n",
          "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\nHost: x\n\n",
        }) {
      String answer = EngineClients.raw(listener.port(), request);
      assertThat(answer).as(request.substring(0, 40)).startsWith("HTTP/1.1 400 Bad Request\r\n");
    }
  }

  @Test
  void aBodyCutShortByItsConnectionIsNotDeliveredAndClosesTheSession() throws Exception {
    Victim victim = victim();
    try (Socket s = socket()) {
      s.getOutputStream()
          .write(
              ("POST /engine.io/?EIO=4&transport=polling&sid="
                      + victim.sid
                      + " HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n4hello")
                  .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      Thread.sleep(100);
    }
    handler.expect(victim.sid + " close transport error");
  }

  @Test
  void aThrowingRouteIs500EveryTimeAndTheConnectionStaysUsable() throws Exception {
    try (Socket s = socket()) {
      for (int i = 0; i < 3; i++) {
        s.getOutputStream()
            .write("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] r = readResponse(s.getInputStream());
        assertThat(new String(r, StandardCharsets.US_ASCII))
            .startsWith("HTTP/1.1 500 Internal Server Error\r\n");
      }
      s.getOutputStream()
          .write("GET /small HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(body(readResponse(s.getInputStream())), StandardCharsets.US_ASCII))
          .isEqualTo("small");
    }
  }

  @Test
  void otherMethodsWithASidGet400AndTheSessionStays() throws Exception {
    Victim victim = victim();
    for (String method : new String[] {"PUT", "DELETE", "TRACE", "HEAD", "OPTIONS"}) {
      String answer =
          EngineClients.raw(
              listener.port(),
              method
                  + " /engine.io/?EIO=4&transport=polling&sid="
                  + victim.sid
                  + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      assertThat(answer).as(method).startsWith("HTTP/1.1 400 Bad Request\r\n");
      if (!method.equals("HEAD")) {
        assertThat(answer).endsWith("{\"code\":2,\"message\":\"Bad handshake method\"}");
      }
    }
    assertThat(victim.post("4still here").body()).isEqualTo("ok");
    handler.expect(victim.sid + " message still here");
  }

  @Test
  void aPipelinedFloodFromANonReaderStaysBoundedAndIsServedOnceItReads() throws Exception {
    int n = 2000;
    String request = "GET /static HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n";
    long directBefore = io.netty.util.internal.PlatformDependent.usedDirectMemory();
    try (Socket s = new Socket()) {
      s.setReceiveBufferSize(16 * 1024);
      s.connect(new java.net.InetSocketAddress("127.0.0.1", listener.port()), 5000);
      s.setSoTimeout(10_000);
      byte[] all = request.repeat(n).getBytes(StandardCharsets.US_ASCII);
      CompletableFuture<Void> written =
          CompletableFuture.runAsync(
              () -> {
                try {
                  s.getOutputStream().write(all);
                  s.getOutputStream().flush();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      Thread.sleep(1500); // the client reads nothing meanwhile
      int servedWhileStalled = staticCalls.get();
      long directGrowth =
          io.netty.util.internal.PlatformDependent.usedDirectMemory() - directBefore;
      System.out.printf(
          "pipelined flood: %d of %d answered while the client did not read; Netty direct"
              + " memory grew by %d KiB%n",
          servedWhileStalled, n, directGrowth / 1024);
      assertThat(servedWhileStalled)
          .as("answers stop when the connection is not writable")
          .isLessThan(n / 4);
      assertThat(directGrowth).as("no per-response copy of the body").isLessThan(32L << 20);
      InputStream in = s.getInputStream();
      byte[] first = readResponse(in);
      assertThat(new String(first, 0, 17, StandardCharsets.US_ASCII))
          .isEqualTo("HTTP/1.1 200 OK\r\n");
      assertThat(gunzip(body(first))).isEqualTo(STATIC);
      for (int i = 1; i < n; i++) {
        byte[] r = readResponse(in);
        assertThat(r.length).as("response " + i).isEqualTo(first.length);
      }
      written.get(10, TimeUnit.SECONDS);
    }
    assertThat(staticCalls.get()).isEqualTo(n);
  }

  @Test
  void pastMaxPipelinedRequestsTheConnectionClosesAfterTheWaitingOnes() throws Exception {
    bystander.close();
    listener.close();
    listener = start(4);
    connectBystander();
    String answers =
        EngineClients.raw(listener.port(), "GET /small HTTP/1.1\r\nHost: x\r\n\r\n".repeat(40));
    int count = answers.split("HTTP/1.1 200 OK", -1).length - 1;
    assertThat(count).as("answered before the close").isBetween(1, 5);
    assertThat(answers).endsWith("small");
  }

  @Test
  void an413IsWrittenBeforeTheSessionCloses() throws Exception {
    Victim victim = victim();
    CompletableFuture<HttpResponse<String>> poll = victim.getAsync();
    Thread.sleep(100); // the GET is pending
    try (Socket s = socket()) {
      CompletableFuture<Integer> availableAtClose = new CompletableFuture<>();
      handler.onClose =
          sid -> {
            if (sid.equals(victim.sid)) {
              try {
                availableAtClose.complete(s.getInputStream().available());
              } catch (IOException e) {
                availableAtClose.completeExceptionally(e);
              }
            }
          };
      s.getOutputStream()
          .write(
              ("POST /engine.io/?EIO=4&transport=polling&sid="
                      + victim.sid
                      + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n4"
                      + "x".repeat(999))
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(availableAtClose.get(5, TimeUnit.SECONDS))
          .as("the 413 is on the client's socket when the session closes")
          .isPositive();
      assertThat(readAll(s)).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n");
    }
    handler.expect(victim.sid + " close transport error");
    poll.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aClientStillSendingAMegabyteOverTheLimitReadsThe413() throws Exception {
    Victim victim = victim();
    byte[] mb = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
    for (boolean chunked : new boolean[] {false, true}) {
      if (chunked) {
        victim = victim();
      }
      try (Socket s = socket()) {
        OutputStream out = s.getOutputStream();
        String head =
            "POST /engine.io/?EIO=4&transport=polling&sid="
                + victim.sid
                + " HTTP/1.1\r\nHost: x\r\n"
                + (chunked
                    ? "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(mb.length) + "\r\n"
                    : "Content-Length: " + (mb.length + 1000) + "\r\n\r\n");
        Thread writer =
            new Thread(
                () -> {
                  try {
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.write(mb); // 1 MiB past maxHttpBufferSize, written while the 413 comes
                    out.write(new byte[1000]);
                    out.flush();
                  } catch (IOException e) {
                    // the server closed after its lingering drain
                  }
                });
        writer.setDaemon(true);
        writer.start();
        assertThat(readAll(s)).as("chunked " + chunked).startsWith("HTTP/1.1 413 ");
        writer.join(5000);
      }
      handler.expect(victim.sid + " close transport error");
    }
  }

  @Test
  void wrongEioWithASidGets400Code5AndNothingIsDelivered() throws Exception {
    Victim victim = victim();
    URI post = uri("http", "EIO=3&transport=polling&sid=" + victim.sid);
    HttpResponse<String> p = EngineClients.post(http, post, "4wrong-eio");
    assertThat(p.statusCode()).isEqualTo(400);
    assertThat(p.body()).isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");
    HttpResponse<String> g = EngineClients.get(http, post);
    assertThat(g.statusCode()).isEqualTo(400);
    assertThat(g.body()).contains("\"code\":5");
    assertThat(victim.post("4fine").statusCode()).as("the session stays").isEqualTo(200);
    handler.expect(victim.sid + " message fine");
  }

  @Test
  void anOverlappingPostGets400AndClosesTheSession() throws Exception {
    Victim victim = victim();
    try (Socket s = socket()) {
      s.getOutputStream()
          .write(
              ("POST /engine.io/?EIO=4&transport=polling&sid="
                      + victim.sid
                      + " HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n4a")
                  .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      Thread.sleep(200); // the first POST's head is in; its body is still coming
      HttpResponse<String> second = victim.post("4b");
      assertThat(second.statusCode()).isEqualTo(400);
      handler.expect(victim.sid + " close transport error");
    }
    assertThat(victim.get().statusCode()).as("the session is gone").isEqualTo(400);
    Victim next = victim(); // POSTs one after another stay fine
    assertThat(next.post("4one").statusCode()).isEqualTo(200);
    assertThat(next.post("4two").statusCode()).isEqualTo(200);
    handler.expect(next.sid + " message one");
    handler.expect(next.sid + " message two");
  }

  @Test
  void hostAndVersionAreChecked() throws Exception {
    String q = "GET /engine.io/?EIO=4&transport=polling ";
    assertThat(EngineClients.raw(listener.port(), q + "HTTP/1.1\r\n\r\n"))
        .as("HTTP/1.1 without Host")
        .startsWith("HTTP/1.1 400 ");
    assertThat(EngineClients.raw(listener.port(), q + "HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"))
        .as("two Host headers")
        .startsWith("HTTP/1.1 400 ");
    for (String v : new String[] {"HTTP/2.0", "HTTP/1.2", "HTTP/3.0", "HTTP/0.9"}) {
      assertThat(EngineClients.raw(listener.port(), q + v + "\r\nHost: x\r\n\r\n"))
          .as(v)
          .startsWith("HTTP/1.1 505 ");
    }
    assertThat(
            EngineClients.raw(
                listener.port(),
                "GET /engine.io/?EIO=4&transport=websocket HTTP/1.0\r\nHost: x\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                    + RawWs.KEY
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n"))
        .as("a WebSocket upgrade over HTTP/1.0")
        .startsWith("HTTP/1.1 400 ");
    assertThat(EngineClients.raw(listener.port(), "GET /small HTTP/1.0\r\n\r\n"))
        .as("HTTP/1.0 needs no Host")
        .startsWith("HTTP/1.1 200 ")
        .endsWith("small");
  }

  @Test
  void aGetIsAnsweredWithoutWaitingForABodyAndABigOneIsRefused() throws Exception {
    try (Socket s = socket()) {
      long start = System.nanoTime();
      s.getOutputStream()
          .write(
              "GET /small HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = readAll(s);
      assertThat(answer).startsWith("HTTP/1.1 413 ");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1500);
    }
    try (Socket s = socket()) { // chunked: refused once past the bound
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2000\r\n"
                  + "y".repeat(8192)
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      assertThat(readAll(s)).startsWith("HTTP/1.1 413 ");
    }
    String small = "GET /small HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789";
    String both =
        EngineClients.raw(
            listener.port(), small + "GET /small HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(both.split("HTTP/1.1 200 ", -1))
        .as("a small body is dropped and the connection goes on: " + both)
        .hasSize(3);
    assertThat(both).endsWith("small");
  }

  @Test
  void idleKeepAliveConnectionsCloseSilentlyAndSilentNewOnesGet408() throws Exception {
    try (Socket s = socket()) {
      s.getOutputStream()
          .write("GET /small HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] r = readResponse(s.getInputStream());
      assertThat(new String(body(r), StandardCharsets.US_ASCII)).isEqualTo("small");
      long start = System.nanoTime();
      assertThat(s.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
          .as("keepAliveTimeout")
          .isBetween(800L, 4000L);
    }
    try (Socket s = socket()) {
      assertThat(readAll(s)).startsWith("HTTP/1.1 408 Request Timeout\r\n");
    }
  }

  // ---- helpers ----

  private Victim victim() throws Exception {
    HttpResponse<String> r = EngineClients.get(http, uri("http", "EIO=4&transport=polling"));
    assertThat(r.body()).startsWith("0{\"sid\":\"");
    Victim v = new Victim(r.body().substring(9, 29));
    assertThat(handler.opened.poll(5, TimeUnit.SECONDS)).isEqualTo(v.sid);
    handler.expect(v.sid + " open");
    return v;
  }

  /** A polling session opened by the test. */
  private final class Victim {
    final String sid;

    Victim(String sid) {
      this.sid = sid;
    }

    URI uri() {
      return HttpHardeningTest.this.uri("http", "EIO=4&transport=polling&sid=" + sid);
    }

    HttpResponse<String> get() throws Exception {
      return EngineClients.get(http, uri());
    }

    CompletableFuture<HttpResponse<String>> getAsync() {
      return EngineClients.getAsync(http, uri());
    }

    HttpResponse<String> post(String body) throws Exception {
      return EngineClients.post(http, uri(), body);
    }
  }

  private URI uri(String scheme, String query) {
    return URI.create(scheme + "://127.0.0.1:" + listener.port() + "/engine.io/?" + query);
  }

  private Socket socket() throws IOException {
    Socket s = new Socket("127.0.0.1", listener.port());
    s.setSoTimeout(10_000);
    return s;
  }

  private static String readAll(Socket s) throws IOException {
    return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /** One response (head and Content-Length body), bytes as received. */
  private static byte[] readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed inside a response head: " + head);
      }
      head.write(c);
    }
    String h = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int at = h.indexOf("content-length: ");
    int length = Integer.parseInt(h.substring(at + 16, h.indexOf("\r\n", at)).trim());
    byte[] body = in.readNBytes(length);
    assertThat(body.length).isEqualTo(length);
    head.write(body);
    return head.toByteArray();
  }

  private static byte[] body(byte[] response) {
    String s = new String(response, StandardCharsets.ISO_8859_1);
    int at = s.indexOf("\r\n\r\n") + 4;
    return java.util.Arrays.copyOfRange(response, at, response.length);
  }

  private static byte[] gunzip(byte[] b) throws IOException {
    return new GZIPInputStream(new ByteArrayInputStream(b)).readAllBytes();
  }

  private static byte[] staticBody(int size) {
    Random r = new Random(42);
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) ('a' + r.nextInt(26)); // compresses to ~60%: still above the high-water mark
    }
    return b;
  }

  /** Writes {@code head}, then {@code each} every 200 ms until the server closes (20 s at most). */
  private static Thread trickle(Socket s, String head, String each) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    Thread t =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 100; i++) {
                  Thread.sleep(200);
                  out.write(each.getBytes(StandardCharsets.ISO_8859_1));
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // the server closed, or the test is done
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Everything until the server closes, and when its first byte came. */
  private record Timed(String text, long firstByteNanos) {}

  private static Timed readTimed(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    int first = in.read();
    long at = System.nanoTime();
    if (first < 0) {
      return new Timed("", at);
    }
    return new Timed((char) first + new String(in.readAllBytes(), StandardCharsets.ISO_8859_1), at);
  }

  /** Records the Engine.IO calls of every session but the bystander's echoes; echoes everything. */
  private final class Handler implements EngineHandler {
    final BlockingQueue<String> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    volatile java.util.function.Consumer<String> onClose = sid -> {};

    @Override
    public void onOpen(EngineSocket socket) {
      opened.add(socket.id());
      if (!connectingBystander) {
        events.add(socket.id() + " open");
      }
    }

    @Override
    public void onMessage(EngineSocket socket, String text) {
      socket.send(text);
      if (!bystanders.contains(socket.id()) && !text.matches("e\\d+")) {
        events.add(socket.id() + " message " + text);
      }
    }

    @Override
    public void onBinary(EngineSocket socket, byte[] data) {
      socket.send(data);
    }

    @Override
    public void onClose(EngineSocket socket, String reason, String description) {
      onClose.accept(socket.id());
      if (!bystanders.contains(socket.id())) {
        events.add(socket.id() + " close " + reason);
      }
    }

    void expect(String line) throws InterruptedException {
      assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(line);
    }
  }
}
