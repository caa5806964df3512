package dev.sio.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.internal.QueryStrings;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the Socket.IO protocol v4 (Socket.IO 2.x servers, {@link ClientProtocol#V2}) differs from
 * v5 on the client side, as npm {@code socket.io-client} 2.x does it:
 *
 * <ul>
 *   <li>the server joins the main namespace at the handshake and says so with {@code 40}; the
 *       client sends no CONNECT for {@code "/"}, and cannot join it again on the same connection
 *       once left;
 *   <li>other namespaces are joined with {@code 0/nsp?<query>,}, the query being the URI's and the
 *       options' parameters; the answer {@code 0/nsp,} carries no id: the socket id is {@code
 *       <engine id>} for {@code "/"} and {@code /nsp#<engine id>} for the others;
 *   <li>the ERROR packet ({@code 4}) carries a string or any JSON value (the middleware's {@code
 *       err.data || err.message}); one for {@code "/"} concerns every namespace, since the server
 *       holds the others back until {@code "/"} is joined.
 * </ul>
 */
final class V2Protocol {
  /**
   * Why {@code "/"} cannot be joined again on a connection where it was left: a 2.x server without
   * middleware on {@code "/"} joins it on a CONNECT without answering (its answer went out with the
   * handshake), so the client could never tell.
   */
  static final String MAIN_AGAIN =
      "a Socket.IO 2.x server joins \"/\" only at the handshake: it cannot be joined again on a"
          + " connection where it was left (disconnect the manager's other sockets first, or use"
          + " another manager)";

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

  /**
   * What a 2.x server said about {@code "/"} in one Engine.IO session: it joins {@code "/"} at the
   * handshake whether a socket asked or not, so its answer is kept for a {@code "/"} socket that
   * connects later; once {@code "/"} is left it cannot be joined again in this session. Event
   * thread only.
   */
  static final class MainNamespace {
    private SocketPacket answer; // event thread: the CONNECT or ERROR for "/" no socket took yet
    private boolean left; // event thread: "/" was left in this session

    /** A new session: nothing said yet. */
    void reset() {
      answer = null;
      left = false;
    }

    /**
     * Handles the server's CONNECT or ERROR for {@code "/"}: given to the active {@code "/"}
     * socket, else kept; an ERROR also fails the sockets of the other namespaces that are not
     * connected, which the server holds back until {@code "/"} is joined.
     *
     * @return true when the packet was such an answer (and is handled)
     */
    boolean onPacket(SocketPacket packet, Collection<Socket> sockets) {
      SocketPacketType type = packet.type();
      if (!"/".equals(packet.namespace())
          || (type != SocketPacketType.CONNECT && type != SocketPacketType.CONNECT_ERROR)) {
        return false;
      }
      Socket main = null;
      for (Socket s : List.copyOf(sockets)) {
        if ("/".equals(s.namespace())) {
          main = s;
        } else if (type == SocketPacketType.CONNECT_ERROR && s.isActive() && !s.connected()) {
          s.onPacket(packet);
        }
      }
      if (main != null && main.isActive()) {
        main.onPacket(packet);
      } else {
        answer = packet;
      }
      return true;
    }

    /** The answer that came before the {@code "/"} socket asked, taken once; or null. */
    SocketPacket takeAnswer() {
      SocketPacket a = answer;
      answer = null;
      return a;
    }

    /** The {@code "/"} socket left. */
    void left() {
      left = true;
    }

    /** Whether {@code "/"} was left in this session. */
    boolean wasLeft() {
      return left;
    }
  }
}
