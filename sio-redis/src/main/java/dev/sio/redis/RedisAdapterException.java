package dev.sio.redis;

/**
 * A Redis operation of an adapter, emitter or factory failed: Redis could not be reached, refused
 * the command or did not answer in time. The message says which operation and why; the cause is the
 * Redis client's own exception, kept for logs (its type is not part of Sio's API).
 */
public class RedisAdapterException extends RuntimeException {
  /**
   * An exception with a message saying what failed, and the client's exception as the cause.
   *
   * @param message the message
   * @param cause the cause
   */
  public RedisAdapterException(String message, Throwable cause) {
    super(message, cause);
  }
}
