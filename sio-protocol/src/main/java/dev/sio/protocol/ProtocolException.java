package dev.sio.protocol;

/**
 * Thrown when bytes or text received from a peer do not form a valid Engine.IO or Socket.IO packet.
 * The message says exactly what was wrong; callers answer with the protocol's own error (HTTP 400,
 * a close, a CONNECT_ERROR) and never let it reach other connections.
 */
public final class ProtocolException extends Exception {
  /**
   * An error whose message says what was wrong.
   *
   * @param message the message
   */
  public ProtocolException(String message) {
    super(message);
  }

  /**
   * An error whose message says what was wrong, caused by {@code cause}.
   *
   * @param message the message
   * @param cause the cause
   */
  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
