package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A socket's state kept for connection state recovery, as socket.io-adapter's {@code Session}.
 *
 * @param sid the socket id, given back to the recovered socket
 * @param pid the private session id the client presents to recover
 * @param rooms the rooms the socket was in
 * @param data the socket's {@code data}, any value (a {@code Map} unless the application set
 *     another)
 * @param startOffset the adapter's offset when the socket's session began ({@link
 *     Adapter#currentOffset()}), so a client that never received an event (and so has no offset)
 *     can still recover; {@code null} when the adapter keeps no offsets
 * @param missedPackets on restore: the {@code data} arrays (event name, arguments, offset) of the
 *     events the socket missed, in order; empty when persisting
 */
public record Session(
    String sid,
    String pid,
    List<String> rooms,
    Object data,
    String startOffset,
    List<JsonNode> missedPackets) {
  /**
   * Copies the lists and checks that the ids are given.
   *
   * @param sid the Engine.IO session id
   * @param pid the private session id
   * @param rooms the rooms
   * @param data the data
   * @param startOffset the start offset
   * @param missedPackets the missed packets
   */
  public Session {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(pid, "pid");
    rooms = List.copyOf(rooms);
    missedPackets = List.copyOf(missedPackets);
  }

  /**
   * {@return this session with its missed packets}
   *
   * @param packets the packets
   */
  public Session withMissedPackets(List<JsonNode> packets) {
    return new Session(sid, pid, rooms, data, startOffset, packets);
  }
}
