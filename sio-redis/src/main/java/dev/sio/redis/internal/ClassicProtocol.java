package dev.sio.redis.internal;

/**
 * Constants of the classic {@code @socket.io/redis-adapter} protocol ({@code createAdapter}).
 *
 * <pre>
 *   broadcasts  PUBLISH  prefix#nsp#  or  prefix#nsp#room#   (msgpack [uid, packet, opts])
 *   requests    PUBLISH  prefix-request#nsp#                  (JSON, or msgpack for type 7)
 *   responses   PUBLISH  prefix-response#nsp#[uid#]           (JSON, or msgpack for type 9)
 * </pre>
 */
public final class ClassicProtocol {
  private ClassicProtocol() {}

  /** Legacy "socket ids in rooms" request; still answered. */
  public static final int SOCKETS = 0;

  /** "All rooms" request. */
  public static final int ALL_ROOMS = 1;

  /** socketsJoin (or the legacy single-socket join). */
  public static final int REMOTE_JOIN = 2;

  /** socketsLeave (or the legacy single-socket leave). */
  public static final int REMOTE_LEAVE = 3;

  /** disconnectSockets (or the legacy single-socket disconnect). */
  public static final int REMOTE_DISCONNECT = 4;

  /** fetchSockets. */
  public static final int REMOTE_FETCH = 5;

  /** serverSideEmit, and its response (same code). */
  public static final int SERVER_SIDE_EMIT = 6;

  /** Broadcast expecting acks (msgpack). */
  public static final int BROADCAST = 7;

  /** Response: how many clients got a broadcast with ack. */
  public static final int BROADCAST_CLIENT_COUNT = 8;

  /** Response: one client's ack (msgpack). */
  public static final int BROADCAST_ACK = 9;

  /** The uid the emitter puts in its messages. */
  public static final String EMITTER_UID = "emitter";

  /** Broadcast channel of {@code nsp}: {@code prefix#nsp#}. */
  public static String broadcastChannel(String prefix, String nsp) {
    return prefix + "#" + nsp + "#";
  }

  /** Broadcast channel for one room: {@code prefix#nsp#room#}. */
  public static String roomChannel(String prefix, String nsp, String room) {
    return broadcastChannel(prefix, nsp) + room + "#";
  }

  /** Request channel: {@code prefix-request#nsp#}; its NUMSUB is the server count. */
  public static String requestChannel(String prefix, String nsp) {
    return prefix + "-request#" + nsp + "#";
  }

  /** Shared response channel: {@code prefix-response#nsp#}. */
  public static String responseChannel(String prefix, String nsp) {
    return prefix + "-response#" + nsp + "#";
  }

  /** One node's response channel: {@code prefix-response#nsp#uid#}. */
  public static String responseChannel(String prefix, String nsp, String uid) {
    return responseChannel(prefix, nsp) + uid + "#";
  }
}
