package dev.sio.protocol.engineio;

import dev.sio.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encodes and decodes one Engine.IO <b>v3</b> packet (engine.io-parser 2.x, used by Socket.IO v2
 * clients). The text form is the v4 one, except a binary message in text form: {@code
 * b<type><base64>}, e.g. {@code b4AQID}. A binary frame carries the type as its first byte: {@code
 * 0x04 0x01 0x02 0x03} is a binary message of three bytes.
 *
 * <p>Stateless and thread-safe.
 */
public final class EngineV3PacketCodec {
  private EngineV3PacketCodec() {}

  /**
   * {@return the text form: {@code <digit><data>}, or {@code b4<base64>} for a binary message}
   *
   * @param packet the packet
   */
  public static String encodeText(EnginePacket packet) {
    if (packet.isBinary()) {
      return base64Message(packet.binary());
    }
    return EnginePacketCodec.encodeText(packet);
  }

  /**
   * {@return {@code b4<base64 of data>}: a binary message for a client without binary support}
   *
   * @param data the data
   */
  public static String base64Message(byte[] data) {
    return "b" + EnginePacketType.MESSAGE.code() + Base64.getEncoder().encodeToString(data);
  }

  /**
   * {@return the binary form of a binary message: the type byte {@code 4}, then the data (a
   * WebSocket binary frame, or one binary record of a polling payload)}
   *
   * @param data the data
   */
  public static byte[] encodeBinary(byte[] data) {
    byte[] out = new byte[data.length + 1];
    out[0] = (byte) (EnginePacketType.MESSAGE.code() - '0');
    System.arraycopy(data, 0, out, 1, data.length);
    return out;
  }

  /**
   * Decodes the text form of one packet.
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
   * {@code end} (exclusive).
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
    if (text.charAt(start) != EnginePacketCodec.BINARY_PREFIX) {
      return EnginePacketCodec.decodeText(text, start, end);
    }
    if (end - start < 2) {
      throw new ProtocolException("Empty packet");
    }
    char c = text.charAt(start + 1);
    EnginePacketType type = EnginePacketType.fromCode(c);
    if (type == null) {
      throw new ProtocolException("Unknown packet type '" + c + "'");
    }
    byte[] data = EnginePacketCodec.decodeBase64(text.substring(start + 2, end));
    return withBinaryData(type, data);
  }

  /**
   * Decodes a binary form: the first byte is the type (0..6), the rest the data.
   *
   * @param frame the frame
   * @return the engine packet
   * @throws ProtocolException {@code "Empty packet"} or {@code "Unknown packet type 0xNN"}
   */
  public static EnginePacket decodeBinary(byte[] frame) throws ProtocolException {
    return decodeBinary(frame, 0, frame.length);
  }

  /**
   * Decodes the binary form found in {@code bytes} between {@code start} (inclusive) and {@code
   * end} (exclusive).
   *
   * @param bytes the bytes
   * @param start the first index
   * @param end the index after the last
   * @return the engine packet
   * @throws ProtocolException as {@link #decodeBinary(byte[])}
   */
  public static EnginePacket decodeBinary(byte[] bytes, int start, int end)
      throws ProtocolException {
    if (start >= end) {
      throw new ProtocolException("Empty packet");
    }
    int code = bytes[start] & 0xff;
    EnginePacketType type = code <= 6 ? EnginePacketType.fromCode('0' + code) : null;
    if (type == null) {
      throw new ProtocolException(String.format("Unknown packet type 0x%02x", code));
    }
    return withBinaryData(type, Arrays.copyOfRange(bytes, start + 1, end));
  }

  /** A message keeps its bytes; any other type carries them as UTF-8 text (Node keeps a Buffer). */
  private static EnginePacket withBinaryData(EnginePacketType type, byte[] data) {
    if (type == EnginePacketType.MESSAGE) {
      return EnginePacket.binary(data);
    }
    return EnginePacket.of(
        type, data.length == 0 ? null : new String(data, StandardCharsets.UTF_8));
  }
}
