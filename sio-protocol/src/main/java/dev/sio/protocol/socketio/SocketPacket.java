package dev.sio.protocol.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One decoded Socket.IO packet. Binary values are {@link
 * com.fasterxml.jackson.databind.node.BinaryNode}s anywhere inside {@code data}: parsers split them
 * into attachments on encode and put them back on decode, so the layers above never see
 * placeholders. A packet that carries binary may be given as {@code EVENT} or {@code ACK}; the JSON
 * parser picks {@code BINARY_EVENT}/{@code BINARY_ACK} on the wire by itself.
 *
 * @param type the packet type
 * @param namespace the namespace, {@code "/"} for the main one
 * @param data the payload: an array for events and acks (an EVENT's first element is its name), an
 *     object or null for CONNECT, an object or a string for CONNECT_ERROR, null for DISCONNECT
 * @param id the acknowledgement id, or {@link #NO_ID}
 */
public record SocketPacket(SocketPacketType type, String namespace, JsonNode data, long id) {
  /** The {@link #id} of a packet that asks for no acknowledgement. */
  public static final long NO_ID = -1;

  /**
   * Checks that type and namespace are given.
   *
   * @param type the class to bind to (with Jackson)
   * @param namespace the namespace
   * @param data the data
   * @param id the id
   */
  public SocketPacket {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(namespace, "namespace");
  }

  /** {@return true when this packet asks for (EVENT) or answers (ACK) an acknowledgement} */
  public boolean hasId() {
    return id >= 0;
  }
}
