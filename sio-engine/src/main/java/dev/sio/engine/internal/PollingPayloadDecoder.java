package dev.sio.engine.internal;

import dev.sio.engine.spi.RequestBody;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketCodec;
import dev.sio.protocol.engineio.EnginePacketType;
import dev.sio.protocol.engineio.PollingPayloadCodec;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a polling payload straight from the POST body's bytes ({@link RequestBody}, not copied):
 * records are split at the {@code 0x1e} byte (it never occurs inside UTF-8 sequences) and each
 * payload is decoded to a String once, with the same results and messages as {@link
 * PollingPayloadCodec}.
 */
final class PollingPayloadDecoder {
  private static final byte SEPARATOR = (byte) PollingPayloadCodec.SEPARATOR;

  private PollingPayloadDecoder() {}

  /**
   * Hands each packet of {@code body} to {@code consumer} in order, as Node does: packets before a
   * malformed one are delivered, then the exception is thrown.
   */
  static void decode(RequestBody body, PollingPayloadCodec.PacketConsumer consumer)
      throws ProtocolException {
    int start = 0;
    int end = body.length();
    while (true) {
      int sep = body.indexOf(start, end, SEPARATOR);
      int recordEnd = sep < 0 ? end : sep;
      if (!consumer.accept(record(body, start, recordEnd))) {
        return;
      }
      if (sep < 0) {
        return;
      }
      start = sep + 1;
    }
  }

  private static EnginePacket record(RequestBody body, int start, int end)
      throws ProtocolException {
    int length = end - start;
    if (length <= 0) {
      throw new ProtocolException("Empty packet");
    }
    byte first = body.byteAt(start);
    if (first == EnginePacketCodec.BINARY_PREFIX) {
      return EnginePacket.binary(
          EnginePacketCodec.decodeBase64(
              body.toString(start + 1, length - 1, StandardCharsets.US_ASCII)));
    }
    EnginePacketType type = EnginePacketType.fromCode(first);
    if (type == null) {
      // the message names the character, as the String codec does
      String c = body.toString(start, Math.min(length, 4), StandardCharsets.UTF_8);
      throw new ProtocolException("Unknown packet type '" + c.charAt(0) + "'");
    }
    if (length == 1) {
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
    return EnginePacket.of(type, body.toString(start + 1, length - 1, StandardCharsets.UTF_8));
  }
}
