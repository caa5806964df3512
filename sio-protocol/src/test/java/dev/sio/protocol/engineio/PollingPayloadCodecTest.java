package dev.sio.protocol.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PollingPayloadCodecTest {

  @Test
  void encodesOnePacket() {
    assertThat(PollingPayloadCodec.encode(List.of(EnginePacket.message("hello"))))
        .isEqualTo("4hello");
    assertThat(PollingPayloadCodec.encode(List.of(EnginePacket.PING))).isEqualTo("2");
  }

  @Test
  void joinsPacketsWithRecordSeparator() {
    assertThat(
            PollingPayloadCodec.encode(
                List.of(
                    EnginePacket.message("hello"), EnginePacket.binary(new byte[] {1, 2, 3, 4}))))
        .isEqualTo("4hello\u001ebAQIDBA==");
    assertThat(
            PollingPayloadCodec.encode(
                List.of(
                    EnginePacket.message("hello"),
                    EnginePacket.PING,
                    EnginePacket.message("world"))))
        .isEqualTo("4hello\u001e2\u001e4world");
    assertThat(PollingPayloadCodec.encode(List.of(EnginePacket.NOOP, EnginePacket.CLOSE)))
        .isEqualTo("6\u001e1");
  }

  @Test
  void encodesIntoABuilder() {
    StringBuilder out = new StringBuilder();
    PollingPayloadCodec.encode(List.of(EnginePacket.message("a"), EnginePacket.message("€")), out);
    assertThat(out.toString()).isEqualTo("4a\u001e4€");
  }

  @Test
  void decodesPayloads() throws ProtocolException {
    assertThat(PollingPayloadCodec.decode("4hello")).containsExactly(EnginePacket.message("hello"));
    assertThat(PollingPayloadCodec.decode("4hello\u001ebAQIDBA=="))
        .containsExactly(
            EnginePacket.message("hello"), EnginePacket.binary(new byte[] {1, 2, 3, 4}));
    assertThat(PollingPayloadCodec.decode("4hello\u001e2\u001e4world"))
        .containsExactly(
            EnginePacket.message("hello"), EnginePacket.PING, EnginePacket.message("world"));
    assertThat(PollingPayloadCodec.decode("3\u001e4\u001e1"))
        .containsExactly(EnginePacket.PONG, EnginePacket.message(""), EnginePacket.CLOSE);
  }

  @Test
  void roundTrips() throws ProtocolException {
    List<EnginePacket> packets =
        List.of(
            EnginePacket.message("héllo 😀"),
            EnginePacket.binary(new byte[] {0, (byte) 0xff, 7}),
            EnginePacket.PONG_PROBE,
            EnginePacket.UPGRADE);
    assertThat(PollingPayloadCodec.decode(PollingPayloadCodec.encode(packets)))
        .containsExactlyElementsOf(packets);
  }

  @Test
  void streamingDecodeStopsWhenConsumerSaysSo() throws ProtocolException {
    List<EnginePacket> seen = new ArrayList<>();
    PollingPayloadCodec.decode(
        "4a\u001e1\u001e4b",
        p -> {
          seen.add(p);
          return p.type() != EnginePacketType.CLOSE;
        });
    assertThat(seen).containsExactly(EnginePacket.message("a"), EnginePacket.CLOSE);
  }

  @Test
  void streamingDecodeDeliversPacketsBeforeAMalformedOne() {
    List<EnginePacket> seen = new ArrayList<>();
    assertThatThrownBy(
            () ->
                PollingPayloadCodec.decode(
                    "4a\u001exyz\u001e4b",
                    p -> {
                      seen.add(p);
                      return true;
                    }))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Unknown packet type 'x'");
    assertThat(seen).containsExactly(EnginePacket.message("a"));
  }

  @Test
  void rejectsMalformedPayloads() {
    assertThatThrownBy(() -> PollingPayloadCodec.decode(""))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Empty packet");
    assertThatThrownBy(() -> PollingPayloadCodec.decode("abc"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Unknown packet type 'a'");
    assertThatThrownBy(() -> PollingPayloadCodec.decode("4a\u001e"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Empty packet");
    assertThatThrownBy(() -> PollingPayloadCodec.decode("4a\u001e\u001e4b"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Empty packet");
    assertThatThrownBy(() -> PollingPayloadCodec.decode("4a\u001eb%%"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Invalid base64 in binary packet");
  }
}
