package dev.sio.webtransport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the capsules (RFC 9297) that arrive in the DATA frames of a WebTransport session's CONNECT
 * stream, split anywhere: reports {@code CLOSE_WEBTRANSPORT_SESSION} and {@code
 * DRAIN_WEBTRANSPORT_SESSION}, skips every other type (Chromium sends a GREASE capsule with an
 * 8-byte type first on every session). Holds at most one capsule's header and value, bounded by
 * {@link WebTransportProtocol#MAX_CAPSULE_LENGTH} for the types it reads; skipped values are not
 * kept. One parser per stream, used on its loop.
 */
final class CapsuleParser {
  /** What the parser found. */
  interface Listener {
    /** The peer closed the session with {@code code} and {@code reason}. */
    void onClose(long code, String reason);

    /** The peer asked for a drain. */
    default void onDrain() {}
  }

  private final CompositeByteBuf buffer;
  private long skipping; // bytes of a skipped capsule's value still to come
  private String failure; // once failed, null before

  CapsuleParser(ByteBufAllocator alloc) {
    this.buffer = alloc.compositeBuffer();
  }

  /**
   * Reads {@code data} (released here).
   *
   * @return null, or the reason the stream is malformed (a capsule too long to read)
   */
  String read(ByteBuf data, Listener listener) {
    if (failure != null) {
      data.release();
      return failure;
    }
    buffer.addComponent(true, data);
    while (buffer.isReadable()) {
      if (skipping > 0) {
        int n = (int) Math.min(skipping, buffer.readableBytes());
        buffer.skipBytes(n);
        skipping -= n;
        continue;
      }
      int start = buffer.readerIndex();
      int typeLength = WebTransportProtocol.varintLength(buffer.getByte(start));
      if (buffer.readableBytes() < typeLength + 1) {
        break;
      }
      int lengthLength = WebTransportProtocol.varintLength(buffer.getByte(start + typeLength));
      if (buffer.readableBytes() < typeLength + lengthLength) {
        break;
      }
      long type = WebTransportProtocol.readVarint(buffer);
      long length = WebTransportProtocol.readVarint(buffer);
      boolean known =
          type == WebTransportProtocol.CLOSE_WEBTRANSPORT_SESSION
              || type == WebTransportProtocol.DRAIN_WEBTRANSPORT_SESSION;
      if (!known) {
        skipping = length;
        continue;
      }
      if (length > WebTransportProtocol.MAX_CAPSULE_LENGTH) {
        failure = "capsule 0x" + Long.toHexString(type) + " of " + length + " bytes";
        buffer.clear();
        return failure;
      }
      if (buffer.readableBytes() < length) {
        buffer.readerIndex(start); // wait for the whole value
        break;
      }
      if (type == WebTransportProtocol.DRAIN_WEBTRANSPORT_SESSION) {
        buffer.skipBytes((int) length);
        listener.onDrain();
      } else {
        if (length < 4) { // no room for the code: a close all the same
          buffer.skipBytes((int) length);
          listener.onClose(0, "");
        } else {
          long code = buffer.readUnsignedInt();
          int reasonLength = (int) length - 4;
          listener.onClose(
              code, buffer.readCharSequence(reasonLength, StandardCharsets.UTF_8).toString());
        }
      }
    }
    buffer.discardReadComponents();
    return null;
  }

  /** Frees what is held. */
  void release() {
    buffer.release();
  }
}
