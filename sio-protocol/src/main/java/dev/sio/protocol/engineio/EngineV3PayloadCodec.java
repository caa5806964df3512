package dev.sio.protocol.engineio;

import dev.sio.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes and decodes an Engine.IO <b>v3</b> HTTP long-polling payload (engine.io-parser 2.x), in
 * its two forms.
 *
 * <ul>
 *   <li>Text: each packet's text form (see {@link EngineV3PacketCodec}) behind its length in UTF-16
 *       code units and a colon: {@code 6:4hello2:40}; an empty payload is {@code 0:}.
 *   <li>Binary ({@code application/octet-stream}, for clients that support binary): each record is
 *       a flag byte ({@code 0} text, {@code 1} binary), the length as one byte per decimal digit,
 *       the byte {@code 0xff}, then the bytes: UTF-8 of the text form, or the type byte {@code 4}
 *       and the data. {@code 00 06 ff 34 68 65 6c 6c 6f} is {@code 4hello}.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class EngineV3PayloadCodec {
  /** The text form of an empty payload. */
  public static final String EMPTY_TEXT = "0:";

  /** Most decimal digits a record length may have (more is a framing error). */
  static final int MAX_LENGTH_DIGITS = 10;

  private EngineV3PayloadCodec() {}

  /**
   * Appends one record {@code <length>:<packetText>} to {@code out}.
   *
   * @param packetText the packet as text
   * @param out where to write
   */
  public static void appendRecord(String packetText, StringBuilder out) {
    out.append(packetText.length()).append(':').append(packetText);
  }

  /**
   * {@return the text payload of {@code packets} (binary messages as {@code b4<base64>})}
   *
   * @param packets the packets
   */
  public static String encodeText(List<EnginePacket> packets) {
    if (packets.isEmpty()) {
      return EMPTY_TEXT;
    }
    StringBuilder out = new StringBuilder();
    for (EnginePacket p : packets) {
      appendRecord(EngineV3PacketCodec.encodeText(p), out);
    }
    return out.toString();
  }

  /** Collects the records of a binary payload. Not thread-safe. */
  public static final class BinaryWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /**
     * Adds a text record: the text form of a packet, as UTF-8.
     *
     * @param packetText the packet as text
     * @return this binary writer
     */
    public BinaryWriter text(String packetText) {
      byte[] bytes = packetText.getBytes(StandardCharsets.UTF_8);
      header(0, bytes.length);
      out.writeBytes(bytes);
      return this;
    }

    /**
     * Adds a binary message record: type byte {@code 4} and {@code data}.
     *
     * @param data the data
     * @return this binary writer
     */
    public BinaryWriter binary(byte[] data) {
      header(1, data.length + 1);
      out.write(EnginePacketType.MESSAGE.code() - '0');
      out.writeBytes(data);
      return this;
    }

    private void header(int flag, int length) {
      out.write(flag);
      String digits = Integer.toString(length);
      for (int i = 0; i < digits.length(); i++) {
        out.write(digits.charAt(i) - '0');
      }
      out.write(0xff);
    }

    /** {@return the payload so far} */
    public byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  /**
   * {@return the binary payload of {@code packets}}
   *
   * @param packets the packets
   */
  public static byte[] encodeBinary(List<EnginePacket> packets) {
    BinaryWriter w = new BinaryWriter();
    for (EnginePacket p : packets) {
      if (p.isBinary()) {
        w.binary(p.binary());
      } else {
        w.text(EnginePacketCodec.encodeText(p));
      }
    }
    return w.toByteArray();
  }

  /**
   * Decodes a text payload, handing each packet to {@code consumer} as soon as it is decoded (as
   * Node: packets before a malformed record are delivered). An empty record ({@code 0:}) is
   * skipped.
   *
   * @param payload the payload
   * @param consumer the consumer
   * @throws ProtocolException {@code "Empty payload"}, {@code "Invalid payload length"}, {@code
   *     "Truncated payload"} or the packet's error
   */
  public static void decodeText(String payload, PollingPayloadCodec.PacketConsumer consumer)
      throws ProtocolException {
    int length = payload.length();
    if (length == 0) {
      throw new ProtocolException("Empty payload");
    }
    int i = 0;
    while (i < length) {
      int colon = i;
      long n = 0;
      while (colon < length && payload.charAt(colon) != ':') {
        char c = payload.charAt(colon);
        if (c < '0' || c > '9' || colon - i >= MAX_LENGTH_DIGITS) {
          throw new ProtocolException("Invalid payload length");
        }
        n = n * 10 + (c - '0');
        colon++;
      }
      if (colon == i || colon == length) {
        throw new ProtocolException("Invalid payload length");
      }
      int start = colon + 1;
      if (n > length - start) {
        throw new ProtocolException("Truncated payload");
      }
      int end = start + (int) n;
      if (end > start && !consumer.accept(EngineV3PacketCodec.decodeText(payload, start, end))) {
        return;
      }
      i = end;
    }
  }

  /**
   * Decodes a binary payload, handing each packet to {@code consumer} in order.
   *
   * @param payload the payload
   * @param consumer the consumer
   * @throws ProtocolException {@code "Empty payload"}, {@code "Invalid payload length"}, {@code
   *     "Truncated payload"}, {@code "Invalid UTF-8 in payload"} or the packet's error
   */
  public static void decodeBinary(byte[] payload, PollingPayloadCodec.PacketConsumer consumer)
      throws ProtocolException {
    int length = payload.length;
    if (length == 0) {
      throw new ProtocolException("Empty payload");
    }
    int i = 0;
    while (i < length) {
      int flag = payload[i] & 0xff;
      int p = i + 1;
      long n = 0;
      while (p < length && (payload[p] & 0xff) != 0xff) {
        int digit = payload[p] & 0xff;
        if (digit > 9 || p - i > MAX_LENGTH_DIGITS) {
          throw new ProtocolException("Invalid payload length");
        }
        n = n * 10 + digit;
        p++;
      }
      if (p == i + 1 || p == length) {
        throw new ProtocolException("Invalid payload length");
      }
      int start = p + 1;
      if (n > length - start) {
        throw new ProtocolException("Truncated payload");
      }
      int end = start + (int) n;
      EnginePacket packet;
      if (flag == 0) {
        packet = EngineV3PacketCodec.decodeText(utf8(payload, start, end));
      } else {
        packet = EngineV3PacketCodec.decodeBinary(payload, start, end);
      }
      if (!consumer.accept(packet)) {
        return;
      }
      i = end;
    }
  }

  private static String utf8(byte[] bytes, int start, int end) throws ProtocolException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, end - start))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolException("Invalid UTF-8 in payload", e);
    }
  }
}
