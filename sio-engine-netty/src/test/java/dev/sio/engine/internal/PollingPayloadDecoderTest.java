package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.engine.netty.internal.NettyRequestBody;
import dev.sio.engine.spi.RequestBody;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.PollingPayloadCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PollingPayloadDecoderTest {
  private static List<EnginePacket> decode(ByteBuf body) throws ProtocolException {
    List<EnginePacket> out = new ArrayList<>();
    try {
      PollingPayloadDecoder.decode(new NettyRequestBody(body), out::add);
    } finally {
      body.release();
    }
    return out;
  }

  private static ByteBuf utf8(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  @Test
  void agreesWithTheStringCodec() throws ProtocolException {
    for (String payload :
        List.of(
            "4hello",
            "4hello\u001ebAQIDBA==",
            "4test1\u001e4test2\u001e4test3",
            "3\u001e4\u001e1\u001e6",
            "2probe\u001e4héllo 😀 世界",
            "b",
            "0{\"sid\":\"x\"}")) {
      assertThat(decode(utf8(payload))).as(payload).isEqualTo(PollingPayloadCodec.decode(payload));
    }
  }

  @Test
  void aByteArrayBodyDecodesAlike() throws ProtocolException {
    for (String payload : List.of("4hello\u001ebAQIDBA==", "2probe\u001e4héllo 😀 世界", "1")) {
      List<EnginePacket> out = new ArrayList<>();
      PollingPayloadDecoder.decode(
          RequestBody.of(payload.getBytes(StandardCharsets.UTF_8)), out::add);
      assertThat(out).as(payload).isEqualTo(PollingPayloadCodec.decode(payload));
    }
  }

  @Test
  void decodesAcrossTheChunksOfAComposite() throws ProtocolException {
    byte[] bytes = "4héllo\u001e4wörld".getBytes(StandardCharsets.UTF_8);
    CompositeByteBuf composite = Unpooled.compositeBuffer();
    for (byte b : bytes) {
      composite.addComponent(true, Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertThat(decode(composite))
        .containsExactly(EnginePacket.message("héllo"), EnginePacket.message("wörld"));
  }

  @Test
  void rejectsWhatTheStringCodecRejectsWithTheSameMessage() {
    for (String payload : List.of("", "abc", "4a\u001e", "4a\u001e\u001e4b", "4a\u001eb%%", "éx")) {
      String expected;
      try {
        PollingPayloadCodec.decode(payload);
        throw new AssertionError("the codec accepted " + payload);
      } catch (ProtocolException e) {
        expected = e.getMessage();
      }
      assertThatThrownBy(() -> decode(utf8(payload)))
          .as(payload)
          .isInstanceOf(ProtocolException.class)
          .hasMessage(expected);
    }
  }

  @Test
  void stopsWhenTheConsumerSaysSo() throws ProtocolException {
    List<EnginePacket> seen = new ArrayList<>();
    ByteBuf body = utf8("4a\u001e1\u001e4b");
    PollingPayloadDecoder.decode(
        new NettyRequestBody(body),
        p -> {
          seen.add(p);
          return !p.equals(EnginePacket.CLOSE);
        });
    body.release();
    assertThat(seen).containsExactly(EnginePacket.message("a"), EnginePacket.CLOSE);
  }
}
