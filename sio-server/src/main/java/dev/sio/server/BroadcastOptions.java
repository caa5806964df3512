package dev.sio.server;

import java.util.Objects;
import java.util.Set;

/**
 * Which sockets a broadcast reaches, as socket.io-adapter's {@code BroadcastOptions}.
 *
 * <p>A socket is targeted when {@code rooms} is empty (every socket of the namespace) or when it is
 * in at least one of {@code rooms}; it is then dropped when it is in any of {@code except}. Socket
 * ids are rooms too (every socket is in the room named by its id).
 *
 * @param rooms the rooms to reach (a union), empty for all sockets; immutable
 * @param except the rooms whose sockets are left out; immutable
 * @param flags the flags
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, BroadcastFlags flags) {

  /**
   * Copies the room sets and checks that everything is given.
   *
   * @param rooms the rooms
   * @param except the rooms to leave out
   * @param flags the broadcast flags
   */
  public BroadcastOptions {
    rooms = Set.copyOf(Objects.requireNonNull(rooms, "rooms"));
    except = Set.copyOf(Objects.requireNonNull(except, "except"));
    Objects.requireNonNull(flags, "flags");
  }

  /** {@return every socket of the namespace, no flag} */
  public static BroadcastOptions all() {
    return new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE);
  }

  /**
   * {@return the sockets in {@code rooms}, no flag}
   *
   * @param rooms the sockets in {@code rooms}, no flag
   */
  public static BroadcastOptions rooms(Set<String> rooms) {
    return new BroadcastOptions(rooms, Set.of(), BroadcastFlags.NONE);
  }

  /**
   * {@return true when a socket that is in {@code socketRooms} is targeted by these options (the
   * rule of socket.io-adapter's {@code apply})}
   *
   * @param socketRooms the socket rooms
   */
  public boolean matches(Set<String> socketRooms) {
    boolean included = rooms.isEmpty();
    if (!included) {
      for (String room : socketRooms) {
        if (rooms.contains(room)) {
          included = true;
          break;
        }
      }
    }
    if (!included) {
      return false;
    }
    for (String room : socketRooms) {
      if (except.contains(room)) {
        return false;
      }
    }
    return true;
  }
}
