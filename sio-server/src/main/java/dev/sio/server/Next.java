package dev.sio.server;

/** How a middleware lets a connection or a packet through, or stops it. Call one method, once. */
public interface Next {
  /** Goes on to the next middleware (or the handlers). */
  void accept();

  /**
   * Stops here. For a connection middleware the client gets a CONNECT_ERROR packet {@code
   * {"message": error.getMessage(), "data": …}} ({@code data} from a {@link ConnectError}); for a
   * packet middleware the error goes to the socket's {@code onError} listeners.
   *
   * @param error the error
   */
  void reject(Exception error);
}
