package dev.sio.server;

import java.util.Map;
import java.util.Set;

/**
 * A socket returned by {@code fetchSockets()}: either a {@link Socket} of this server or a view of
 * a socket held by another server of the cluster, as Node's {@code RemoteSocket}. The operations of
 * a remote view go through the namespace's adapter (a broadcast to the room named by the socket
 * id).
 */
public interface RemoteSocket {
  /** {@return the socket id (20 characters)} */
  String id();

  /** {@return the request that opened the socket} */
  Handshake handshake();

  /** {@return the rooms the socket is in, its own id included (a snapshot)} */
  Set<String> rooms();

  /**
   * {@return the socket's {@code data} as an object: the live, mutable holder for a local socket; a
   * read-only copy for a remote one}
   *
   * @throws IllegalStateException when the data is not an object (see {@link #dataValue()})
   */
  Map<String, Object> data();

  /**
   * {@return the socket's {@code data} as it is, any JSON value (Node's {@code socket.data}): a
   * {@code Map}, a {@code String}, a {@code List}, a number ...; read-only for a remote socket,
   * where it is what Jackson reads from the JSON the other server sent}
   */
  Object dataValue();

  /**
   * Emits an event to this socket.
   *
   * @param event the event name
   * @param args the arguments
   */
  void emit(String event, Object... args);

  /**
   * Makes the socket join the rooms.
   *
   * @param rooms the rooms
   */
  void join(String... rooms);

  /**
   * Makes the socket leave the room.
   *
   * @param room the room
   */
  void leave(String room);

  /**
   * Disconnects the socket from its namespace.
   *
   * @param close also close the underlying Engine.IO connection
   */
  void disconnect(boolean close);

  /**
   * {@return a view of a socket of another server, whose operations go through the adapter of
   * {@code namespace}} For adapter implementations that answer {@link Adapter#fetchSockets} with
   * remote sockets.
   *
   * @param namespace the namespace
   * @param details the details
   */
  static RemoteSocket remote(Namespace namespace, SocketDetails details) {
    return new dev.sio.server.internal.RemoteSocketView(namespace, details);
  }
}
