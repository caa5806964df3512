package dev.sio.server;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Where Engine.IO sessions enter Socket.IO: one {@link Connection} per session. */
final class ServerEngineHandler implements EngineHandler {
  private final SocketIoServer server;
  // Any thread: the open sessions, by Engine.IO sid (each entry is touched by its own loop).
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  ServerEngineHandler(SocketIoServer server) {
    this.server = server;
  }

  @Override
  public void onOpen(EngineSocket socket) {
    Connection connection = new Connection(server, socket);
    connections.put(socket.id(), connection);
    Instrumentation observer = server.instrumentation();
    if (observer != null) {
      observer.sessionOpened(socket);
    }
    if (socket.protocol() == 3) {
      connection.connectImplicitly(); // a Socket.IO v2 client sends no CONNECT for "/"
    }
  }

  @Override
  public void onUpgrade(EngineSocket socket, String transport) {
    Instrumentation observer = server.instrumentation();
    if (observer != null) {
      observer.sessionUpgraded(socket, transport);
    }
  }

  @Override
  public void onMessage(EngineSocket socket, String text) {
    Connection connection = connections.get(socket.id());
    if (connection != null) {
      connection.onText(text);
    }
  }

  @Override
  public void onMessage(EngineSocket socket, byte[] utf8, int offset, int length) {
    Connection connection = connections.get(socket.id());
    if (connection != null) {
      connection.onText(utf8, offset, length);
    }
  }

  @Override
  public void onBinary(EngineSocket socket, byte[] data) {
    Connection connection = connections.get(socket.id());
    if (connection != null) {
      connection.onBinary(data);
    }
  }

  @Override
  public void onClose(EngineSocket socket, String reason, String description) {
    Connection connection = connections.remove(socket.id());
    if (connection != null) {
      connection.onClose(reason);
    }
    Instrumentation observer = server.instrumentation();
    if (observer != null) {
      observer.sessionClosed(socket, reason);
    }
  }

  int connectionCount() {
    return connections.size();
  }
}
