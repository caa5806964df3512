package dev.sio.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.client.ClientProtocol;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketType;
import dev.sio.protocol.engineio.EngineV3PayloadCodec;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's Engine.IO framing per generation, checked against the codecs and byte vectors. */
class EngineFramingTest {
  private static final HexFormat HEX = HexFormat.of();

  private static List<EnginePacket> decode(EngineFraming framing, String type, byte[] body)
      throws ProtocolException {
    List<EnginePacket> out = new ArrayList<>();
    framing.decodePayload(
        type,
        Unpooled.wrappedBuffer(body),
        p -> {
          out.add(p);
          return true;
        });
    return out;
  }

  @Test
  void theProtocolPicksTheFramingAndTheEioParameter() {
    assertThat(EngineFraming.of(ClientProtocol.V2)).isSameAs(EngineFraming.V3);
    assertThat(EngineFraming.of(ClientProtocol.V4)).isSameAs(EngineFraming.V4);
    assertThat(EngineFraming.V3.eio())
        .isEqualTo("3")
        .isEqualTo(ClientProtocol.V2.engineIoVersion());
    assertThat(EngineFraming.V4.eio())
        .isEqualTo("4")
        .isEqualTo(ClientProtocol.V4.engineIoVersion());
  }

  @Test
  void v3TextPostsAreLengthPrefixedRecords() {
    HttpRequester.Body body =
        EngineFraming.V3.encodePayload(
            List.of(
                EnginePacket.message("0/chat?x=1,"), EnginePacket.PING, EnginePacket.message("é")));
    assertThat(body.contentType()).isEqualTo("text/plain;charset=UTF-8");
    assertThat(new String(body.bytes(), StandardCharsets.UTF_8))
        .isEqualTo("12:40/chat?x=1,1:22:4é");
  }

  @Test
  void v3PostsWithABinaryMessageAreBinaryPayloads() throws Exception {
    List<EnginePacket> packets =
        List.of(
            EnginePacket.message("51-[\"up\",{\"_placeholder\":true,\"num\":0}]"),
            EnginePacket.binary(new byte[] {1, 2, 3}));
    HttpRequester.Body body = EngineFraming.V3.encodePayload(packets);
    assertThat(body.contentType()).isEqualTo("application/octet-stream");
    byte[] bytes = body.bytes();
    // the last record: flag 1, length 4 as one digit, 0xff, type byte 4, the data
    assertThat(HEX.formatHex(bytes, bytes.length - 7, bytes.length)).isEqualTo("0104ff04010203");
    List<EnginePacket> back = new ArrayList<>();
    EngineV3PayloadCodec.decodeBinary(
        bytes,
        p -> {
          back.add(p);
          return true;
        });
    assertThat(back).isEqualTo(packets);
  }

  @Test
  void v3ResponsesAreDecodedByTheirContentType() throws Exception {
    String open =
        "0{\"sid\":\"abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":5000}";
    String text = open.length() + ":" + open + "2:40";
    assertThat(
            decode(
                EngineFraming.V3,
                "text/plain; charset=UTF-8",
                text.getBytes(StandardCharsets.UTF_8)))
        .containsExactly(EnginePacket.open(open.substring(1)), EnginePacket.message("0"));
    // "b4AQID": a binary message in base64, as a server sends it in a text payload
    assertThat(
            decode(
                EngineFraming.V3,
                "text/plain; charset=UTF-8",
                "6:b4AQID".getBytes(StandardCharsets.UTF_8)))
        .containsExactly(EnginePacket.binary(new byte[] {1, 2, 3}));
  }

  @Test
  void v3BinaryResponseVector() throws Exception {
    // engine.io-parser 2.x encodePayloadAsBinary([{message "0"}, {message <01 02 03>}])
    byte[] binary = HEX.parseHex("0002ff3430" + "0104ff04010203");
    assertThat(decode(EngineFraming.V3, "application/octet-stream; charset=UTF-8", binary))
        .containsExactly(EnginePacket.message("0"), EnginePacket.binary(new byte[] {1, 2, 3}));
  }

  @Test
  void malformedV3PayloadsFailWithTheCodecsMessage() {
    assertThatThrownBy(
            () -> decode(EngineFraming.V3, "text/plain", "5:4ab".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Truncated payload");
    assertThatThrownBy(
            () -> decode(EngineFraming.V3, "text/plain", "x:4ab".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("Invalid payload length");
    assertThatThrownBy(
            () -> decode(EngineFraming.V3, "application/octet-stream", HEX.parseHex("0009ff34")))
        .hasMessage("Truncated payload");
  }

  @Test
  void v3WebSocketBinaryFramesCarryTheTypeByte() throws Exception {
    assertThat(EngineFraming.V3.binaryFrame(new byte[] {1, 2, 3})).containsExactly(4, 1, 2, 3);
    assertThat(EngineFraming.V3.decodeBinary(new byte[] {4, 1, 2, 3}))
        .isEqualTo(EnginePacket.binary(new byte[] {1, 2, 3}));
    assertThat(EngineFraming.V3.decodeText("b4AQID"))
        .isEqualTo(EnginePacket.binary(new byte[] {1, 2, 3}));
    assertThat(EngineFraming.V3.decodeText("3probe")).isEqualTo(EnginePacket.PONG_PROBE);
    assertThat(EngineFraming.V3.textFrame(EnginePacket.PING_PROBE)).isEqualTo("2probe");
    assertThatThrownBy(() -> EngineFraming.V3.decodeBinary(new byte[] {9, 1}))
        .hasMessage("Unknown packet type 0x09");
  }

  @Test
  void v4FramingIsUnchanged() throws Exception {
    byte[] data = {1, 2, 3};
    assertThat(EngineFraming.V4.binaryFrame(data)).isSameAs(data);
    assertThat(EngineFraming.V4.decodeBinary(data)).isEqualTo(EnginePacket.binary(data));
    HttpRequester.Body body =
        EngineFraming.V4.encodePayload(
            List.of(EnginePacket.message("40"), EnginePacket.binary(data)));
    assertThat(body.contentType()).isEqualTo("text/plain;charset=UTF-8");
    assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("440\u001ebAQID");
    assertThat(
            decode(
                EngineFraming.V4, "text/plain", "440\u001ebAQID".getBytes(StandardCharsets.UTF_8)))
        .containsExactly(EnginePacket.message("40"), EnginePacket.binary(data));
    assertThat(
            decode(EngineFraming.V4, "text/plain", "2".getBytes(StandardCharsets.UTF_8))
                .get(0)
                .type())
        .isEqualTo(EnginePacketType.PING);
  }

  @Test
  void aV4ClientAnsweredByAV3ServerIsToldToUseV2() {
    String v3 =
        "96:0{\"sid\":\"x\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":5000}2:40";
    assertThatThrownBy(
            () -> decode(EngineFraming.V4, "text/plain", v3.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(
            "the server answered with an Engine.IO v3 payload: it is a Socket.IO 2.x server;"
                + " connect with ClientOptions.builder().protocol(ClientProtocol.V2)");
    assertThatThrownBy(
            () -> decode(EngineFraming.V4, "text/plain", "9x".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("Unknown packet type '9'");
  }
}
