package dev.sio.client.internal;

/**
 * A transport failure, with the message the Node.js client uses ({@code "xhr poll error"}, {@code
 * "xhr post error"}, {@code "websocket error"}) and the underlying cause.
 */
public final class TransportException extends Exception {
  /** A failure named {@code reason}, caused by {@code cause} (may be null). */
  public TransportException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
