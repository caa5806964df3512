package dev.sio.client;

/**
 * An emit whose encoded size exceeds the server's {@code maxPayload}: the server would close the
 * connection on it, so the client refuses to send it.
 */
public final class PayloadTooLargeException extends RuntimeException {
  /** The message's encoded size in bytes. */
  private final long size;

  /** The server's {@code maxPayload} in bytes. */
  private final long maxPayload;

  /**
   * {@code size} bytes against the server's limit of {@code maxPayload}.
   *
   * @param size the size
   * @param maxPayload the max payload
   */
  public PayloadTooLargeException(long size, long maxPayload) {
    super(
        "packet of "
            + size
            + " bytes exceeds the server's maxPayload of "
            + maxPayload
            + " bytes; it was not sent");
    this.size = size;
    this.maxPayload = maxPayload;
  }

  /** {@return the encoded size of the refused message, in bytes} */
  public long size() {
    return size;
  }

  /** {@return the server's limit, in bytes} */
  public long maxPayload() {
    return maxPayload;
  }
}
