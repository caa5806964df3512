package dev.sio.cluster;

/**
 * The {@code MessageType} codes of socket.io-adapter's {@code ClusterAdapter}, used by the sharded
 * and the streams adapters, and their channel names.
 */
public final class ClusterProtocol {
  private ClusterProtocol() {}

  /** A node announces itself (heartbeat variant only). */
  public static final int INITIAL_HEARTBEAT = 1;

  /** A node is alive (heartbeat variant only). */
  public static final int HEARTBEAT = 2;

  /** Broadcast; with a {@code requestId} it expects acks. */
  public static final int BROADCAST = 3;

  /** socketsJoin. */
  public static final int SOCKETS_JOIN = 4;

  /** socketsLeave. */
  public static final int SOCKETS_LEAVE = 5;

  /** disconnectSockets. */
  public static final int DISCONNECT_SOCKETS = 6;

  /** fetchSockets request. */
  public static final int FETCH_SOCKETS = 7;

  /** fetchSockets response. */
  public static final int FETCH_SOCKETS_RESPONSE = 8;

  /** serverSideEmit; with a {@code requestId} it expects acks. */
  public static final int SERVER_SIDE_EMIT = 9;

  /** serverSideEmit ack. */
  public static final int SERVER_SIDE_EMIT_RESPONSE = 10;

  /** Broadcast with ack: how many clients got it on one node. */
  public static final int BROADCAST_CLIENT_COUNT = 11;

  /** Broadcast with ack: one client's ack. */
  public static final int BROADCAST_ACK = 12;

  /** A node's adapter closes (heartbeat variant only). */
  public static final int ADAPTER_CLOSE = 13;

  /** The uid the emitters use. */
  public static final String EMITTER_UID = "emitter";

  /**
   * The main channel: {@code prefix#nsp#} (its NUMSUB/SHARDNUMSUB is the server count).
   *
   * @param prefix the channel prefix of the adapter
   * @param nsp the namespace name, such as {@code "/"}
   * @return the channel name
   */
  public static String mainChannel(String prefix, String nsp) {
    return prefix + "#" + nsp + "#";
  }

  /**
   * A node's response channel {@code prefix#nsp#uid#}, or a room channel {@code prefix#nsp#room#}.
   *
   * @param prefix the channel prefix of the adapter
   * @param nsp the namespace name, such as {@code "/"}
   * @param uidOrRoom a node's uid or a room name
   * @return the channel name
   */
  public static String subChannel(String prefix, String nsp, String uidOrRoom) {
    return mainChannel(prefix, nsp) + uidOrRoom + "#";
  }

  /**
   * Tells the response types, which go to a requester's own channel, from the others.
   *
   * @param type a message type code of this class
   * @return true for a response type
   */
  public static boolean isResponse(int type) {
    return type == FETCH_SOCKETS_RESPONSE
        || type == SERVER_SIDE_EMIT_RESPONSE
        || type == BROADCAST_CLIENT_COUNT
        || type == BROADCAST_ACK;
  }
}
