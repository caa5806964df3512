package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.protocol.engineio.EngineV3PacketCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * The Engine.IO v3 wire forms of one {@link EngineMessage}, made once and shared by every v3
 * recipient of a broadcast, as {@link WireForms} is for v4. A text message has the v4 forms ({@code
 * 4…} is the same in both); a binary one differs: its WebSocket frame starts with the type byte
 * {@code 4}, its text form is {@code b4<base64>}. Cached beside the v4 forms of the message.
 */
final class WireFormsV3 {
  private final ByteBuf frame; // unreleasable; each recipient writes a duplicate
  private final String pollingText;

  private WireFormsV3(ByteBuf frame, String pollingText) {
    this.frame = frame;
    this.pollingText = pollingText;
  }

  /** The finished WebSocket frame for a v3 client that supports binary (a duplicate, no copy). */
  static ByteBuf frame(EngineMessage message) {
    WireForms v4 = WireForms.of(message);
    return message.isBinary() ? binaryForms(v4, message).frame.duplicate() : v4.frame();
  }

  /** The text form: {@code 4…}, or {@code b4<base64>} for a binary message. */
  static String pollingText(EngineMessage message) {
    WireForms v4 = WireForms.of(message);
    return message.isBinary() ? binaryForms(v4, message).pollingText : v4.pollingText();
  }

  private static WireFormsV3 binaryForms(WireForms v4, EngineMessage message) {
    Object cached = v4.v3;
    if (cached instanceof WireFormsV3 forms) {
      return forms;
    }
    WireFormsV3 forms = create(message.binary()); // racing threads make equal copies
    v4.v3 = forms;
    return forms;
  }

  private static WireFormsV3 create(byte[] data) {
    byte[] payload = EngineV3PacketCodec.encodeBinary(data);
    int length = payload.length;
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuffer direct = ByteBuffer.allocateDirect(header + length);
    direct.put((byte) 0x82); // FIN, binary
    if (length < 126) {
      direct.put((byte) length);
    } else if (length <= 0xFFFF) {
      direct.put((byte) 126).putShort((short) length);
    } else {
      direct.put((byte) 127).putLong(length);
    }
    direct.put(payload).flip();
    ByteBuf frame = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
    return new WireFormsV3(frame, EngineV3PacketCodec.base64Message(data));
  }
}
