package dev.sio.protocol.engineio;

/** The seven Engine.IO v4 packet types, each with its one-character wire code. */
public enum EnginePacketType {
  /** {@code 0}: the server's handshake answer, with a JSON payload. */
  OPEN('0'),
  /** {@code 1}: asks the other side to close the transport. */
  CLOSE('1'),
  /** {@code 2}: heartbeat request (server to client), or {@code 2probe} during an upgrade. */
  PING('2'),
  /** {@code 3}: heartbeat answer, or {@code 3probe} during an upgrade. */
  PONG('3'),
  /** {@code 4}: a message for the layer above (text, or binary without a type character). */
  MESSAGE('4'),
  /** {@code 5}: completes an upgrade to WebSocket. */
  UPGRADE('5'),
  /** {@code 6}: does nothing; ends a pending long-polling GET during an upgrade. */
  NOOP('6');

  private static final EnginePacketType[] BY_CODE = values();

  private final char code;

  EnginePacketType(char code) {
    this.code = code;
  }

  /** {@return the wire character ({@code '0'}..{@code '6'})} */
  public char code() {
    return code;
  }

  /**
   * {@return the type whose wire character is {@code c} (a char or a byte of UTF-8), or {@code
   * null} when {@code c} is not {@code '0'}..{@code '6'}}
   *
   * @param c the wire character
   */
  public static EnginePacketType fromCode(int c) {
    int index = c - '0';
    return index >= 0 && index < BY_CODE.length ? BY_CODE[index] : null;
  }
}
