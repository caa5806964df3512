package dev.sio.engine.spi;

import dev.sio.protocol.engineio.EnginePacket;

/**
 * What a binding reports about the Engine.IO stream of one WebTransport session to the session
 * layer: the packets its {@code EngineStreamDecoder} read, a framing error, writability changes and
 * the end. Implemented by the session layer; any thread may call it (it moves work to the session's
 * {@link SessionExecutor} when needed), one call at a time for one stream.
 */
public interface WebTransportInbound {
  /**
   * A whole packet arrived on the stream.
   *
   * @param packet the packet, handed over
   */
  void onPacketRead(EnginePacket packet);

  /**
   * The stream's bytes are not Engine.IO frames (the decoder failed): the session closes with
   * {@code "parse error"}, as Node's does on its decoder's error packet.
   *
   * @param description what the decoder said
   */
  void onParseError(String description);

  /**
   * The stream failed (an I/O error): the session closes with {@code "transport error"}.
   *
   * @param description what went wrong
   */
  void onProtocolError(String description);

  /** The stream crossed its high or low water mark ({@link MessageChannel#isWritable}). */
  void onWritabilityChanged();

  /**
   * The WebTransport session ended: a close capsule, a FIN or a reset of the stream, or the QUIC
   * connection's end (Node: {@code session.closed}, {@code "transport close"}).
   */
  void onClosed();
}
