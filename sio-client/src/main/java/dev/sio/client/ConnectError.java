package dev.sio.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Why a socket could not connect: either the server refused it (a middleware's error, with its
 * message and optional {@link #data()}), or the connection failed (the message is then the Node.js
 * client's: {@code "xhr poll error"}, {@code "websocket error"}, {@code "timeout"}, ... and the
 * cause holds the details).
 */
public final class ConnectError extends RuntimeException {
  private final transient JsonNode data;

  /**
   * An error with {@code message}, optional {@code data} and optional {@code cause}.
   *
   * @param message the message
   * @param data the data
   * @param cause the cause
   */
  public ConnectError(String message, JsonNode data, Throwable cause) {
    super(message, cause);
    this.data = data;
  }

  /** {@return the server's {@code data} of a refused connection, or null} */
  public JsonNode data() {
    return data;
  }
}
