package dev.sio.server;

import java.util.Set;

/** Event names a user may not emit or listen to (Node's {@code RESERVED_EVENTS}). */
final class ReservedEvents {
  private static final Set<String> NAMES =
      Set.of(
          "connect",
          "connect_error",
          "disconnect",
          "disconnecting",
          "newListener",
          "removeListener");

  private ReservedEvents() {}

  /** Throws Node's error for a reserved name. */
  static void check(String event) {
    if (event == null) {
      throw new IllegalArgumentException("event name must not be null");
    }
    if (NAMES.contains(event)) {
      throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
    }
  }
}
