package dev.sio.protocol.socketio;

/** The seven Socket.IO v5 packet types, with their wire digit. */
public enum SocketPacketType {
  CONNECT,
  DISCONNECT,
  EVENT,
  ACK,
  CONNECT_ERROR,
  BINARY_EVENT,
  BINARY_ACK;

  private static final SocketPacketType[] VALUES = values();

  /** The digit that stands for this type on the wire ({@code 0} to {@code 6}). */
  public int code() {
    return ordinal();
  }

  /** The type of wire digit {@code code}, or {@code null} when there is none. */
  public static SocketPacketType of(int code) {
    return code >= 0 && code < VALUES.length ? VALUES[code] : null;
  }
}
