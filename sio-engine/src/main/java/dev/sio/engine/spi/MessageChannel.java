package dev.sio.engine.spi;

import dev.sio.engine.EngineMessage;

/**
 * One WebSocket connection as the session layer writes to it: frames out, flushes, writability,
 * pending bytes and the close. The session layer keeps the state and decides which frame a packet
 * becomes (Engine.IO v4 or v3); the binding turns that into bytes on its connection.
 *
 * <p>Every method is called on the session's {@link SessionExecutor}, except {@link #isWritable}
 * and {@link #pendingBytes}, which any thread may call. Implemented by a binding (Netty: the
 * connection's frame handler itself, so that an idle client costs no extra object), not by
 * applications.
 */
public interface MessageChannel {
  /**
   * Writes one text frame: the packet type character, then the UTF-8 bytes of {@code data}. Does
   * not flush.
   *
   * @param type the Engine.IO packet type character ({@code '4'} for a message)
   * @param data the packet's data, read during the call only; {@code null} or empty for none
   */
  void writeText(char type, CharSequence data);

  /**
   * Writes one binary frame. Does not flush.
   *
   * @param data the frame's payload, handed over: not changed afterwards by either side
   */
  void writeBinary(byte[] data);

  /**
   * Writes a prepared message as one frame ({@code 4…} text, or its bytes as binary); the binding
   * may reuse one encoding for every connection. Does not flush.
   *
   * @param message the message
   */
  void writeMessage(EngineMessage message);

  /**
   * {@return a form of {@code part} that every connection of this executor may write during one
   * broadcast pass ({@link #writeShared}), or {@code null} for none} Netty: a copy of the finished
   * frame in the connection's pooled allocator. The caller gives it back with {@link
   * #releaseShared}.
   *
   * @param part a message about to be written to several connections of this executor
   */
  default Object holdShared(EngineMessage part) {
    return null;
  }

  /**
   * Writes {@code part} as {@link #writeMessage} does, from {@code held}, a form {@link
   * #holdShared} made on any connection of this executor. Does not flush.
   *
   * @param part the message
   * @param held what {@link #holdShared} returned for it, not {@code null}
   */
  default void writeShared(EngineMessage part, Object held) {
    writeMessage(part);
  }

  /**
   * Gives back what {@link #holdShared} returned, once the broadcast pass is over.
   *
   * @param held the shared form
   */
  default void releaseShared(Object held) {}

  /** Flushes what was written; the binding may coalesce flushes (Netty: per read or task). */
  void flush();

  /** Flushes now, past any coalescing: once per connection at the end of a broadcast pass. */
  default void flushNow() {
    flush();
  }

  /** {@return true while the connection is open and below its high water mark} Any thread. */
  boolean isWritable();

  /** {@return the bytes written and not yet handed to the socket, 0 once closed} Any thread. */
  long pendingBytes();

  /**
   * Runs {@code task} on the session's executor once everything written so far has left for the
   * socket; never runs if the connection closes first (the heartbeat's read check).
   *
   * @param task the task
   */
  void whenWritten(Runnable task);

  /**
   * Sends a close frame and ends the connection once it is written; cuts the connection if that has
   * not happened within the endpoint's {@code closeTimeout}. Nothing written afterwards is sent.
   *
   * @param code the close code, or -1 for a close frame without one
   */
  void close(int code);

  /** Cuts the connection now (Netty: a TCP reset), dropping whatever waits in it. */
  void abort();

  /**
   * The session takes this channel's messages from now on (on the session's executor, once): a
   * binding that held bytes sent with the upgrade request (Netty's holding frame decoder: a probe
   * in the same write as the request) hands them in now. Default: nothing held.
   */
  default void startReading() {}
}
