package dev.sio.engine.netty.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.internal.MessageAccess;
import dev.sio.engine.internal.PollingForms;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The finished, unmasked WebSocket frame of one {@link EngineMessage}, made once and shared by
 * every recipient: header and payload in one direct buffer that is freed by the garbage collector,
 * never released. A text message's payload is its polling text ({@code 4…}, {@link PollingForms});
 * a binary message's is its bytes. The Netty binding's half of a message's wire forms.
 */
final class FrameForms {
  private final ByteBuf frame; // unreleasable; each recipient writes a duplicate

  private FrameForms(ByteBuf frame) {
    this.frame = frame;
  }

  /** The frame of {@code message}, made on first use; racing threads make equal copies. */
  static FrameForms of(EngineMessage message) {
    MessageAccess.Accessor access = MessageAccess.get();
    Object cached = access.frameCache(message);
    if (cached instanceof FrameForms forms) {
      return forms;
    }
    FrameForms forms = create(message);
    access.frameCache(message, forms);
    return forms;
  }

  private static FrameForms create(EngineMessage message) {
    byte[] payload;
    int opcode;
    if (message.isBinary()) {
      payload = message.binary();
      opcode = 0x2;
    } else {
      payload = PollingForms.of(message).pollingText().getBytes(StandardCharsets.UTF_8);
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
    return new FrameForms(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
  }

  /** A duplicate of the finished WebSocket frame for one recipient (no copy). */
  ByteBuf frame() {
    return frame.duplicate();
  }

  /**
   * A copy of the finished WebSocket frame in a buffer of {@code alloc} (the caller releases it).
   */
  ByteBuf copyFrame(ByteBufAllocator alloc) {
    int length = frame.readableBytes();
    return alloc.directBuffer(length).writeBytes(frame, frame.readerIndex(), length);
  }
}
