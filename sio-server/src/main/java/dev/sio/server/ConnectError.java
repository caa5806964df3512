package dev.sio.server;

/**
 * An error a connection middleware rejects with; the client receives {@code {"message", "data"}} in
 * its CONNECT_ERROR packet, as Node's {@code err.data}.
 */
public class ConnectError extends Exception {
  private final transient Object data;

  /**
   * An error with a message and no data.
   *
   * @param message the message
   */
  public ConnectError(String message) {
    this(message, null);
  }

  /**
   * @param message the {@code message} the client sees
   * @param data extra details for the client (serialised with Jackson), or {@code null}
   */
  public ConnectError(String message, Object data) {
    super(message);
    this.data = data;
  }

  /** {@return the extra details, or {@code null}} */
  public Object data() {
    return data;
  }
}
