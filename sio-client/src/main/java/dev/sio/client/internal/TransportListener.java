package dev.sio.client.internal;

import dev.sio.protocol.engineio.EnginePacket;

/** What a {@link Transport} reports to its owner, always on the event thread. */
interface TransportListener {
  /** Ignores everything: set on a transport that was dropped. */
  TransportListener NONE = new TransportListener() {};

  /** The transport is open (for polling: the first payload held the handshake). */
  default void onOpen() {}

  /** A packet arrived. */
  default void onPacket(EnginePacket packet) {}

  /** Everything passed to {@link Transport#send} is written. */
  default void onDrain() {}

  /** The transport failed; a close follows only when the owner closes it. */
  default void onError(TransportException error) {}

  /** The transport is closed. */
  default void onClose(String description) {}
}
