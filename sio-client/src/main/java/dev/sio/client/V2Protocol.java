package dev.sio.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.internal.QueryStrings;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the Socket.IO protocol v4 (Socket.IO 2.x servers, {@link ClientProtocol#V2}) differs from
 * v5 on the client side, as npm {@code socket.io-client} 2.x does it:
 *
 * <ul>
 *   <li>the server joins the main namespace at the handshake and says so with {@code 40}; the
 *       client sends no CONNECT for {@code "/"} (but after leaving it, to join it again);
 *   <li>other namespaces are joined with {@code 0/nsp?<query>,}, the query being the URI's and the
 *       options' parameters; the answer {@code 0/nsp,} carries no id: the socket id is {@code
 *       <engine id>} for {@code "/"} and {@code /nsp#<engine id>} for the others;
 *   <li>the ERROR packet ({@code 4}) carries a string or any JSON value (the middleware's {@code
 *       err.data || err.message}); one for {@code "/"} concerns every namespace, since the server
 *       holds the others back until {@code "/"} is joined.
 * </ul>
 */
final class V2Protocol {
  private V2Protocol() {}

  /** The CONNECT of {@code namespace}: the query (if any) joined to the namespace. */
  static SocketPacket connect(String namespace, Map<String, String> uriQuery, ClientOptions opts) {
    Map<String, String> query = new LinkedHashMap<>(uriQuery);
    query.putAll(opts.query());
    String nsp = namespace + QueryStrings.encode(query);
    return new SocketPacket(SocketPacketType.CONNECT, nsp, null, SocketPacket.NO_ID);
  }

  /** The socket id socket.io 2.x gives: the engine id, prefixed by {@code nsp#} but for "/". */
  static String socketId(String namespace, String engineId) {
    return "/".equals(namespace) ? engineId : namespace + "#" + engineId;
  }

  /**
   * The error of an ERROR packet: its text as the message; an object's {@code message} field (or
   * its JSON text) as the message and the object as {@link ConnectError#data()}.
   */
  static ConnectError error(JsonNode data) {
    if (data == null || data.isNull()) {
      return new ConnectError("", null, null);
    }
    if (data.isTextual()) {
      return new ConnectError(data.textValue(), null, null);
    }
    JsonNode message = data.get("message");
    String text = message != null && message.isTextual() ? message.textValue() : data.toString();
    return new ConnectError(text, data, null);
  }
}
