package dev.sio.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * The timings of a {@link ClusterAdapter}, named as socket.io-adapter's {@code
 * ClusterAdapterOptions}.
 *
 * @param requestsTimeout how long a request (fetchSockets, serverSideEmitWithAck, a broadcast's
 *     acks) waits for the other nodes
 * @param heartbeatInterval how often a node that published nothing else says it is alive (heartbeat
 *     mode)
 * @param heartbeatTimeout after how long without a message a node seems down (heartbeat mode)
 */
public record ClusterSettings(
    Duration requestsTimeout, Duration heartbeatInterval, Duration heartbeatTimeout) {
  /**
   * Checks that every duration is set and positive.
   *
   * @param requestsTimeout how long a request waits for the other nodes
   * @param heartbeatInterval how often a node that published nothing else says it is alive
   * @param heartbeatTimeout after how long without a message a node seems down
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a duration is zero or negative
   */
  public ClusterSettings {
    check("requestsTimeout", requestsTimeout);
    check("heartbeatInterval", heartbeatInterval);
    check("heartbeatTimeout", heartbeatTimeout);
  }

  private static void check(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
