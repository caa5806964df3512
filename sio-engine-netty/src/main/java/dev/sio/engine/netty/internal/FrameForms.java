package dev.sio.engine.netty.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.internal.MessageAccess;
import dev.sio.engine.internal.PollingForms;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
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

  /**
   * {@code frame} as the finished, unmasked frame a server sends, as Netty's {@code
   * WebSocket13FrameEncoder} writes it (FIN, RSV bits, opcode, the shortest length form, the
   * payload); {@code frame} is consumed. For a connection whose frame encoder has left its pipeline
   * ({@link WebSocketFrameHandler}). A control frame over 125 bytes fails as there.
   */
  static ByteBuf encode(ByteBufAllocator alloc, WebSocketFrame frame) {
    int opcode = opcode(frame);
    ByteBuf content = frame.content();
    int length = content.readableBytes();
    if (opcode >= 0x8 && length > 125) {
      frame.release();
      throw new TooLongFrameException(
          "invalid payload for "
              + frame.getClass().getSimpleName()
              + " (payload length must be <= 125, was "
              + length
              + ")");
    }
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    boolean copy = length <= COPY_MAX;
    ByteBuf out = alloc.buffer(header + (copy ? length : 0));
    out.writeByte((frame.isFinalFragment() ? 0x80 : 0) | (frame.rsv() & 0x7) << 4 | opcode);
    if (length < 126) {
      out.writeByte(length);
    } else if (length <= 0xFFFF) {
      out.writeByte(126).writeShort(length);
    } else {
      out.writeByte(127).writeLong(length);
    }
    if (copy) {
      out.writeBytes(content, content.readerIndex(), length);
      frame.release();
      return out;
    }
    return alloc.compositeBuffer(2).addComponents(true, out, content); // the payload moves over
  }

  // Payloads up to this size are copied behind the header; larger ones follow it uncopied.
  private static final int COPY_MAX = 1024;

  private static int opcode(WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame) {
      return 0x1;
    }
    if (frame instanceof BinaryWebSocketFrame) {
      return 0x2;
    }
    if (frame instanceof ContinuationWebSocketFrame) {
      return 0x0;
    }
    if (frame instanceof CloseWebSocketFrame) {
      return 0x8;
    }
    if (frame instanceof PingWebSocketFrame) {
      return 0x9;
    }
    if (frame instanceof PongWebSocketFrame) {
      return 0xA;
    }
    frame.release();
    throw new IllegalArgumentException("unknown WebSocket frame " + frame.getClass().getName());
  }
}
