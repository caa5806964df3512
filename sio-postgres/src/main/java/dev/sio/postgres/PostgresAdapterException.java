package dev.sio.postgres;

/**
 * A PostgreSQL operation of an adapter or emitter failed: the database could not be reached,
 * refused the statement or did not answer in time. The message says which operation and why; the
 * cause is the driver's own exception, kept for logs.
 */
public class PostgresAdapterException extends RuntimeException {
  /**
   * An exception with a message saying what failed, and the driver's exception as the cause.
   *
   * @param message which operation failed and why
   * @param cause the driver's exception
   */
  public PostgresAdapterException(String message, Throwable cause) {
    super(message, cause);
  }
}
