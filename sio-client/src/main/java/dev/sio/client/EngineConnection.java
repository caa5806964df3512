package dev.sio.client;

/**
 * The Engine.IO connection under a {@link Manager} (the JS client's {@code manager.engine}): its
 * session id and transport, and a way to close it, which the manager then handles as a lost
 * connection (reason {@code "forced close"} on the engine, reconnection as configured).
 */
public interface EngineConnection {
  /**
   * {@return the Engine.IO session id ({@code sid}), or {@code null} before the handshake answered}
   */
  String id();

  /**
   * {@return {@code "polling"} or {@code "websocket"}, or {@code null} before the connection
   * opened}
   */
  String transport();

  /** Closes this connection (the JS client's {@code engine.close()}). */
  void close();
}
