package dev.sio.protocol.engineio;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes one Engine.IO packet as a frame of a WebTransport stream, byte for byte as
 * engine.io-parser 5.2.3's {@code createPacketEncoderStream} does; {@link EngineStreamDecoder}
 * reads them back.
 *
 * <pre>
 *  header (1, 3 or 9 bytes)                      payload
 * +-+-------------+-------------------------------+------------------------------------+
 * |B|  length 7   | length 16 or 64 (big-endian)  | text form as UTF-8, or raw binary  |
 * +-+-------------+-------------------------------+------------------------------------+
 *  B = 1: binary message (raw bytes, no type character); B = 0: text form ("4hello", "2", ...)
 *  length 7 &lt; 126: the payload length; 126: a uint16 follows; 127: a uint64 follows
 * </pre>
 *
 * <p>The encoder always writes the shortest header. Two of Node's choices are kept on purpose: an
 * empty binary message is written {@code 80} although every decoder (Node's and {@link
 * EngineStreamDecoder}) refuses a zero length, and a lone surrogate in text becomes U+FFFD ({@code
 * ef bf bd}), as {@code TextEncoder} writes it (not {@code ?}, as {@link String#getBytes} would).
 *
 * <p>It also holds the two text conversions of the framing, both as the WHATWG Encoding Standard
 * defines them (what {@code TextEncoder} and {@code TextDecoder} do in Node and browsers): {@link
 * #encodeUtf8} and {@link #decodeUtf8}.
 *
 * <p>Stateless and thread-safe.
 */
public final class EngineStreamCodec {
  /** Bit 7 of the first header byte: the payload is a binary message. */
  public static final int BINARY_FLAG = 0x80;

  /** The low 7 bits of the first header byte: a length, or one of the two markers below. */
  public static final int LENGTH_MASK = 0x7f;

  /** Length marker: a uint16 big-endian length follows (payloads of 126 to 65535 bytes). */
  public static final int LENGTH_16 = 126;

  /** Length marker: a uint64 big-endian length follows (payloads of 65536 bytes or more). */
  public static final int LENGTH_64 = 127;

  /** The longest header: the marker byte and a uint64. */
  public static final int MAX_HEADER_LENGTH = 9;

  /**
   * The largest high 32 bits of a uint64 length Node accepts: {@code 2^21 - 1}, so that the length
   * stays under JavaScript's {@code 2^53} (a larger one is a parse error whatever maxPayload is).
   */
  public static final long MAX_LENGTH_HIGH_WORD = (1L << 21) - 1;

  private static final byte[] REPLACEMENT = {(byte) 0xef, (byte) 0xbf, (byte) 0xbd}; // U+FFFD

  private EngineStreamCodec() {}

  /**
   * {@return the frame of {@code packet} in one array: header then payload}
   *
   * @param packet the packet
   */
  public static byte[] encode(EnginePacket packet) {
    byte[] payload = payload(packet);
    byte[] frame = new byte[headerLength(payload.length) + payload.length];
    int offset = writeHeader(payload.length, packet.isBinary(), frame, 0);
    System.arraycopy(payload, 0, frame, offset, payload.length);
    return frame;
  }

  /**
   * {@return the payload of {@code packet}: a binary message's own array (not a copy), else the
   * UTF-8 of its text form}
   *
   * @param packet the packet
   */
  public static byte[] payload(EnginePacket packet) {
    if (packet.isBinary()) {
      return packet.binary();
    }
    return encodeUtf8(EnginePacketCodec.encodeText(packet));
  }

  /**
   * {@return the header of a frame whose payload has {@code payloadLength} bytes}
   *
   * @param payloadLength the payload length, {@code >= 0}
   * @param binary whether the payload is a binary message
   */
  public static byte[] header(int payloadLength, boolean binary) {
    byte[] header = new byte[headerLength(payloadLength)];
    writeHeader(payloadLength, binary, header, 0);
    return header;
  }

  /**
   * {@return 1, 3 or 9: the header length for a payload of {@code payloadLength} bytes}
   *
   * @param payloadLength the payload length, {@code >= 0}
   */
  public static int headerLength(int payloadLength) {
    if (payloadLength < 0) {
      throw new IllegalArgumentException("payloadLength < 0: " + payloadLength);
    }
    return payloadLength < LENGTH_16 ? 1 : payloadLength < 65536 ? 3 : MAX_HEADER_LENGTH;
  }

  /**
   * Writes the header of a frame whose payload has {@code payloadLength} bytes.
   *
   * @param payloadLength the payload length, {@code >= 0}
   * @param binary whether the payload is a binary message
   * @param out where to write ({@link #headerLength} bytes from {@code offset})
   * @param offset the first index to write
   * @return the index after the header
   */
  public static int writeHeader(int payloadLength, boolean binary, byte[] out, int offset) {
    int flag = binary ? BINARY_FLAG : 0;
    int length = headerLength(payloadLength);
    if (length == 1) {
      out[offset] = (byte) (flag | payloadLength);
    } else if (length == 3) {
      out[offset] = (byte) (flag | LENGTH_16);
      out[offset + 1] = (byte) (payloadLength >>> 8);
      out[offset + 2] = (byte) payloadLength;
    } else {
      out[offset] = (byte) (flag | LENGTH_64);
      for (int i = 1; i <= 4; i++) {
        out[offset + i] = 0; // an int length: the high word is always 0
      }
      out[offset + 5] = (byte) (payloadLength >>> 24);
      out[offset + 6] = (byte) (payloadLength >>> 16);
      out[offset + 7] = (byte) (payloadLength >>> 8);
      out[offset + 8] = (byte) payloadLength;
    }
    return offset + length;
  }

  /**
   * {@return {@code text} in UTF-8 as {@code TextEncoder.encode} writes it: each lone surrogate
   * becomes U+FFFD}
   *
   * @param text the text
   */
  public static byte[] encodeUtf8(String text) {
    int lone = firstLoneSurrogate(text);
    if (lone < 0) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    byte[] out = new byte[text.length() * 3];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out[n++] = (byte) c;
      } else if (c < 0x800) {
        out[n++] = (byte) (0xc0 | c >> 6);
        out[n++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        out[n++] = (byte) (0xf0 | cp >> 18);
        out[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
        out[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
        out[n++] = (byte) (0x80 | cp & 0x3f);
      } else if (Character.isSurrogate(c)) {
        System.arraycopy(REPLACEMENT, 0, out, n, 3);
        n += 3;
      } else {
        out[n++] = (byte) (0xe0 | c >> 12);
        out[n++] = (byte) (0x80 | c >> 6 & 0x3f);
        out[n++] = (byte) (0x80 | c & 0x3f);
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * {@return {@code bytes} decoded as {@code new TextDecoder().decode(bytes)} does: each invalid
   * sequence becomes U+FFFD by the WHATWG Encoding rules (a maximal subpart per U+FFFD: {@code ed
   * a0 80} gives three, where {@link String#String(byte[], java.nio.charset.Charset)} gives one),
   * and one leading byte order mark U+FEFF is dropped}
   *
   * @param bytes the UTF-8 bytes
   */
  public static String decodeUtf8(byte[] bytes) {
    String text;
    if (isAscii(bytes)) {
      text = new String(bytes, StandardCharsets.ISO_8859_1);
    } else {
      try {
        text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        text = decodeUtf8WithReplacement(bytes);
      }
    }
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The UTF-8 decoder of the WHATWG Encoding Standard, §4.1 "utf-8 decoder", error mode replace.
   */
  private static String decodeUtf8WithReplacement(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    int needed = 0; // continuation bytes still needed
    int seen = 0; // continuation bytes seen
    int codePoint = 0;
    int lower = 0x80; // the range of the next continuation byte
    int upper = 0xbf;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (needed == 0) {
        if (b < 0x80) {
          out.append((char) b);
        } else if (b >= 0xc2 && b <= 0xdf) {
          needed = 1;
          codePoint = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          lower = b == 0xe0 ? 0xa0 : 0x80; // no overlong
          upper = b == 0xed ? 0x9f : 0xbf; // no surrogate
          needed = 2;
          codePoint = b & 0x0f;
        } else if (b >= 0xf0 && b <= 0xf4) {
          lower = b == 0xf0 ? 0x90 : 0x80; // no overlong
          upper = b == 0xf4 ? 0x8f : 0xbf; // nothing over U+10FFFF
          needed = 3;
          codePoint = b & 0x07;
        } else {
          out.append('\uFFFD');
        }
        continue;
      }
      if (b < lower || b > upper) {
        out.append('\uFFFD'); // the sequence so far is one error; the byte is read again
        needed = 0;
        seen = 0;
        codePoint = 0;
        lower = 0x80;
        upper = 0xbf;
        i--;
        continue;
      }
      lower = 0x80;
      upper = 0xbf;
      codePoint = codePoint << 6 | b & 0x3f;
      if (++seen == needed) {
        out.appendCodePoint(codePoint);
        needed = 0;
        seen = 0;
        codePoint = 0;
      }
    }
    if (needed != 0) {
      out.append('\uFFFD'); // cut short at the end
    }
    return out.toString();
  }

  private static int firstLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
