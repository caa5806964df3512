package dev.sio.msgpack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.socketio.Parser;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import dev.sio.protocol.socketio.internal.PayloadRules;

/**
 * Decodes one binary message into a packet and checks it as socket.io-msgpack-parser's {@code
 * checkPacket} does (type, then namespace, then payload, then id), with the stricter payload rules
 * of the JSON decoder (an EVENT names its event, reserved names are refused). Extra keys, such as
 * the {@code options} the Node client sends, are ignored. Holds no state.
 */
public final class MsgpackPacketDecoder implements Parser.Decoder {
  @Override
  public SocketPacket decode(String text) throws ProtocolException {
    throw new ProtocolException("the msgpack parser expects binary messages, got text");
  }

  @Override
  public SocketPacket decode(byte[] binary) throws ProtocolException {
    JsonNode root = MsgpackTreeReader.read(binary);
    if (!root.isObject()) {
      throw new ProtocolException("invalid packet type: the message is not a msgpack map");
    }
    SocketPacketType type = type(root.get("type"));
    JsonNode nsp = root.get("nsp");
    if (nsp == null || !nsp.isTextual()) {
      throw new ProtocolException("invalid namespace: expected a string, got " + describe(nsp));
    }
    if (!nsp.textValue().startsWith("/")) {
      // Node's msgpack decoder lets it through; no namespace can have such a name, and the text
      // format could not even carry it
      throw new ProtocolException(
          "invalid namespace: " + describe(nsp) + " does not start with '/'");
    }
    JsonNode data = root.get("data");
    PayloadRules.check(type, data);
    return new SocketPacket(type, nsp.textValue(), data, id(root.get("id")));
  }

  @Override
  public void reset() {
    // nothing is ever pending: a packet is one message
  }

  private static SocketPacketType type(JsonNode type) throws ProtocolException {
    long code = integral(type);
    if (code < 0 || code > SocketPacketType.CONNECT_ERROR.code()) {
      throw new ProtocolException(
          "invalid packet type: expected an integer from 0 to 4, got " + describe(type));
    }
    return SocketPacketType.of((int) code);
  }

  private static long id(JsonNode id) throws ProtocolException {
    if (id == null) {
      return SocketPacket.NO_ID;
    }
    long value = integral(id);
    if (value < 0) {
      throw new ProtocolException(
          "invalid packet id: expected an integer >= 0, got " + describe(id));
    }
    return value;
  }

  /** The integer {@code node} holds (JavaScript's Number.isInteger), or -1. */
  private static long integral(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return -1;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? node.longValue() : -1;
    }
    double d = node.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 9.2e18 ? (long) d : -1;
  }

  private static String describe(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String text = node.isBinary() ? "binary" : node.toString();
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
