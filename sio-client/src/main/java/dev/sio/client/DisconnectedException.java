package dev.sio.client;

/**
 * Completes the acknowledgement future of an emit when the socket disconnects before the answer
 * (message {@code "socket has been disconnected"}, as in the Node.js client).
 */
public final class DisconnectedException extends RuntimeException {
  /** The exception with the Node.js client's message. */
  public DisconnectedException() {
    super("socket has been disconnected");
  }
}
