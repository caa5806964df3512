package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6455 as {@code ws} 8 enforces it, on a real port with handcrafted frames: each violation is
 * answered with a close frame carrying exactly {@code ws}'s code and an empty reason, the
 * connection ends, the session closes with "transport error", and a bystander is unaffected.
 */
@Timeout(60)
class WebSocketProtocolTest {
  private static final int MAX = 1000;
  private static final long END_MILLIS = 5_000;

  private EngineTestServer server;
  private Bystander bystander;

  @BeforeEach
  void setUp() throws Exception {
    server = new EngineTestServer(EngineOptions.builder().maxHttpBufferSize(MAX).build(), true);
    bystander = new Bystander(server);
    expect(bystander.sid, "open");
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      bystander.stop();
      bystander.expectNothing(server.handler, 50);
    } finally {
      bystander.close();
      server.close();
    }
  }

  private void expect(String sid, String line) throws InterruptedException {
    assertThat(bystander.next(server.handler)).isEqualTo(sid + " " + line);
  }

  /** A raw WebSocket session that has read its open packet; returns it with its sid. */
  private RawWs session() throws Exception {
    RawWs ws = RawWs.open(server.listener.port(), "/engine.io/?EIO=4&transport=websocket");
    assertThat(ws.responseHead).startsWith("HTTP/1.1 101 ");
    String open = ws.read().text();
    assertThat(open).startsWith("0{\"sid\":\"");
    sid = open.substring(9, open.indexOf('"', 9));
    expect(sid, "open");
    return ws;
  }

  private String sid;

  /** The violation is answered with {@code code} and an empty reason; everything then ends. */
  private void assertClosedWith(RawWs ws, int code) throws Exception {
    assertThat(ws.readClose()).containsExactly(RawWs.closePayload(code));
    assertThat(ws.endsWithin(END_MILLIS)).as("connection ends").isTrue();
    expect(sid, "close transport error");
    ws.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 3, 7})
  void rsvBitsWithoutAnExtensionAre1002(int rsv) throws Exception {
    RawWs ws = session();
    ws.frame(true, rsv, 1, "4hi".getBytes(StandardCharsets.UTF_8), true);
    assertClosedWith(ws, 1002);
  }

  @Test
  void anUnmaskedClientFrameIs1002() throws Exception {
    RawWs ws = session();
    ws.frame(true, 0, 1, "4hi".getBytes(StandardCharsets.UTF_8), false);
    assertClosedWith(ws, 1002);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 40000, 65535})
  void invalidCloseCodesAre1002(int code) throws Exception {
    RawWs ws = session();
    ws.frame(8, RawWs.closePayload(code));
    assertClosedWith(ws, 1002);
  }

  @Test
  void aOneByteClosePayloadIs1002() throws Exception {
    RawWs ws = session();
    ws.frame(8, new byte[] {3});
    assertClosedWith(ws, 1002);
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 1001, 1003, 1007, 1014, 3000, 4999})
  void aValidCloseIsEchoed(int code) throws Exception {
    RawWs ws = session();
    byte[] payload = RawWs.closePayload(code, "bye".getBytes(StandardCharsets.UTF_8));
    ws.frame(8, payload);
    assertThat(ws.readClose()).containsExactly(payload);
    assertThat(ws.endsWithin(END_MILLIS)).isTrue();
    expect(sid, "close transport close");
  }

  @Test
  void aCloseReasonThatIsNotUtf8Is1007() throws Exception {
    RawWs ws = session();
    ws.frame(8, RawWs.closePayload(1000, (byte) 0xC3, (byte) 0x28));
    assertClosedWith(ws, 1007);
  }

  @Test
  void textThatIsNotUtf8Is1007() throws Exception {
    RawWs ws = session();
    ws.frame(1, new byte[] {'4', (byte) 0xFF, (byte) 0xFE});
    assertClosedWith(ws, 1007);
  }

  @Test
  void fragmentedTextThatIsNotUtf8Is1007() throws Exception {
    RawWs ws = session();
    ws.frame(false, 0, 1, new byte[] {'4', 'a'}, true);
    ws.frame(true, 0, 0, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, true); // surrogate
    assertClosedWith(ws, 1007);
  }

  @Test
  void aSingleFrameOverMaxPayloadIs1009WithAnEmptyReason() throws Exception {
    RawWs ws = session();
    ws.frame(1, ("4" + "x".repeat(MAX)).getBytes(StandardCharsets.UTF_8));
    assertClosedWith(ws, 1009);
  }

  @Test
  void aFragmentedMessageOverMaxPayloadIs1009WithAnEmptyReason() throws Exception {
    RawWs ws = session();
    ws.frame(false, 0, 1, ("4" + "x".repeat(599)).getBytes(StandardCharsets.UTF_8), true);
    ws.frame(true, 0, 0, "y".repeat(401).getBytes(StandardCharsets.UTF_8), true);
    assertClosedWith(ws, 1009);
  }

  @Test
  void aFragmentedMessageOfExactlyMaxPayloadIsDelivered() throws Exception {
    RawWs ws = session();
    ws.frame(false, 0, 1, ("4" + "x".repeat(599)).getBytes(StandardCharsets.UTF_8), true);
    ws.frame(true, 0, 0, "y".repeat(400).getBytes(StandardCharsets.UTF_8), true);
    expect(sid, "message " + "x".repeat(599) + "y".repeat(400));
    assertThat(ws.read().text()).isEqualTo("4" + "x".repeat(599) + "y".repeat(400));
    ws.close();
    expect(sid, "close transport close");
  }

  @Test
  void aMessageOfMoreThan16384FragmentsIs1008() throws Exception {
    RawWs ws = session();
    ws.frame(false, 0, 1, "4".getBytes(StandardCharsets.UTF_8), true);
    for (int i = 1; i < 16_384; i++) {
      ws.frame(false, 0, 0, new byte[0], true);
    }
    ws.frame(true, 0, 0, new byte[0], true); // fragment 16 385
    assertClosedWith(ws, 1008);
  }

  @Test
  void aMessageOf16384FragmentsIsDelivered() throws Exception {
    RawWs ws = session();
    ws.frame(false, 0, 1, "4".getBytes(StandardCharsets.UTF_8), true);
    for (int i = 1; i < 16_383; i++) {
      ws.frame(false, 0, 0, new byte[0], true);
    }
    ws.frame(true, 0, 0, "z".getBytes(StandardCharsets.UTF_8), true); // fragment 16 384
    expect(sid, "message z");
    assertThat(ws.read().text()).isEqualTo("4z");
    ws.close();
    expect(sid, "close transport close");
  }

  @Test
  void aControlFrameOver125BytesIs1002() throws Exception {
    RawWs ws = session();
    ws.frame(9, new byte[126]);
    assertClosedWith(ws, 1002);
  }

  @Test
  void aFragmentedControlFrameIs1002() throws Exception {
    RawWs ws = session();
    ws.frame(false, 0, 9, new byte[] {1}, true);
    assertClosedWith(ws, 1002);
  }

  @Test
  void aContinuationWithoutAStartIs1002() throws Exception {
    RawWs ws = session();
    ws.frame(true, 0, 0, "4hi".getBytes(StandardCharsets.UTF_8), true);
    assertClosedWith(ws, 1002);
  }

  @Test
  void aNewMessageInsideAFragmentedOneIs1002() throws Exception {
    RawWs ws = session();
    ws.frame(false, 0, 1, "4a".getBytes(StandardCharsets.UTF_8), true);
    ws.frame(true, 0, 1, "4b".getBytes(StandardCharsets.UTF_8), true);
    assertClosedWith(ws, 1002);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 7, 11, 15})
  void reservedOpcodesAre1002(int opcode) throws Exception {
    RawWs ws = session();
    ws.frame(opcode, new byte[0]);
    assertClosedWith(ws, 1002);
  }

  @Test
  void pingsBetweenFragmentsAreAnsweredAndTheMessageDelivered() throws Exception {
    RawWs ws = session();
    ws.frame(false, 0, 1, "4a".getBytes(StandardCharsets.UTF_8), true);
    ws.frame(9, "p".getBytes(StandardCharsets.UTF_8));
    ws.frame(true, 0, 0, "b".getBytes(StandardCharsets.UTF_8), true);
    RawWs.Frame pong = ws.read();
    assertThat(pong.opcode()).isEqualTo(10);
    assertThat(pong.text()).isEqualTo("p");
    expect(sid, "message ab");
    assertThat(ws.read().text()).isEqualTo("4ab");
    ws.close();
    expect(sid, "close transport close");
  }
}
