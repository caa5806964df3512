package dev.sio.engine.netty.internal;

import dev.sio.engine.spi.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * A {@link RequestBody} over the readable bytes of a POST body's buffer (the {@code
 * CompositeByteBuf} of its chunks): reads go to the buffer, nothing is copied, and the buffer's
 * indices never move. {@link #release()} releases the buffer once. Owned by whoever took it from
 * the exchange.
 */
public final class NettyRequestBody implements RequestBody {
  private final ByteBuf buf;
  private final int base; // the buffer's reader index when wrapped: index 0 of the body
  private final int length;
  private boolean released; // the owner's thread

  /** Wraps {@code buf}, whose readable bytes are the body. */
  public NettyRequestBody(ByteBuf buf) {
    this.buf = Objects.requireNonNull(buf, "buf");
    this.base = buf.readerIndex();
    this.length = buf.readableBytes();
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public byte byteAt(int index) {
    Objects.checkIndex(index, length);
    return buf.getByte(base + index);
  }

  @Override
  public int indexOf(int from, int to, byte value) {
    Objects.checkFromToIndex(from, to, length);
    int at = buf.indexOf(base + from, base + to, value);
    return at < 0 ? -1 : at - base;
  }

  @Override
  public String toString(int from, int length, Charset charset) {
    Objects.checkFromIndexSize(from, length, this.length);
    return buf.toString(base + from, length, charset);
  }

  @Override
  public byte[] toArray() {
    return ByteBufUtil.getBytes(buf, base, length);
  }

  @Override
  public void release() {
    if (!released) {
      released = true;
      buf.release();
    }
  }
}
