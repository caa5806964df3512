package dev.sio.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection state recovery (Node's {@code connectionStateRecovery}): a client that reconnects
 * within {@code maxDisconnectionDuration} gets its socket id, rooms and {@code data} back, and the
 * events it missed.
 *
 * @param maxDisconnectionDuration how long a disconnected session is kept (Node: 2 minutes)
 * @param skipMiddlewares whether a recovered socket skips the connection middlewares (Node: true)
 */
public record RecoveryOptions(Duration maxDisconnectionDuration, boolean skipMiddlewares) {
  /**
   * Checks the duration.
   *
   * @param maxDisconnectionDuration the max disconnection duration
   * @param skipMiddlewares the skip middlewares
   * @throws IllegalArgumentException when it is not positive
   */
  public RecoveryOptions {
    Objects.requireNonNull(maxDisconnectionDuration, "maxDisconnectionDuration");
    if (maxDisconnectionDuration.isNegative() || maxDisconnectionDuration.isZero()) {
      throw new IllegalArgumentException(
          "maxDisconnectionDuration must be positive, got " + maxDisconnectionDuration);
    }
  }

  /**
   * Node's defaults: 2 minutes, middlewares skipped.
   *
   * @return the new recovery options
   */
  public static RecoveryOptions defaults() {
    return new RecoveryOptions(Duration.ofMinutes(2), true);
  }
}
