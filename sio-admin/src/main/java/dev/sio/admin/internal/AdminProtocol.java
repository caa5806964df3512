package dev.sio.admin.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The names of {@code @socket.io/admin-ui} 0.5.1's protocol, one constant each. */
public final class AdminProtocol {
  private AdminProtocol() {}

  // Events the server sends to the UI.
  /** {@code {supportedFeatures: [...]}}, once per admin socket. */
  public static final String CONFIG = "config";

  /** The session id of a UI that logged in with its password. */
  public static final String SESSION = "session";

  /** Every socket of every namespace, across the cluster (development mode). */
  public static final String ALL_SOCKETS = "all_sockets";

  /** The stats of one server, every 2 s. */
  public static final String SERVER_STATS = "server_stats";

  /** {@code (socket, date)}. */
  public static final String SOCKET_CONNECTED = "socket_connected";

  /** {@code ({id, nsp, transport | data})}. */
  public static final String SOCKET_UPDATED = "socket_updated";

  /** {@code (nsp, id, reason, date)}. */
  public static final String SOCKET_DISCONNECTED = "socket_disconnected";

  /** {@code (nsp, room, id, date)}. */
  public static final String ROOM_JOINED = "room_joined";

  /** {@code (nsp, room, id, date)}. */
  public static final String ROOM_LEFT = "room_left";

  /** {@code (nsp, id, [event, ...args], date)}. */
  public static final String EVENT_RECEIVED = "event_received";

  /** {@code (nsp, id, [event, ...args], date)}. */
  public static final String EVENT_SENT = "event_sent";

  // Commands the UI sends.
  /** {@code (nsp, filter, event, ...args)}. */
  public static final String CMD_EMIT = "emit";

  /** {@code (nsp, room, filter)}. */
  public static final String CMD_JOIN = "join";

  /** {@code (nsp, room, filter)}. */
  public static final String CMD_LEAVE = "leave";

  /** {@code (nsp, close, filter)}. */
  public static final String CMD_DISCONNECT = "_disconnect";

  // Features (typed-events.js).
  public static final String EMIT = "EMIT";
  public static final String JOIN = "JOIN";
  public static final String LEAVE = "LEAVE";
  public static final String DISCONNECT = "DISCONNECT";
  public static final String MJOIN = "MJOIN";
  public static final String MLEAVE = "MLEAVE";
  public static final String MDISCONNECT = "MDISCONNECT";
  public static final String AGGREGATED_EVENTS = "AGGREGATED_EVENTS";
  public static final String ALL_EVENTS = "ALL_EVENTS";

  /** The error of a refused login, as Node's middleware (the UI shows its own text for it). */
  public static final String INVALID_CREDENTIALS = "invalid credentials";

  /** The key of socket {@code data} that holds the admin's fields (clientId, transport). */
  public static final String ADMIN_DATA = "_admin";

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** {@code instant} as JSON.stringify writes a JavaScript {@code Date}. */
  public static String date(Instant instant) {
    return ISO.format(instant);
  }

  /** Now, as JSON.stringify writes {@code new Date()}. */
  public static String now() {
    return date(Instant.now());
  }
}
