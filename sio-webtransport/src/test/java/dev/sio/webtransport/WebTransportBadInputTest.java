package dev.sio.webtransport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketType;
import dev.sio.protocol.engineio.EngineStreamCodec;
import dev.sio.webtransport.WebTransportTestClient.EngineStream;
import dev.sio.webtransport.WebTransportTestClient.RawStream;
import dev.sio.webtransport.WebTransportTestClient.Request;
import dev.sio.webtransport.internal.WebTransportProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.quic.QuicStreamType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input on the QUIC side ends only the session or the connection it arrived on: after each, a
 * good session on a new connection to the same server opens, echoes and closes (issue 14).
 */
@Timeout(60)
class WebTransportBadInputTest {
  private static final String PATH = "/engine.io/?EIO=4&transport=webtransport";

  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final EphemeralCertificate cert = EphemeralCertificate.generate();
  private HttpListener http;
  private WebTransportListener wt;
  private WebTransportTestClient bad;

  @BeforeEach
  void start() {
    http = HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").port(0).build());
    EngineServer.attach(
        http,
        EngineOptions.builder()
            .transports(EngineOptions.POLLING, EngineOptions.WEBSOCKET, EngineOptions.WEBTRANSPORT)
            .build(),
        new EngineHandler() {
          @Override
          public void onOpen(EngineSocket socket) {
            events.add("open " + socket.transport());
          }

          @Override
          public void onMessage(EngineSocket socket, String text) {
            socket.send(text);
          }

          @Override
          public void onClose(EngineSocket socket, String reason, String description) {
            events.add("close " + reason);
          }
        });
    http.start();
    wt =
        WebTransportListener.start(
            http,
            WebTransportOptions.builder()
                .certificate(cert.privateKey(), cert.certificate())
                .settingsTimeout(Duration.ofMillis(300))
                .closeTimeout(Duration.ofMillis(500))
                .build());
  }

  @AfterEach
  void stop() {
    if (bad != null) {
      bad.close();
    }
    wt.close();
    http.close();
    assertThat(events).isEmpty();
  }

  private InetSocketAddress server() {
    return new InetSocketAddress("127.0.0.1", wt.port());
  }

  private String event() throws InterruptedException {
    return events.poll(5, TimeUnit.SECONDS);
  }

  /** Opens a session on {@code client} and returns its stream, after the open packet. */
  private Request openSession(WebTransportTestClient client, EngineStream[] stream)
      throws Exception {
    Request connect = client.request("CONNECT", "webtransport", PATH);
    assertThat(connect.next()).startsWith("headers :status=200");
    stream[0] = client.openStream(connect.stream.streamId(), "0130");
    assertThat(((EnginePacket) stream[0].next()).type()).isEqualTo(EnginePacketType.OPEN);
    assertThat(event()).isEqualTo("open webtransport");
    return connect;
  }

  /** A new connection to the same server: a session opens, echoes and ends. */
  private void aGoodSessionStillWorks() throws Exception {
    try (WebTransportTestClient good = WebTransportTestClient.connect(server(), cert.hash())) {
      EngineStream[] stream = new EngineStream[1];
      Request connect = openSession(good, stream);
      stream[0].send(EnginePacket.message("good"));
      assertThat(stream[0].next()).isEqualTo(EnginePacket.message("good"));
      connect.stream.shutdownOutput();
      assertThat(event()).isEqualTo("close transport close");
    }
  }

  @Test
  void malformedFramesCloseOnlyTheirSession() throws Exception {
    for (String frame :
        new String[] {
          "80", // a binary frame of length 0 (Node: "invalid frame")
          "7f0020000000000000", // a 64-bit length of 2^53, over 2^53 - 1
          "0139", // a text frame "9": no such packet type
          "7e0006" + "3468656c6c" // 6 bytes announced, 5 sent: not an error, it waits
        }) {
      bad = WebTransportTestClient.connect(server(), cert.hash());
      EngineStream[] stream = new EngineStream[1];
      Request connect = openSession(bad, stream);
      stream[0].sendHex(frame);
      if (frame.startsWith("7e")) { // a frame that is only incomplete waits for its rest
        stream[0].sendHex("6f");
        assertThat(stream[0].next()).isEqualTo(EnginePacket.message("hello"));
        connect.stream.shutdownOutput();
        assertThat(event()).isEqualTo("close transport close");
      } else {
        assertThat(event()).as(frame).isEqualTo("close parse error");
        assertThat(connect.next()).as(frame).isEqualTo("data 68430400000000"); // close capsule
        assertThat(connect.next()).as(frame).isEqualTo("fin");
      }
      bad.close();
      bad = null;
      aGoodSessionStillWorks();
    }
  }

  @Test
  void aConnectForAnUnknownPathOrABadProtocolIsRefusedAndTheConnectionServesOn() throws Exception {
    bad = WebTransportTestClient.connect(server(), cert.hash());
    Request unknown =
        bad.request("CONNECT", "webtransport", "/nowhere/?EIO=4&transport=webtransport");
    assertThat(unknown.next()).startsWith("headers :status=404");
    assertThat(unknown.next()).isEqualTo("data " + hex("Not Found"));
    assertThat(unknown.next()).isEqualTo("fin");
    Request udp = bad.request("CONNECT", "connect-udp", PATH);
    assertThat(udp.next()).startsWith("headers :status=400");
    assertThat(udp.next()).isEqualTo("data " + hex("Unsupported :protocol"));
    assertThat(udp.next()).isEqualTo("fin");
    EngineStream[] stream = new EngineStream[1];
    Request connect = openSession(bad, stream); // the same connection still opens a session
    connect.stream.shutdownOutput();
    assertThat(event()).isEqualTo("close transport close");
    aGoodSessionStillWorks();
  }

