package dev.sio.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sio.engine.EngineSocket;
import dev.sio.server.Instrumentation;
import dev.sio.server.Namespace;
import dev.sio.server.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * What {@code @socket.io/admin-ui}'s engine and verbose listeners do, as an {@link
 * Instrumentation}: counts raw connections, packets and bytes for {@code server_stats}, and in
 * development mode tells the admin namespace about every socket, room and event of the server.
 */
public final class AdminObserver implements Instrumentation {
  private final Namespace admin;
  private final boolean verbose;
  private final EventBuffer events = new EventBuffer();
  // Any thread: the Engine.IO sessions still on polling (added on open, removed on upgrade/close).
  private final Set<String> polling = ConcurrentHashMap.newKeySet();
  // Any thread: Engine.IO session id -> its connected sockets (verbose mode), for upgrades.
  private final Map<String, Set<Socket>> socketsBySession = new ConcurrentHashMap<>();

  /** Reports to {@code admin}; every socket, room and event too when {@code verbose}. */
  public AdminObserver(Namespace admin, boolean verbose) {
    this.admin = admin;
    this.verbose = verbose;
  }

  /** The aggregated events since the last call (for {@code server_stats}). */
  public List<Map<String, Object>> drainEvents() {
    return events.drain();
  }

  /** The Engine.IO sessions on polling now. */
  public int pollingClientsCount() {
    return polling.size();
  }

  @Override
  public void sessionOpened(EngineSocket session) {
    events.push("rawConnection", null, 1);
    if ("polling".equals(session.transport())) {
      polling.add(session.id());
    }
  }

  @Override
  public void sessionUpgraded(EngineSocket session, String transport) {
    polling.remove(session.id());
    if (!verbose) {
      return;
    }
    Set<Socket> sockets = socketsBySession.get(session.id());
    if (sockets == null) {
      return;
    }
    for (Socket socket : sockets) {
      if (socket.data().get(AdminProtocol.ADMIN_DATA) instanceof Map<?, ?> fields) {
        @SuppressWarnings("unchecked")
        Map<String, Object> writable = (Map<String, Object>) fields;
        writable.put("transport", transport);
      }
      Map<String, Object> update = new LinkedHashMap<>();
      update.put("id", socket.id());
      update.put("nsp", socket.namespace().name());
      update.put("transport", transport);
      admin.emit(AdminProtocol.SOCKET_UPDATED, update);
    }
  }

  @Override
  public void sessionClosed(EngineSocket session, String reason) {
    polling.remove(session.id());
    events.push("rawDisconnection", reason, 1);
  }

  @Override
  public void bytesReceived(EngineSocket session, int bytes) {
    events.push("packetsIn", null, 1);
    events.push("bytesIn", null, bytes);
  }

  @Override
  public void bytesSent(EngineSocket session, int bytes) {
    events.push("packetsOut", null, 1);
    events.push("bytesOut", null, bytes);
  }

  @Override
  public void socketConnected(Socket socket) {
    if (!verbose) {
      return;
    }
    Map<String, Object> fields = new ConcurrentHashMap<>();
    fields.put("clientId", socket.conn().id().substring(0, 12));
    fields.put("transport", socket.conn().transport());
    if (socket.dataValue() instanceof Map<?, ?>) {
      socket.data().put(AdminProtocol.ADMIN_DATA, fields); // before tracking: not reported
    }
    socketsBySession
        .computeIfAbsent(socket.conn().id(), k -> ConcurrentHashMap.newKeySet())
        .add(socket);
    admin.emit(
        AdminProtocol.SOCKET_CONNECTED,
        SocketSerializer.serialize(socket, socket.namespace().name()),
        AdminProtocol.now());
  }

  @Override
  public void socketDisconnected(Socket socket, String reason) {
    if (!verbose) {
      return;
    }
    socketsBySession.computeIfPresent(
        socket.conn().id(),
        (k, sockets) -> {
          sockets.remove(socket);
          return sockets.isEmpty() ? null : sockets;
        });
    admin.emit(
        AdminProtocol.SOCKET_DISCONNECTED,
        socket.namespace().name(),
        socket.id(),
        reason,
        AdminProtocol.now());
  }

  /**
   * Node's Proxy on {@code socket.data}: {@code socket_updated {id, nsp, data}} for a socket the UI
   * was told about (after {@code socket_connected}; the admin's own {@code _admin} is written
   * before, and writes in a middleware show in {@code socket_connected}).
   */
  @Override
  public void socketDataChanged(Socket socket) {
    if (!verbose) {
      return;
    }
    Set<Socket> known = socketsBySession.get(socket.conn().id());
    if (known == null || !known.contains(socket)) {
      return;
    }
    Map<String, Object> update = new LinkedHashMap<>();
    update.put("id", socket.id());
    update.put("nsp", socket.namespace().name());
    update.put("data", SocketSerializer.serializeData(socket.dataValue()));
    admin.emit(AdminProtocol.SOCKET_UPDATED, update);
  }

  @Override
  public void roomJoined(Namespace nsp, String room, String socketId) {
    if (verbose) {
      admin.emit(AdminProtocol.ROOM_JOINED, nsp.name(), room, socketId, AdminProtocol.now());
    }
  }

  /**
   * As Node, which emits {@code room_left} on the next tick: queued on the socket's event loop, so
   * that on a disconnection it follows {@code socket_disconnected}.
   */
  @Override
  public void roomLeft(Namespace nsp, String room, String socketId) {
    if (!verbose) {
      return;
    }
    String date = AdminProtocol.now();
    Runnable emit = () -> admin.emit(AdminProtocol.ROOM_LEFT, nsp.name(), room, socketId, date);
    Socket socket = nsp.sockets().get(socketId);
    if (socket == null) {
      emit.run();
      return;
    }
    try {
      socket.conn().executor().execute(emit);
    } catch (RejectedExecutionException e) {
      emit.run(); // the event loop is shutting down
    }
  }

  @Override
  public void eventReceived(Socket socket, String event, List<JsonNode> args) {
    if (!verbose || socket.namespace() == admin) {
      return;
    }
    ArrayNode all = JsonNodeFactory.instance.arrayNode(args.size() + 1);
    all.add(TextNode.valueOf(event));
    all.addAll(args);
    admin.emit(
        AdminProtocol.EVENT_RECEIVED,
        socket.namespace().name(),
        socket.id(),
        all,
        AdminProtocol.now());
  }

  @Override
  public void eventSent(Socket socket, JsonNode data) {
    if (!verbose || socket.namespace() == admin) {
      return; // never about the admin's own traffic: it would feed itself
    }
    admin.emit(
        AdminProtocol.EVENT_SENT,
        socket.namespace().name(),
        socket.id(),
        data,
        AdminProtocol.now());
  }
}
