package dev.sio.server;

import java.time.Duration;

/**
 * The flags of one broadcast, as socket.io-adapter's {@code BroadcastFlags}.
 *
 * @param isVolatile the packet may be dropped when the client is not ready (Node's {@code
 *     volatile}); volatile packets are never stored for connection state recovery
 * @param compress whether the transport may compress the packet (Node's default: true)
 * @param local only the sockets of this server receive it, never the cluster's others
 * @param timeout how long a broadcast with acknowledgements waits for the answers, or {@code null}
 * @param expectSingleResponse the caller wants one answer, not a list (used when a single remote
 *     socket is targeted; carried on the cluster wire as Node does)
 */
public record BroadcastFlags(
    boolean isVolatile,
    boolean compress,
    boolean local,
    Duration timeout,
    boolean expectSingleResponse) {

  /** No flag set: not volatile, compressed, cluster-wide, no timeout. */
  public static final BroadcastFlags NONE = new BroadcastFlags(false, true, false, null, false);

  /** {@return these flags with {@code volatile} set} */
  public BroadcastFlags withVolatile() {
    return new BroadcastFlags(true, compress, local, timeout, expectSingleResponse);
  }

  /**
   * {@return these flags with {@code compress} set to {@code value}}
   *
   * @param value these flags with {@code compress} set to {@code value}
   */
  public BroadcastFlags withCompress(boolean value) {
    return new BroadcastFlags(isVolatile, value, local, timeout, expectSingleResponse);
  }

  /** {@return these flags with {@code local} set} */
  public BroadcastFlags withLocal() {
    return new BroadcastFlags(isVolatile, compress, true, timeout, expectSingleResponse);
  }

  /**
   * {@return these flags with the acknowledgement timeout set}
   *
   * @param value these flags with the acknowledgement timeout set
   */
  public BroadcastFlags withTimeout(Duration value) {
    return new BroadcastFlags(isVolatile, compress, local, value, expectSingleResponse);
  }

  /** {@return these flags with {@code expectSingleResponse} set} */
  public BroadcastFlags withExpectSingleResponse() {
    return new BroadcastFlags(isVolatile, compress, local, timeout, true);
  }
}
