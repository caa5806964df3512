package dev.sio.client.internal;

/** What an {@link EngineSocket} reports to its owner (the manager), on the event thread. */
public interface EngineListener {
  /** The handshake is done. */
  void onOpen();

  /** A message arrived: a {@link String} or a {@code byte[]}. */
  void onMessage(Object data);

  /** The session moved to transport {@code name} after a successful probe. */
  default void onUpgrade(String name) {}

  /** The server pinged (the client has answered already); in Engine.IO v3, the client pinged. */
  void onPing();

  /** A failure; when the connection was open or opening, a close follows. */
  void onError(Exception error);

  /**
   * The connection is closed.
   *
   * @param reason {@code "transport close"}, {@code "transport error"}, {@code "ping timeout"} or
   *     {@code "forced close"}
   * @param cause the error or description behind it, or null
   */
  void onClose(String reason, Exception cause);
}
