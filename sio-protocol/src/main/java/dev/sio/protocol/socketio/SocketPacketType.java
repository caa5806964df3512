package dev.sio.protocol.socketio;

/** The seven Socket.IO v5 packet types, with their wire digit. */
public enum SocketPacketType {
  /** 0: joins a namespace (client) or accepts the join (server). */
  CONNECT,
  /** 1: leaves a namespace. */
  DISCONNECT,
  /** 2: an event with JSON arguments. */
  EVENT,
  /** 3: an acknowledgement with JSON arguments. */
  ACK,
  /** 4: the server refused the join. */
  CONNECT_ERROR,
  /** 5: an event with binary attachments. */
  BINARY_EVENT,
  /** 6: an acknowledgement with binary attachments. */
  BINARY_ACK;

  private static final SocketPacketType[] VALUES = values();

  /** {@return the digit that stands for this type on the wire ({@code 0} to {@code 6})} */
  public int code() {
    return ordinal();
  }

  /**
   * {@return the type of wire digit {@code code}, or {@code null} when there is none}
   *
   * @param code the wire digit
   */
  public static SocketPacketType of(int code) {
    return code >= 0 && code < VALUES.length ? VALUES[code] : null;
  }
}
