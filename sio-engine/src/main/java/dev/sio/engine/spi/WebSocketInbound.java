package dev.sio.engine.spi;

/**
 * What a binding reports about one WebSocket connection to the session layer: whole messages, a
 * protocol error it has answered, writability changes and the end. Implemented by the session
 * layer; any thread may call it (it moves work to the session's {@link SessionExecutor} when
 * needed), one call at a time for one connection.
 */
public interface WebSocketInbound {
  /**
   * A whole text message arrived as UTF-8 bytes.
   *
   * @param utf8 an array holding the message; read during the call only (it may be reused after)
   * @param offset where the message starts
   * @param length its length in bytes
   */
  void onText(byte[] utf8, int offset, int length);

  /**
   * A whole text message arrived, already decoded.
   *
   * @param text the message
   */
  void onText(String text);

  /**
   * A whole binary message arrived.
   *
   * @param data the message, handed over
   */
  void onBinary(byte[] data);

  /**
   * The connection failed: a protocol violation the binding has already answered with a close code,
   * or an I/O error. The session closes with {@code "transport error"}.
   *
   * @param description what went wrong
   */
  void onProtocolError(String description);

  /** The connection crossed its high or low water mark ({@link MessageChannel#isWritable}). */
  void onWritabilityChanged();

  /** The connection ended. */
  void onClosed();
}
