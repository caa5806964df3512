package dev.sio.engine.spi;

/**
 * What the core says about a POST body before the binding reads it ({@link EnginePort#admitBody}):
 * read it, holding the session's one data request until {@link #release()}; or refuse it with
 * {@link #refusalStatus()} and {@link #refusalHeaders()} and end the connection. An admitted body
 * of an open session is the session itself (no object per POST).
 *
 * <p>Thread: the binding's reading thread, one request at a time.
 */
public interface BodyAdmission {
  /** Admitted, for no open session: nothing to hold, nobody to close. */
  BodyAdmission NO_SESSION = new BodyAdmission() {};

  /**
   * {@return {@code 0} when the body may be read; else the status to answer (Node: {@code 413} for
   * a body over {@code maxHttpBufferSize}, {@code 400} for "data request overlap from client"),
   * with {@code Connection: close}}
   */
  default int refusalStatus() {
    return 0;
  }

  /** {@return the refusal's headers (CORS), or {@code null} when admitted} */
  default ResponseHeaders refusalHeaders() {
    return null;
  }

  /** The body was read in full, or its request ended: the session may take its next POST. */
  default void release() {}

  /**
   * The body will not be delivered (too large, bad framing, a deadline, the client left): the
   * session the POST was for closes with {@code description} ({@code "payload too large"}, …).
   * Called after {@link #release()}; for a 413, once the refusal is written.
   */
  default void fail(String description) {}
}
