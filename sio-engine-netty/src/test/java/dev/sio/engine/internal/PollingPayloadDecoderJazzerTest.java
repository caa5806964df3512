package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sio.engine.netty.internal.NettyRequestBody;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.PollingPayloadCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer target for {@link PollingPayloadDecoder}, differential against sio-protocol's {@link
 * PollingPayloadCodec}: the input is a POST body, read through the Netty binding's {@link
 * NettyRequestBody} over a buffer whose data starts past index 0. Both must deliver the same
 * packets and fail (or not) with the same message; the body buffer is neither released nor moved by
 * the decoder.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/sio/engine/internal/
 * PollingPayloadDecoderJazzerTestInputs/decode/}; {@code ./sio fuzz polling-body} fuzzes.
 */
class PollingPayloadDecoderJazzerTest {
  @FuzzTest(maxDuration = "2m")
  void decode(byte[] input) {
    List<EnginePacket> fromBytes = new ArrayList<>();
    String bytesError = null;
    ByteBuf body = Unpooled.directBuffer(input.length + 2);
    try {
      body.writeByte('x')
          .writeBytes(input)
          .writeByte('y')
          .skipBytes(1)
          .writerIndex(1 + input.length);
      try {
        PollingPayloadDecoder.decode(new NettyRequestBody(body), fromBytes::add);
      } catch (ProtocolException e) {
        bytesError = e.getMessage();
      }
      assertThat(body.readerIndex()).as("reader index untouched").isEqualTo(1);
      assertThat(body.refCnt()).as("the decoder does not release the body").isEqualTo(1);
    } finally {
      body.release();
    }

    List<EnginePacket> fromString = new ArrayList<>();
    String stringError = null;
    try {
      PollingPayloadCodec.decode(new String(input, StandardCharsets.UTF_8), fromString::add);
    } catch (ProtocolException e) {
      stringError = e.getMessage();
    }
    assertThat(fromBytes).as("the same packets as PollingPayloadCodec").isEqualTo(fromString);
    assertThat(bytesError).as("the same error as PollingPayloadCodec").isEqualTo(stringError);
  }
}
