package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.AllowRequest;
import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.PollExchange;
import dev.sio.engine.spi.RequestBody;
import dev.sio.engine.spi.ResponseHeaders;
import dev.sio.engine.spi.SessionExecutor;
import dev.sio.engine.spi.WebTransportInbound;
import dev.sio.engine.spi.WebTransportVerdict;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketType;
import dev.sio.protocol.engineio.EngineStreamCodec;
import dev.sio.protocol.engineio.EngineStreamDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The session core's WebTransport side as a binding drives it through {@link EnginePort}: the
 * CONNECT's checks, a stream's first packet opening a session or upgrading a polling one, the
 * heartbeat, the refusals and the bounds. The stream is a {@link MessageChannel} that frames what
 * the session writes with {@link EngineStreamCodec}, as sio-webtransport's does, on a loop of its
 * own (the QUIC connection's); no socket, no Netty type.
 */
@Timeout(10)
class WebTransportHandshakesTest {
  /** A stream: frames the session's writes into bytes, read back by the test. */
  private final class Stream implements MessageChannel {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(); // guarded by this
    private final EngineStreamDecoder reader = new EngineStreamDecoder(Integer.MAX_VALUE);
    final BlockingQueue<Object> packets = new LinkedBlockingQueue<>(); // packets, then "close"
    volatile boolean writable = true;
    volatile long pending;
    volatile boolean aborted;

    @Override
    public synchronized void writeText(char type, CharSequence data) {
      out.writeBytes(EngineStreamCodec.encode(EnginePacket.of(typeOf(type), str(data))));
    }

    private static String str(CharSequence data) {
      return data == null ? null : data.toString();
    }

    @Override
    public synchronized void writeBinary(byte[] data) {
      out.writeBytes(EngineStreamCodec.encode(EnginePacket.binary(data)));
    }

    @Override
    public synchronized void writeMessage(EngineMessage m) {
      out.writeBytes(
          EngineStreamCodec.encode(
              m.isBinary() ? EnginePacket.binary(m.binary()) : EnginePacket.message(m.text())));
    }

    @Override
    public synchronized void flush() {
      byte[] bytes = out.toByteArray();
      out.reset();
      try {
        reader.decode(bytes, packets::add);
      } catch (Exception e) {
        packets.add(e);
      }
      wire.add(HexFormat.of().formatHex(bytes));
    }

    @Override
    public boolean isWritable() {
      return writable;
    }

    @Override
    public long pendingBytes() {
      return pending;
    }

    @Override
    public void whenWritten(Runnable task) {
      quic.execute(task); // the stream's loop: the transport hops to the session's
    }

    @Override
    public void close(int code) {
      packets.add("close");
    }

    @Override
    public void abort() {
      aborted = true;
      packets.add("abort");
    }

    final BlockingQueue<String> wire = new LinkedBlockingQueue<>(); // hex of each flush

    Object next() throws InterruptedException {
      return packets.poll(5, TimeUnit.SECONDS);
    }
  }

  private static EnginePacketType typeOf(char c) {
    return EnginePacketType.fromCode((byte) c);
  }

  /** A polling request answered in memory. */
  private final class Exchange implements PollExchange {
    final HttpRequestInfo request;
    final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    Exchange(String query) {
      this.request = WebTransportHandshakesTest.request("GET", query);
    }

    @Override
    public HttpRequestInfo request() {
      return request;
    }

    @Override
    public RequestBody takeBody() {
      return null;
    }

    @Override
    public SessionExecutor executor() {
      return tcp;
    }

    @Override
    public void onAbort(Runnable onAbort) {}

    @Override
    public boolean respond(int status, ResponseHeaders headers, CharSequence text, boolean close) {
      return answers.add(status + " " + text);
    }

    @Override
    public boolean respond(int status, ResponseHeaders headers, byte[] body, boolean close) {
      return answers.add(status + " " + new String(body, StandardCharsets.UTF_8));
    }
  }

  private final TestLoop tcp = new TestLoop(); // the polling sessions' loop
  private final TestLoop quic = new TestLoop(); // the QUIC connection's loop
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final EngineHandler handler =
      new EngineHandler() {
        @Override
        public void onOpen(EngineSocket socket) {
          events.add("open " + socket.transport());
        }

        @Override
        public void onMessage(EngineSocket socket, String text) {
          events.add("message " + text);
        }

        @Override
        public void onMessage(EngineSocket socket, byte[] utf8, int offset, int length) {
          events.add("message " + new String(utf8, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void onBinary(EngineSocket socket, byte[] data) {
          events.add("binary " + HexFormat.of().formatHex(data));
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

  @AfterEach
  void stop() {
    assertThat(events).isEmpty(); // nothing unexpected happened
    tcp.shutdownNow();
    quic.shutdownNow();
  }

  private static HttpRequestInfo request(String method, String query) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      q.put(pair.substring(0, eq), List.of(pair.substring(eq + 1)));
    }
    return new HttpRequestInfo(
        method, "/engine.io/?" + query, "/engine.io/", Map.of(), q, null, true);
  }

  private static final HttpRequestInfo CONNECT = request("CONNECT", "EIO=4&transport=webtransport");

  private static EngineOptions.Builder withWebTransport() {
    return EngineOptions.builder()
        .transports(EngineOptions.POLLING, EngineOptions.WEBSOCKET, EngineOptions.WEBTRANSPORT);
  }

  private <T> T onQuic(Callable<T> task) throws Exception {
    return quic.submit(task).get(5, TimeUnit.SECONDS);
  }

  private WebTransportInbound open(EnginePort port, Stream stream, EnginePacket first)
      throws Exception {
    return onQuic(() -> port.openWebTransport(CONNECT, quic, stream, first));
  }

  private String event() throws InterruptedException {
    return events.poll(5, TimeUnit.SECONDS);
  }

  @Test
  void aDirectSessionGetsNodesOpenPacketAsAStreamFrame() throws Exception {
    EnginePort port = new EngineEndpoint(withWebTransport().build(), handler);
    port.webTransportAttached(true);
    Stream stream = new Stream();
    WebTransportInbound in = open(port, stream, EnginePacket.of(EnginePacketType.OPEN, null));
    assertThat(in).isNotNull();
    String wire = stream.wire.poll(5, TimeUnit.SECONDS);
    assertThat(wire).startsWith("6b"); // header 107: Node's test "should allow a direct connection"
    EnginePacket open = (EnginePacket) stream.next();
    assertThat(open.type()).isEqualTo(EnginePacketType.OPEN);
    assertThat(open.data())
        .matches(
            "\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[],\"pingInterval\":25000,"
                + "\"pingTimeout\":20000,\"maxPayload\":1000000}");
    assertThat(event()).isEqualTo("open webtransport");
    assertThat(port.clientsCount()).isEqualTo(1);

    onQuic(
        () -> {
          in.onPacketRead(EnginePacket.message("hello"));
          in.onPacketRead(EnginePacket.binary(new byte[] {1, 2, 3}));
          return null;
        });
    assertThat(event()).isEqualTo("message hello");
    assertThat(event()).isEqualTo("binary 010203");

    onQuic(
        () -> {
          in.onClosed(); // the WebTransport session ended
          return null;
        });
    assertThat(event()).isEqualTo("close transport close");
    assertThat(port.clientsCount()).isZero();
  }

  @Test
  void theHeartbeatRunsOverTheStreamAndEndsWithPingTimeout() throws Exception {
    EnginePort port =
        new EngineEndpoint(
            withWebTransport()
                .pingInterval(Duration.ofMillis(50))
                .pingTimeout(Duration.ofMillis(100))
                .build(),
            handler);
    Stream stream = new Stream();
    WebTransportInbound in = open(port, stream, EnginePacket.of(EnginePacketType.OPEN, null));
    assertThat(((EnginePacket) stream.next()).type()).isEqualTo(EnginePacketType.OPEN);
    assertThat(event()).isEqualTo("open webtransport");
    stream.wire.clear();
    assertThat(stream.next()).isEqualTo(EnginePacket.of(EnginePacketType.PING, null));
    assertThat(stream.wire.poll(5, TimeUnit.SECONDS)).isEqualTo("0132"); // Node's 01 32
    onQuic(
        () -> {
          in.onPacketRead(EnginePacket.of(EnginePacketType.PONG, null)); // the client's 01 33
          return null;
        });
    assertThat(stream.next()).isEqualTo(EnginePacket.of(EnginePacketType.PING, null));
    // no pong this time
    assertThat(event()).isEqualTo("close ping timeout");
    assertThat(stream.next()).isEqualTo("close");
  }

  @Test
  void aPollingSessionUpgradesWithProbeAndUpgradePackets() throws Exception {
    EnginePort port = new EngineEndpoint(withWebTransport().build(), handler);
    Exchange first = new Exchange("EIO=4&transport=polling");
    tcp.submit(() -> port.handleRequest(first)).get(5, TimeUnit.SECONDS);
    String noListener = first.answers.poll(5, TimeUnit.SECONDS);
    assertThat(noListener).contains("\"upgrades\":[\"websocket\"]"); // no UDP socket: not offered
    assertThat(event()).isEqualTo("open polling");

    port.webTransportAttached(true);
    Exchange handshake = new Exchange("EIO=4&transport=polling");
    tcp.submit(() -> port.handleRequest(handshake)).get(5, TimeUnit.SECONDS);
    String answer = handshake.answers.poll(5, TimeUnit.SECONDS);
    assertThat(answer).startsWith("200 0{\"sid\":\"");
    assertThat(answer).contains("\"upgrades\":[\"websocket\",\"webtransport\"]"); // Node's order
    assertThat(event()).isEqualTo("open polling");
    String sid = answer.substring(13, 33);

    Stream stream = new Stream();
    WebTransportInbound in =
        open(port, stream, EnginePacket.of(EnginePacketType.OPEN, "{\"sid\":\"" + sid + "\"}"));
    assertThat(in).isNotNull();
    onQuic(
        () -> {
          in.onPacketRead(EnginePacket.PING_PROBE);
          return null;
        });
    assertThat(stream.next()).isEqualTo(EnginePacket.PONG_PROBE);
    assertThat(stream.wire.poll(5, TimeUnit.SECONDS)).isEqualTo("063370726f6265"); // 3probe
    onQuic(
        () -> {
          in.onPacketRead(EnginePacket.of(EnginePacketType.UPGRADE, null));
          return null;
        });
    assertThat(event()).isEqualTo("upgrade webtransport");
    onQuic(
        () -> {
          in.onPacketRead(EnginePacket.message("after"));
          return null;
        });
    assertThat(event()).isEqualTo("message after");

    // the session is upgraded: a second WebTransport for it is refused on the session's loop
    Stream second = new Stream();
    assertThat(
            open(port, second, EnginePacket.of(EnginePacketType.OPEN, "{\"sid\":\"" + sid + "\"}")))
        .isNotNull();
    assertThat(second.next()).isEqualTo("close");
    assertThat(port.clientsCount()).isEqualTo(2);
    port.close().get(5, TimeUnit.SECONDS);
    assertThat(List.of(event(), event()))
        .containsExactlyInAnyOrder("close server shutting down", "close server shutting down");
  }

  @Test
  void anUpgradeThatNeverProbesEndsAtUpgradeTimeoutAndThePollingSessionGoesOn() throws Exception {
    EnginePort port =
        new EngineEndpoint(
            withWebTransport().upgradeTimeout(Duration.ofMillis(100)).build(), handler);
    Exchange handshake = new Exchange("EIO=4&transport=polling");
    tcp.submit(() -> port.handleRequest(handshake)).get(5, TimeUnit.SECONDS);
    String sid = handshake.answers.poll(5, TimeUnit.SECONDS).substring(13, 33);
    assertThat(event()).isEqualTo("open polling");
    Stream stream = new Stream();
    open(port, stream, EnginePacket.of(EnginePacketType.OPEN, "{\"sid\":\"" + sid + "\"}"));
    assertThat(stream.next()).isEqualTo("close");
    assertThat(port.clientsCount()).isEqualTo(1);
    port.close().get(5, TimeUnit.SECONDS);
    assertThat(event()).isEqualTo("close server shutting down");
  }

  @Test
  void firstPacketsThatAreNoHandshakeAreRefused() throws Exception {
    EnginePort port = new EngineEndpoint(withWebTransport().build(), handler);
    Stream stream = new Stream();
    assertThat(open(port, stream, EnginePacket.message("hello"))).isNull();
    assertThat(open(port, stream, EnginePacket.of(EnginePacketType.OPEN, "{\"sid\":\"nope\"}")))
        .isNull();
    assertThat(open(port, stream, EnginePacket.of(EnginePacketType.OPEN, "{\"sid\":42}"))).isNull();
    assertThat(open(port, stream, EnginePacket.of(EnginePacketType.OPEN, "not json"))).isNull();
    assertThat(stream.packets).isEmpty();
    assertThat(port.clientsCount()).isZero();
  }

  @Test
  void aStreamThatIsNoEngineIoIsAParseError() throws Exception {
    EnginePort port = new EngineEndpoint(withWebTransport().build(), handler);
    Stream stream = new Stream();
    WebTransportInbound in = open(port, stream, EnginePacket.of(EnginePacketType.OPEN, null));
    assertThat(event()).isEqualTo("open webtransport");
    onQuic(
        () -> {
          in.onParseError("Empty frame (length 0)");
          return null;
        });
    assertThat(event()).isEqualTo("close parse error");
  }

  @Test
  void aStuckStreamEndsAtMaxBufferedBytes() throws Exception {
    EnginePort port =
        new EngineEndpoint(withWebTransport().maxBufferedBytes(1000).build(), handler);
    Stream stream = new Stream();
    open(port, stream, EnginePacket.of(EnginePacketType.OPEN, null));
    assertThat(event()).isEqualTo("open webtransport");
    stream.pending = 5000; // the peer's flow control stopped the stream
    stream.writable = false;
    EngineEndpoint endpoint = (EngineEndpoint) port;
    EngineSession session = endpoint.sessions().iterator().next();
    CompletableFuture<Void> sent = new CompletableFuture<>();
    session.execute(
        () -> {
          session.send("x");
          sent.complete(null);
        });
    sent.get(5, TimeUnit.SECONDS);
    assertThat(event()).isEqualTo("close transport error");
    assertThat(stream.aborted).isTrue();
  }

  @Test
  void theConnectIsCheckedAsNodesVerifyAndAllowRequest() throws Exception {
    EnginePort off = new EngineEndpoint(EngineOptions.builder().build(), handler);
    WebTransportVerdict v = verdict(off, CONNECT);
    assertThat(v.refusalStatus()).isEqualTo(400);
    assertThat(v.refusalBody()).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");

    EnginePort on = new EngineEndpoint(withWebTransport().build(), handler);
    assertThat(verdict(on, CONNECT).refused()).isFalse();
    WebTransportVerdict v3 = verdict(on, request("CONNECT", "EIO=3&transport=webtransport"));
    assertThat(v3.refusalStatus()).isEqualTo(400);
    assertThat(v3.refusalBody())
        .isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");

    EnginePort guarded =
        new EngineEndpoint(
            withWebTransport()
                .allowRequest(
                    info ->
                        CompletableFuture.completedFuture(AllowRequest.Decision.reject("no wt")))
                .build(),
            handler);
    WebTransportVerdict forbidden = verdict(guarded, CONNECT);
    assertThat(forbidden.refusalStatus()).isEqualTo(403);
    assertThat(forbidden.refusalBody()).isEqualTo("{\"code\":4,\"message\":\"no wt\"}");

    on.close().get(5, TimeUnit.SECONDS);
    assertThat(verdict(on, CONNECT).refusalStatus()).isEqualTo(503);
  }

  private WebTransportVerdict verdict(EnginePort port, HttpRequestInfo info) throws Exception {
    return onQuic(() -> port.verifyWebTransport(info, quic))
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }
}
