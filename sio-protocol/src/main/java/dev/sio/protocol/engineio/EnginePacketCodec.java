package dev.sio.protocol.engineio;

import dev.sio.protocol.ProtocolException;
import java.util.Base64;

/**
 * Encodes and decodes one Engine.IO v4 packet.
 *
 * <ul>
 *   <li>Text form: {@code <type digit><data>}, e.g. {@code 4hello}; a binary message becomes {@code
 *       b<base64>}. This is a WebSocket text frame, or one record of a polling payload.
 *   <li>Binary form: a WebSocket binary frame carries the raw bytes of a binary message, with no
 *       type character.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class EnginePacketCodec {
  /** Prefix of a base64-encoded binary message in text form. */
  public static final char BINARY_PREFIX = 'b';

  private EnginePacketCodec() {}

  /**
   * {@return the text form of {@code packet}: {@code <digit><data>}, or {@code b<base64>} for a
   * binary message}
   *
   * @param packet the packet
   */
  public static String encodeText(EnginePacket packet) {
    if (packet.isBinary()) {
      return BINARY_PREFIX + Base64.getEncoder().encodeToString(packet.binary());
    }
    String data = packet.data();
    if (data == null) {
      return String.valueOf(packet.type().code());
    }
    return new StringBuilder(data.length() + 1)
        .append(packet.type().code())
        .append(data)
        .toString();
  }

  /**
   * Appends the text form of {@code packet} to {@code out}.
   *
   * @param packet the packet
   * @param out where to write
   */
  public static void appendText(EnginePacket packet, StringBuilder out) {
    if (packet.isBinary()) {
      out.append(BINARY_PREFIX).append(Base64.getEncoder().encodeToString(packet.binary()));
      return;
    }
    out.append(packet.type().code());
    if (packet.data() != null) {
      out.append(packet.data());
    }
  }

  /**
   * Decodes the text form of one packet (a WebSocket text frame or one polling record).
   *
   * @param text the text
   * @return the engine packet
   * @throws ProtocolException {@code "Empty packet"}, {@code "Unknown packet type 'x'"} or {@code
   *     "Invalid base64 in binary packet"}
   */
  public static EnginePacket decodeText(String text) throws ProtocolException {
    return decodeText(text, 0, text.length());
  }

  /**
   * Decodes the text form of one packet found in {@code text} between {@code start} (inclusive) and
   * {@code end} (exclusive); the payload is copied once, by {@link String#substring}.
   *
   * @param text the text
   * @param start the first index
   * @param end the index after the last
   * @return the engine packet
   * @throws ProtocolException as {@link #decodeText(String)}
   */
  public static EnginePacket decodeText(String text, int start, int end) throws ProtocolException {
    if (start >= end) {
      throw new ProtocolException("Empty packet");
    }
    char c = text.charAt(start);
    if (c == BINARY_PREFIX) {
      return EnginePacket.binary(decodeBase64(text.substring(start + 1, end)));
    }
    EnginePacketType type = EnginePacketType.fromCode(c);
    if (type == null) {
      throw new ProtocolException("Unknown packet type '" + c + "'");
    }
    if (end - start == 1) {
      return switch (type) {
        case CLOSE -> EnginePacket.CLOSE;
        case PING -> EnginePacket.PING;
        case PONG -> EnginePacket.PONG;
        case UPGRADE -> EnginePacket.UPGRADE;
        case NOOP -> EnginePacket.NOOP;
        case MESSAGE -> EnginePacket.message("");
        default -> EnginePacket.of(type, null);
      };
    }
    return EnginePacket.of(type, text.substring(start + 1, end));
  }

  /**
   * Decodes a WebSocket binary frame: always a binary message. The array is kept, not copied.
   *
   * @param frame the frame
   * @return the engine packet
   */
  public static EnginePacket decodeBinary(byte[] frame) {
    return EnginePacket.binary(frame);
  }

  /**
   * Decodes standard or url-safe base64, padded or not, as Node's {@code Buffer.from(s, "base64")}
   * accepts both.
   *
   * @param base64 the base64
   * @return the bytes
   * @throws ProtocolException {@code "Invalid base64 in binary packet"}
   */
  public static byte[] decodeBase64(String base64) throws ProtocolException {
    try {
      if (base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0) {
        return Base64.getUrlDecoder().decode(base64);
      }
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("Invalid base64 in binary packet", e);
    }
  }
}
