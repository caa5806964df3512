package dev.sio.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.server.AckTimeoutException;
import dev.sio.server.SocketIoServer;
import dev.sio.testkit.Await;
import dev.sio.testkit.EventRecorder;
import dev.sio.testkit.SioServerExtension;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The meters move as real clients connect, emit, ack, join rooms and leave. */
@Timeout(60)
class SioMetricsTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @RegisterExtension
  final SioServerExtension sio =
      SioServerExtension.create(b -> b.serveClient(false))
          .beforeStart(io -> SioMetrics.builder(registry).tags(Tags.of("server", "a")).bind(io))
          .beforeStart(
              io ->
                  io.onConnection(
                      socket -> {
                        socket.on("join", (args, ack) -> socket.join(args.get(0).asText()));
                        socket.on("echo", (args, ack) -> ack.send(args.toArray()));
                      }));

  @AfterEach
  void closeRegistry() {
    registry.close();
  }

  private Socket connect(String... transports) {
    return sio.connect(
        "/", ClientOptions.builder().transports(transports).reconnection(false).build());
  }

  private double value(String name, String... tags) {
    var search = registry.find(name).tags(tags);
    if (search.counter() != null) {
      return search.counter().count();
    }
    if (search.gauge() != null) {
      return search.gauge().value();
    }
    if (search.timer() != null) {
      return search.timer().count();
    }
    if (search.summary() != null) {
      return search.summary().count();
    }
    return Double.NaN;
  }

  private void await(String what, BooleanSupplier condition) {
    Await.until(what, condition, sio.timeout());
  }

  @Test
  void metersMoveWithRealTraffic() {
    SocketIoServer io = sio.server();
    assertThat(value("sio.sockets.connected", "namespace", "/", "server", "a")).isZero();

    Socket ann = connect("polling", "websocket");
    Socket bob = connect("websocket");
    await("two connected", () -> value("sio.sockets.connected", "namespace", "/") == 2);
    assertThat(value("sio.sockets.connections", "namespace", "/")).isEqualTo(2);
    assertThat(value("sio.engine.sessions.opened", "transport", "polling")).isEqualTo(1);
    assertThat(value("sio.engine.sessions.opened", "transport", "websocket")).isEqualTo(1);
    await("the upgrade", () -> value("sio.engine.upgrades", "transport", "websocket") == 1);
    assertThat(value("sio.engine.sessions", "transport", "websocket")).isEqualTo(2);
    assertThat(value("sio.engine.sessions", "transport", "polling")).isZero();

    // Events in, acks out; rooms; a broadcast to two recipients.
    double bytesIn = value("sio.bytes.received");
    assertThat(Await.of(ann.emitWithAck("echo", "x")).toString()).isEqualTo("[\"x\"]");
    assertThat(value("sio.events.received", "namespace", "/")).isEqualTo(1);
    assertThat(value("sio.bytes.received") - bytesIn)
        .isGreaterThanOrEqualTo("42[\"echo\",\"x\"]".length());
    ann.emit("join", "room-1");
    bob.emit("join", "room-1");
    // both joins handled (the rooms gauge alone reads 3 as soon as the first join is)
    await("both in room-1", () -> io.in("room-1").fetchSockets().join().size() == 2);
    assertThat(value("sio.rooms", "namespace", "/")).isEqualTo(3); // room-1 and two socket ids
    EventRecorder news = sio.recorder().attach(ann, "news").attach(bob, "news");
    io.to("room-1").emit("news", 1);
    news.next("news");
    news.next("news");
    var fanOut = registry.find("sio.broadcast.recipients").tags("namespace", "/").summary();
    assertThat(fanOut.count()).isEqualTo(1);
    assertThat(fanOut.totalAmount()).isEqualTo(2);
    assertThat(value("sio.events.sent", "namespace", "/")).isEqualTo(2);

    // An acknowledgement answered, then one that times out.
    bob.on("ask", (args, ack) -> ack.send("yes"));
    var bobServer = io.sockets().sockets().get(bob.id());
    assertThat(Await.of(bobServer.timeout(Duration.ofSeconds(5)).emitWithAck("ask")).toString())
        .isEqualTo("[\"yes\"]");
    var ackTimer = registry.find("sio.ack.duration").tags("namespace", "/").timer();
    assertThat(ackTimer.count()).isEqualTo(1);
    assertThat(ackTimer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    var silent = io.sockets().sockets().get(ann.id());
    CompletableFuture<?> unanswered = silent.timeout(Duration.ofMillis(100)).emitWithAck("ignored");
    assertThatThrownBy(() -> Await.of(unanswered))
        .isInstanceOf(AssertionError.class) // AckTimeoutException is checked: Await wraps it
        .hasCauseInstanceOf(AckTimeoutException.class);
    assertThat(value("sio.ack.timeouts", "namespace", "/")).isEqualTo(1);

    // Leaving, with the reason.
    bob.disconnect();
    ann.close();
    news.assertEmpty();
    await("both left", () -> value("sio.sockets.connected", "namespace", "/") == 0);
    // the reason is counted by the disconnect listeners, which run after the socket has left the
    // namespace (the gauge): on the socket's thread, maybe a moment after the gauge reads 0
    await(
        "both disconnections counted",
        () ->
            value(
                    "sio.sockets.disconnections",
                    "namespace",
                    "/",
                    "reason",
                    "client namespace disconnect")
                >= 2);
    assertThat(
            value(
                "sio.sockets.disconnections",
                "namespace",
                "/",
                "reason",
                "client namespace disconnect"))
        .isEqualTo(2); // close() sends DISCONNECT first, as Node's client
    await("sessions closed", () -> value("sio.engine.sessions", "transport", "websocket") == 0);
    assertThat(value("sio.engine.sessions.closed", "reason", "transport close")).isEqualTo(2);
    assertThat(value("sio.bytes.sent")).isPositive();
    assertThat(value("sio.messages.sent")).isPositive();

    assertPrometheusTextParses(registry.scrape());
  }

  @Test
  void bufferedBytesShowAClientThatDoesNotRead() throws Exception {
    SocketIoServer io = sio.server();
    try (java.net.Socket raw = new java.net.Socket()) {
      raw.setReceiveBufferSize(4096); // before connect: a small window that fills at once
      raw.connect(new java.net.InetSocketAddress("127.0.0.1", io.port()), 5000);
      raw.setSoTimeout(5000);
      var out = raw.getOutputStream();
      out.write(
          ("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      var in = raw.getInputStream();
      byte[] head = new byte[12];
      int n = 0;
      while (n < head.length) {
        int r = in.read(head, n, head.length - n);
        assertThat(r).as("the 101 answer").isPositive();
        n += r;
      }
      assertThat(new String(head, java.nio.charset.StandardCharsets.US_ASCII)).endsWith("101");
      // a masked text frame "40": the Socket.IO CONNECT to "/" (mask 0, so the bytes stay as they
      // are)
      out.write(new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, '4', '0'});
      out.flush();
      await("the raw socket connected", () -> io.sockets().sockets().size() == 1);
      var socket = io.sockets().sockets().values().iterator().next();
      String chunk = "x".repeat(64 * 1024);
      // 6 MiB, never read: more than the kernel's send buffer takes (tcp_wmem max 4 MiB here), less
      // than maxBufferedBytes (8 MiB)
      for (int i = 0; i < 96; i++) {
        socket.emit("big", chunk);
      }
      await("bytes buffered", () -> value("sio.engine.buffered.max") > 512 * 1024);
      // the max first: while the emits are still being queued the sum only grows
      double max = value("sio.engine.buffered.max");
      assertThat(value("sio.engine.buffered")).isGreaterThanOrEqualTo(max);
    }
    await("the session gone", () -> value("sio.engine.buffered") == 0);
  }

  @Test
  void namespaceTagsAreBounded() {
    SimpleMeterRegistry simple = new SimpleMeterRegistry();
    SocketIoServer io = sio.server();
    io.of(Pattern.compile("/room-\\d+"));
    SioMetrics.builder(simple).maxNamespaceTags(3).bind(io);
    for (int i = 0; i < 5; i++) {
      sio.connect(
          "/room-" + i,
          ClientOptions.builder().transports("websocket").reconnection(false).build());
    }
    await(
        "five connections",
        () ->
            simple.find("sio.sockets.connections").counters().stream()
                    .mapToDouble(c -> c.count())
                    .sum()
                == 5);
    assertThat(simple.find("sio.sockets.connections").counters()).hasSize(4); // 3 + _other
    assertThat(simple.find("sio.sockets.connections").tags("namespace", "_other").counter().count())
        .isEqualTo(3); // "/" took one of the three values
    assertThatThrownBy(() -> SioMetrics.builder(simple).maxNamespaceTags(0).bind(io))
        .hasMessage("maxNamespaceTags must be positive, got 0");
  }

  /** Every line is a comment (# HELP / # TYPE) or a sample: name{labels} value. */
  static void assertPrometheusTextParses(String text) {
    Pattern help = Pattern.compile("# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*");
    Pattern type =
        Pattern.compile(
            "# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|summary|histogram|untyped)");
    Pattern sample =
        Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})?"
                + " (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");
    List<String> names = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      assertThat(
              help.matcher(line).matches()
                  || type.matcher(line).matches()
                  || sample.matcher(line).matches())
          .as(line)
          .isTrue();
      if (line.startsWith("# TYPE ")) {
        names.add(line.split(" ")[2]);
      }
    }
    assertThat(names)
        .contains(
            "sio_sockets_connected",
            "sio_events_received_total",
            "sio_bytes_sent_bytes_total",
            "sio_ack_duration_seconds",
            "sio_broadcast_recipients",
            "sio_engine_sessions_closed_total");
    assertThat(text).contains("sio_sockets_connected{namespace=\"/\",server=\"a\"} 0");
  }
}
