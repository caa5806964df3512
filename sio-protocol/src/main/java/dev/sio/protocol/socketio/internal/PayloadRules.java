package dev.sio.protocol.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.socketio.SocketPacketType;
import java.util.Set;

/**
 * What payload each packet type may carry, as socket.io-parser's {@code isPayloadValid} and {@code
 * isPacketValid} decide together: CONNECT an object or nothing, DISCONNECT nothing, CONNECT_ERROR
 * an object or a string, EVENT a non-empty array whose first element is a number or a non-reserved
 * event name, ACK an array. Shared by the JSON and msgpack decoders.
 */
public final class PayloadRules {
  /** Event names that Node's parser refuses to decode, for their special meaning. */
  public static final Set<String> RESERVED_EVENTS =
      Set.of(
          "connect",
          "connect_error",
          "disconnect",
          "disconnecting",
          "newListener",
          "removeListener");

  private PayloadRules() {}

  /**
   * Checks the payload of a packet of type {@code type} ({@code data} null when absent).
   *
   * @throws ProtocolException "invalid payload: …" saying what the type expects
   */
  public static void check(SocketPacketType type, JsonNode data) throws ProtocolException {
    boolean absent = data == null || data.isMissingNode();
    switch (type) {
      case CONNECT:
        if (!absent && !data.isObject()) {
          throw new ProtocolException("invalid payload: CONNECT expects an object or nothing");
        }
        break;
      case DISCONNECT:
        if (!absent) {
          throw new ProtocolException("invalid payload: DISCONNECT carries no payload");
        }
        break;
      case CONNECT_ERROR:
        if (absent || !(data.isObject() || data.isTextual())) {
          throw new ProtocolException(
              "invalid payload: CONNECT_ERROR expects an object or a string");
        }
        break;
      case EVENT:
      case BINARY_EVENT:
        checkEvent(type, absent ? null : data);
        break;
      case ACK:
      case BINARY_ACK:
      default:
        if (absent || !data.isArray()) {
          throw new ProtocolException("invalid payload: " + type + " expects an array");
        }
        break;
    }
  }

  private static void checkEvent(SocketPacketType type, JsonNode data) throws ProtocolException {
    JsonNode name = data != null && data.isArray() && data.size() > 0 ? data.get(0) : null;
    if (name == null || !(name.isTextual() || name.isNumber())) {
      throw new ProtocolException(
          "invalid payload: " + type + " expects a non-empty array starting with an event name");
    }
    if (name.isTextual() && RESERVED_EVENTS.contains(name.textValue())) {
      throw new ProtocolException(
          "invalid payload: \"" + name.textValue() + "\" is a reserved event name");
    }
  }
}
