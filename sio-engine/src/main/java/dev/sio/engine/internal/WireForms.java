package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The wire forms of one {@link EngineMessage}, made once and shared by every recipient: the
 * finished, unmasked WebSocket frame (header and payload in one direct buffer that is freed by the
 * garbage collector, never released) and the text form for polling payloads.
 */
public final class WireForms {
  private final ByteBuf frame; // unreleasable; each recipient writes a duplicate
  private final String pollingText;
  // The Engine.IO v3 forms of a binary message (WireFormsV3), made on first use; any loop.
  volatile Object v3;

  private WireForms(ByteBuf frame, String pollingText) {
    this.frame = frame;
    this.pollingText = pollingText;
  }

  /** The forms of {@code message}, made on first use; racing threads make equal copies. */
  public static WireForms of(EngineMessage message) {
    MessageAccess.Accessor access = MessageAccess.get();
    Object cached = access.cache(message);
    if (cached instanceof WireForms forms) {
      return forms;
    }
    WireForms forms = create(message);
    access.cache(message, forms);
    return forms;
  }

  private static WireForms create(EngineMessage message) {
    byte[] payload;
    int opcode;
    String pollingText;
    if (message.isBinary()) {
      payload = message.binary();
      opcode = 0x2;
      pollingText = EnginePacketCodec.encodeText(EnginePacket.binary(payload));
    } else {
      pollingText = EnginePacketCodec.encodeText(EnginePacket.message(message.text()));
      payload = pollingText.getBytes(StandardCharsets.UTF_8);
      opcode = 0x1;
    }
    int length = payload.length;
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuffer direct = ByteBuffer.allocateDirect(header + length);
    direct.put((byte) (0x80 | opcode));
    if (length < 126) {
      direct.put((byte) length);
    } else if (length <= 0xFFFF) {
      direct.put((byte) 126).putShort((short) length);
    } else {
      direct.put((byte) 127).putLong(length);
    }
    direct.put(payload).flip();
    return new WireForms(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)), pollingText);
  }

  /** A duplicate of the finished WebSocket frame for one recipient (no copy). */
  public ByteBuf frame() {
    return frame.duplicate();
  }

  /**
   * A copy of the finished WebSocket frame in a buffer of {@code alloc} (the caller releases it).
   */
  public ByteBuf copyFrame(ByteBufAllocator alloc) {
    int length = frame.readableBytes();
    return alloc.directBuffer(length).writeBytes(frame, frame.readerIndex(), length);
  }

  /** The text form in a polling payload ({@code 4…} or {@code b…}). */
  public String pollingText() {
    return pollingText;
  }
}
