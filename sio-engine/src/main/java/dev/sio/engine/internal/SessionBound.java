package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.protocol.engineio.EnginePacket;

/**
 * What one session may hold ({@code maxBufferedBytes}) and its share of the endpoint's {@link
 * BufferBudget}. The figure is the session's write buffer (counted here, by encoded size) plus its
 * connection's pending bytes ({@link dev.sio.engine.spi.MessageChannel#pendingBytes}; on Netty its
 * outbound buffer, a shared broadcast frame by its frame size). Written on the session's loop only;
 * {@link #bytes} may be read from any thread.
 */
final class SessionBound {
  /** Option names, as they appear in the close description and the log. */
  static final String SESSION_LIMIT = "maxBufferedBytes";

  static final String TOTAL_LIMIT = "maxTotalBufferedBytes";

  private final long limit;
  private final BufferBudget budget;
  // Session loop writes (single writer), any thread reads: bytes in the session's write buffer.
  private volatile long queued;
  private long reported; // session loop: the share reported to the budget

  SessionBound(long limit, BufferBudget budget) {
    this.limit = limit;
    this.budget = budget;
  }

  /** An item went into the write buffer. */
  void added(Object item) {
    queued = queued + sizeOf(item); // single writer: the session loop
  }

  /** The write buffer was handed to the transport. */
  void flushed() {
    queued = 0;
  }

  /** True when the write buffer holds enough to be worth a check. */
  boolean worthChecking() {
    return queued >= BufferBudget.STEP;
  }

  /** The session's figure: the write buffer plus what waits in {@code transport}. Any thread. */
  long bytes(EngineTransport transport) {
    return queued + (transport == null ? 0 : transport.pendingBytes());
  }

  /**
   * Checks {@code bytes} against the session's limit and the endpoint's budget; returns the name of
   * the limit exceeded, or {@code null}. Updates the session's share of the budget on the way.
   */
  String check(long bytes) {
    if (bytes > limit) {
      return SESSION_LIMIT;
    }
    long share = BufferBudget.share(reported, bytes);
    budget.move(reported, share);
    reported = share;
    return budget.mustShed(share) ? TOTAL_LIMIT : null;
  }

  /** The limit called {@code name}. */
  long limit(String name) {
    return SESSION_LIMIT.equals(name) ? limit : budget.limit();
  }

  /** The session closed: its buffer is dropped and its share returned. */
  void release() {
    budget.move(reported, 0);
    reported = 0;
    queued = 0;
  }

  /** The encoded size of a queued item (a polling payload's UTF-8 bytes). */
  static long sizeOf(Object item) {
    if (item instanceof EngineMessage m) {
      return PollingForms.of(m).pollingBytes();
    }
    EnginePacket p = (EnginePacket) item;
    if (p.isBinary()) {
      return 2 + (p.binary().length + 2) / 3 * 4L; // "b" and base64
    }
    String data = p.data();
    return 1 + (data == null ? 0 : Utf8.length(data));
  }
}
