package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.engine.EngineSocket;
import java.util.List;

/**
 * What a server tells observers (the admin UI, metrics) about its sockets, rooms and traffic: an
 * instrumentation seam, registered with {@link SocketIoServer#instrument}. Every method has an
 * empty default, so an observer overrides only what it needs; a server with no observer calls
 * nothing.
 *
 * <p><b>Threads.</b> Calls come on the thread where the thing happened: a session's event loop for
 * traffic and socket life, any thread for room changes made by users. Implementations must be
 * thread-safe, quick and non-blocking (count, or hand work to your own executor), and must not
 * throw: an exception is logged and dropped.
 */
public interface Instrumentation {
  /**
   * An Engine.IO session opened (its transport is {@link EngineSocket#transport()}).
   *
   * @param session the session
   */
  default void sessionOpened(EngineSocket session) {}

  /**
   * An Engine.IO session moved to {@code transport} ({@code "websocket"}).
   *
   * @param session the session
   * @param transport the transport name
   */
  default void sessionUpgraded(EngineSocket session, String transport) {}

  /**
   * An Engine.IO session closed, with Node's reason ({@code "transport close"}, …).
   *
   * @param session the session
   * @param reason the reason
   */
  default void sessionClosed(EngineSocket session, String reason) {}

  /**
   * {@code bytes} of Socket.IO packet data arrived on {@code session} (one Engine.IO message).
   *
   * @param session the session
   * @param bytes the bytes
   */
  default void bytesReceived(EngineSocket session, int bytes) {}

  /**
   * {@code bytes} of Socket.IO packet data were queued on {@code session} (one message).
   *
   * @param session the session
   * @param bytes the bytes
   */
  default void bytesSent(EngineSocket session, int bytes) {}

  /**
   * A socket joined its namespace; called before the namespace's connection handlers.
   *
   * @param socket the socket
   */
  default void socketConnected(Socket socket) {}

  /**
   * A socket left its namespace, with Node's reason; called before its disconnect listeners.
   *
   * @param socket the socket
   * @param reason the reason
   */
  default void socketDisconnected(Socket socket, String reason) {}

  /**
   * The data of {@code socket} changed: a write into its {@link Socket#data()} map, or {@link
   * Socket#setData}. Read the new value with {@link Socket#dataValue()}.
   *
   * @param socket the socket
   */
  default void socketDataChanged(Socket socket) {}

  /**
   * Local socket {@code socketId} joined {@code room} of {@code nsp}.
   *
   * @param nsp the namespace
   * @param room the room
   * @param socketId the socket id
   */
  default void roomJoined(Namespace nsp, String room, String socketId) {}

  /**
   * Local socket {@code socketId} left {@code room} of {@code nsp}.
   *
   * @param nsp the namespace
   * @param room the room
   * @param socketId the socket id
   */
  default void roomLeft(Namespace nsp, String room, String socketId) {}

  /**
   * A socket received {@code event} (the arguments without the acknowledgement).
   *
   * @param socket the socket
   * @param event the event name
   * @param args the arguments
   */
  default void eventReceived(Socket socket, String event, List<JsonNode> args) {}

  /**
   * An event packet {@code [event, ...args]} went to a socket (emits and broadcasts alike).
   *
   * @param socket the socket
   * @param data the data
   */
  default void eventSent(Socket socket, JsonNode data) {}

  /**
   * A client answered an acknowledgement {@code nanos} after the event was sent.
   *
   * @param socket the socket
   * @param nanos the time from the emit to the answer, in nanoseconds
   */
  default void ackReceived(Socket socket, long nanos) {}

  /**
   * An acknowledgement asked of a client timed out.
   *
   * @param socket the socket
   */
  default void ackTimedOut(Socket socket) {}

  /**
   * A broadcast of {@code nsp} reached {@code recipients} local sockets.
   *
   * @param nsp the namespace
   * @param recipients the recipients
   */
  default void broadcastSent(Namespace nsp, int recipients) {}

  /**
   * A cluster adapter of {@code nsp} asked the other servers and waits for their answers ({@code
   * type} {@code "fetchSockets"} or {@code "serverSideEmitWithAck"}).
   *
   * @param nsp the namespace
   * @param type the class to bind to (with Jackson)
   */
  default void adapterRequest(Namespace nsp, String type) {}

  /**
   * A cluster adapter's request of {@code type} got no complete answer in time.
   *
   * @param nsp the namespace
   * @param type the class to bind to (with Jackson)
   */
  default void adapterRequestTimedOut(Namespace nsp, String type) {}
}
