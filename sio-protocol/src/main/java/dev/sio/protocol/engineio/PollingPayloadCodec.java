package dev.sio.protocol.engineio;

import dev.sio.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes an HTTP long-polling payload: packets in text form (see {@link
 * EnginePacketCodec}) joined by the record separator {@code \x1e}; binary messages as {@code
 * b<base64>}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PollingPayloadCodec {
  /** The record separator between packets of one payload. */
  public static final char SEPARATOR = '\u001e';

  private PollingPayloadCodec() {}

  /** Receives packets one by one while a payload is decoded. */
  @FunctionalInterface
  public interface PacketConsumer {
    /**
     * Takes one decoded packet.
     *
     * @param packet the packet
     * @return {@code false} to stop decoding (Node stops at a close packet)
     */
    boolean accept(EnginePacket packet);
  }

  /**
   * Joins the text forms of {@code packets} with {@code \x1e}.
   *
   * @param packets the packets
   * @return the payload
   */
  public static String encode(List<EnginePacket> packets) {
    if (packets.size() == 1) {
      return EnginePacketCodec.encodeText(packets.get(0));
    }
    StringBuilder out = new StringBuilder();
    encode(packets, out);
    return out.toString();
  }

  /**
   * Appends the payload of {@code packets} to {@code out}.
   *
   * @param packets the packets
   * @param out where to write
   */
  public static void encode(Iterable<EnginePacket> packets, StringBuilder out) {
    boolean first = true;
    for (EnginePacket packet : packets) {
      if (!first) {
        out.append(SEPARATOR);
      }
      first = false;
      EnginePacketCodec.appendText(packet, out);
    }
  }

  /**
   * Decodes a whole payload; all or nothing.
   *
   * @param payload the payload
   * @return the engine packets
   * @throws ProtocolException at the first malformed packet, with {@link EnginePacketCodec}'s
   *     message
   */
  public static List<EnginePacket> decode(String payload) throws ProtocolException {
    List<EnginePacket> packets = new ArrayList<>(2);
    decode(payload, packets::add);
    return packets;
  }

  /**
   * Decodes a payload, handing each packet to {@code consumer} as soon as it is decoded, as Node
   * does: packets before a malformed one are delivered, then the exception is thrown.
   *
   * @param payload the payload
   * @param consumer the consumer
   * @throws ProtocolException at the first malformed packet
   */
  public static void decode(String payload, PacketConsumer consumer) throws ProtocolException {
    int start = 0;
    int length = payload.length();
    while (true) {
      int end = payload.indexOf(SEPARATOR, start);
      if (end < 0) {
        end = length;
      }
      if (!consumer.accept(EnginePacketCodec.decodeText(payload, start, end))) {
        return;
      }
      if (end == length) {
        return;
      }
      start = end + 1;
    }
  }
}