  @Test
  void aSecondBidiStreamIsResetAndTheOtherSessionsGoOn() throws Exception {
    bad = WebTransportTestClient.connect(server(), cert.hash());
    EngineStream[] stream = new EngineStream[1];
    Request connect = openSession(bad, stream);
    EngineStream second = bad.openStream(connect.stream.streamId(), "0130");
    assertThat(second.next()).isEqualTo("reset");
    aGoodSessionStillWorks();
    stream[0].send(EnginePacket.message("first"));
    assertThat(stream[0].next()).isEqualTo(EnginePacket.message("first"));
    connect.stream.shutdownOutput();
    assertThat(event()).isEqualTo("close transport close");
  }

  @Test
  void garbageOnUnidirectionalStreamsLeavesTheSessionAlone() throws Exception {
    // A raw client: the server allows a client three unidirectional streams, and Netty's HTTP/3
    // client takes all three (control, QPACK encoder and decoder); this one sends only SETTINGS.
    bad = WebTransportTestClient.connectRaw(server(), cert.hash());
    bad.rawStream(QuicStreamType.UNIDIRECTIONAL, "00" + "0406" + "3301" + "80ffd27701");
    RawStream connect = bad.rawStream(QuicStreamType.BIDIRECTIONAL, connectHeadersFrame());
    awaitRead(connect, ""); // the 200's HEADERS
    assertThat(event()).isNull(); // no session until its stream
    RawStream stream =
        bad.rawStream(
            QuicStreamType.BIDIRECTIONAL,
            "4041" + String.format("%02x", connect.stream.streamId()) + "0130");
    awaitRead(stream, hex("0{\"sid\":\""));
    assertThat(event()).isEqualTo("open webtransport");
    for (String garbage :
        new String[] {
          "5400" + "0130", // a WebTransport unidirectional stream: Engine.IO uses none
          "21" + "ffffffff" // a reserved (GREASE) stream type
        }) {
      bad.rawStream(QuicStreamType.UNIDIRECTIONAL, garbage);
      String text = "after " + garbage;
      stream
          .stream
          .writeAndFlush(
              Unpooled.wrappedBuffer(EngineStreamCodec.encode(EnginePacket.message(text))))
          .sync();
      awaitRead(stream, hex("4" + text));
    }
    aGoodSessionStillWorks();
    bad.close();
    bad = null;
    assertThat(event()).isEqualTo("close transport close");
  }

  /** Waits (5 s at most) until the bytes read on {@code stream} hold {@code hex} and more. */
  private static void awaitRead(RawStream stream, String hex) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(stream.read.length() > hex.length() && stream.read.toString().contains(hex))) {
      assertThat(System.nanoTime()).as("bytes read: " + stream.read).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void aConnectWithoutTheClientsSettingsIsRefusedAfterTheSettingsTimeout() throws Exception {
    bad = WebTransportTestClient.connectRaw(server(), cert.hash());
    RawStream connect = bad.rawStream(QuicStreamType.BIDIRECTIONAL, connectHeadersFrame());
    assertThat(connect.next()).isEqualTo("fin");
    assertThat(connect.read.toString()).contains(hex("No SETTINGS"));
    aGoodSessionStillWorks();
  }

  @Test
  void wrongSettingsCloseOnlyTheirConnection() throws Exception {
    for (String control :
        new String[] {
          "00" + "04040201" + "0801", // SETTINGS with HTTP/2's reserved 0x02 (RFC 9114 §7.2.4.1)
          "00" + "070100", // a control stream whose first frame is GOAWAY, not SETTINGS
          "00" + "0402" + "3302" // SETTINGS_H3_DATAGRAM = 2 (RFC 9297: 0 or 1)
        }) {
      bad = WebTransportTestClient.connectRaw(server(), cert.hash());
      bad.rawStream(QuicStreamType.UNIDIRECTIONAL, control);
      assertThat(bad.quic.closeFuture().await(5, TimeUnit.SECONDS)).as(control).isTrue();
      bad.close();
      bad = null;
      aGoodSessionStillWorks();
    }
  }

  /**
   * A HEADERS frame with the CONNECT, encoded by hand with QPACK's static table only (RFC 9204): a
   * raw client has no QPACK encoder.
   */
  private String connectHeadersFrame() {
    ByteBuf block = Unpooled.buffer();
    block.writeBytes(new byte[] {0, 0}); // required insert count 0, base 0
    block.writeByte(0xc0 | 15); // indexed, static 15 = :method CONNECT
    block.writeByte(0xc0 | 23); // indexed, static 23 = :scheme https
    literal(block, 0, "127.0.0.1:" + wt.port()); // static 0 = :authority
    literal(block, 1, PATH); // static 1 = :path
    byte[] name = ":protocol".getBytes(StandardCharsets.US_ASCII);
    block.writeByte(0x20 | 7).writeByte(name.length - 7).writeBytes(name); // literal name
    byte[] value = WebTransportProtocol.PROTOCOL.getBytes(StandardCharsets.US_ASCII);
    block.writeByte(value.length).writeBytes(value);
    ByteBuf frame = Unpooled.buffer();
    WebTransportProtocol.writeVarint(frame, 0x01); // HEADERS
    WebTransportProtocol.writeVarint(frame, block.readableBytes());
    frame.writeBytes(block);
    block.release();
    String hex = ByteBufUtil.hexDump(frame);
    frame.release();
    return hex;
  }

  /** A literal field line with a static name reference (index below 16, value below 127). */
  private static void literal(ByteBuf out, int staticIndex, String value) {
    byte[] v = value.getBytes(StandardCharsets.US_ASCII);
    out.writeByte(0x50 | staticIndex).writeByte(v.length).writeBytes(v);
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }
}
