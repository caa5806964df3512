package dev.sio.engine;

/**
 * What the layer above Engine.IO (the Socket.IO server, the echo fixture, a user) is told about
 * sessions. This is the only way up out of {@code sio-engine}: no Socket.IO type is known here.
 *
 * <p>Every call for one session comes on that session's event loop thread ({@link
 * EngineSocket#executor()}), in order, and must not block. Each method does nothing by default, so
 * a handler overrides only what it needs.
 */
public interface EngineHandler {
  /**
   * A session finished its handshake.
   *
   * @param socket the socket
   */
  default void onOpen(EngineSocket socket) {}

  /**
   * A text message (Engine.IO packet type 4, text).
   *
   * @param socket the socket
   * @param text the text
   */
  default void onMessage(EngineSocket socket, String text) {}

  /**
   * A text message that arrived in a WebSocket frame, as its UTF-8 bytes {@code utf8[offset, offset
   * + length)} (checked to be valid UTF-8). The bytes are valid during the call only: the array is
   * reused for the next frame. The default decodes them and calls {@link #onMessage(EngineSocket,
   * String)}; a handler that can read the bytes saves that {@code String}.
   *
   * @param socket the socket
   * @param utf8 the UTF-8 bytes
   * @param offset the offset
   * @param length the length
   */
  default void onMessage(EngineSocket socket, byte[] utf8, int offset, int length) {
    onMessage(socket, new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * A binary message (Engine.IO packet type 4, binary). The array is the handler's to keep.
   *
   * @param socket the socket
   * @param data the data
   */
  default void onBinary(EngineSocket socket, byte[] data) {}

  /**
   * The session moved to {@code transport} ({@code "websocket"}) after an upgrade.
   *
   * @param socket the socket
   * @param transport the transport name
   */
  default void onUpgrade(EngineSocket socket, String transport) {}

  /**
   * The session is closed; called once.
   *
   * @param reason Node's name: {@code "transport close"}, {@code "transport error"}, {@code "ping
   *     timeout"}, {@code "parse error"}, {@code "forced close"}, {@code "server shutting down"}
   * @param description a detail for logs (an exception message), or {@code null}
   * @param socket the socket
   */
  default void onClose(EngineSocket socket, String reason, String description) {}
}
