package dev.sio.server;

import java.util.Objects;
import java.util.Set;

/**
 * What one server tells another about a socket (an element of a {@code fetchSockets} answer on the
 * cluster wire: {@code {id, handshake, rooms, data}}).
 *
 * @param id the socket id
 * @param handshake the socket's handshake
 * @param rooms the rooms the socket is in (its own id included)
 * @param data the socket's {@code data}, any value Jackson can write ({@code Map}, {@code String},
 *     {@code List}, number ...), or {@code null}
 */
public record SocketDetails(String id, Handshake handshake, Set<String> rooms, Object data) {
  /**
   * Copies the rooms and checks that id and handshake are given.
   *
   * @param id the id
   * @param handshake the handshake
   * @param rooms the rooms
   * @param data the data
   */
  public SocketDetails {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(handshake, "handshake");
    rooms = Set.copyOf(rooms);
  }
}
