package dev.sio.protocol.engineio;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Engine.IO packet: a type and an optional payload, either text or (for messages only) binary.
 *
 * <p>Immutable when the binary array is not changed after creation (the array is not copied).
 */
public final class EnginePacket {
  /** {@code 1}. */
  public static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, null, null);

  /** {@code 2}. */
  public static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, null, null);

  /** {@code 3}. */
  public static final EnginePacket PONG = new EnginePacket(EnginePacketType.PONG, null, null);

  /** {@code 2probe}. */
  public static final EnginePacket PING_PROBE =
      new EnginePacket(EnginePacketType.PING, "probe", null);

  /** {@code 3probe}. */
  public static final EnginePacket PONG_PROBE =
      new EnginePacket(EnginePacketType.PONG, "probe", null);

  /** {@code 5}. */
  public static final EnginePacket UPGRADE = new EnginePacket(EnginePacketType.UPGRADE, null, null);

  /** {@code 6}. */
  public static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, null, null);

  private final EnginePacketType type;
  private final String data; // null when absent or binary
  private final byte[] binary; // null unless a binary message

  private EnginePacket(EnginePacketType type, String data, byte[] binary) {
    this.type = type;
    this.data = data;
    this.binary = binary;
  }

  /**
   * {@return a packet of {@code type} with an optional text payload}
   *
   * @param data the payload, or {@code null} for none
   * @param type the class to bind to (with Jackson)
   */
  public static EnginePacket of(EnginePacketType type, String data) {
    return new EnginePacket(Objects.requireNonNull(type, "type"), data, null);
  }

  /**
   * {@return the handshake answer {@code 0<json>}}
   *
   * @param json the JSON text
   */
  public static EnginePacket open(String json) {
    return new EnginePacket(EnginePacketType.OPEN, Objects.requireNonNull(json, "json"), null);
  }

  /**
   * {@return a text message {@code 4<text>}}
   *
   * @param text the text
   */
  public static EnginePacket message(String text) {
    return new EnginePacket(EnginePacketType.MESSAGE, Objects.requireNonNull(text, "text"), null);
  }

  /**
   * {@return a binary message; the array is kept, not copied}
   *
   * @param data the data
   */
  public static EnginePacket binary(byte[] data) {
    return new EnginePacket(EnginePacketType.MESSAGE, null, Objects.requireNonNull(data, "data"));
  }

  /** {@return the packet type} */
  public EnginePacketType type() {
    return type;
  }

  /** {@return the text payload, or {@code null} when there is none or the packet is binary} */
  public String data() {
    return data;
  }

  /** {@return the binary payload (not a copy), or {@code null} unless this is a binary message} */
  public byte[] binary() {
    return binary;
  }

  /** {@return true for a binary message} */
  public boolean isBinary() {
    return binary != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnginePacket p
        && type == p.type
        && Objects.equals(data, p.data)
        && Arrays.equals(binary, p.binary);
  }

  @Override
  public int hashCode() {
    return (type.hashCode() * 31 + Objects.hashCode(data)) * 31 + Arrays.hashCode(binary);
  }

  @Override
  public String toString() {
    if (binary != null) {
      return "EnginePacket[" + type + ", " + binary.length + " bytes binary]";
    }
    if (data == null) {
      return "EnginePacket[" + type + "]";
    }
    int bytes = data.getBytes(StandardCharsets.UTF_8).length;
    return "EnginePacket["
        + type
        + ", "
        + (bytes <= 64 ? "\"" + data + "\"" : bytes + " bytes")
        + "]";
  }
}
