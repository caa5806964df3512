package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineSocket;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.socketio.Parser;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import dev.sio.server.internal.SmallMap;
import dev.sio.server.internal.Timers;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One Engine.IO session seen by Socket.IO (Node's {@code Client}): decodes its packets, routes them
 * to the socket of each namespace, closes sessions that join no namespace in time.
 *
 * <p>Confined to the session's event loop, except {@link #sendPacket} and {@link #run} which any
 * thread may call.
 */
final class Connection {
  private final SocketIoServer server;
  private final EngineSocket conn;
  private final Parser parser;
  // Event loop only.
  private final Parser.Decoder decoder;
  // Event loop only: the socket of each joined namespace (usually one: no HashMap until a second).
  private final SmallMap<String, Socket> nsps = new SmallMap<>();
  // Event loop only: every connected socket by id (Node's client.sockets; a namespace connected
  // twice before its first CONNECT completed has two).
  private final SmallMap<String, Socket> sockets = new SmallMap<>();
  // Event loop only: the connect timeout, until a namespace is joined.
  private Future<?> connectTimer;
  // Event loop only: set once the session is closed for Socket.IO.
  private boolean closed;

  Connection(SocketIoServer server, EngineSocket conn) {
    this.server = server;
    this.conn = conn;
    this.parser = server.options().parser();
    this.decoder = parser.newDecoder();
    this.connectTimer =
        Timers.schedule(
            conn.executor(),
            server.options().connectTimeout().toMillis(),
            () -> {
              if (sockets.isEmpty()) {
                close(); // no namespace joined in time
              }
            });
  }

  /** True for a Socket.IO v2 client (Engine.IO v3): it speaks the Socket.IO protocol v4. */
  boolean isV2() {
    return conn.protocol() == 3;
  }

  /** A v2 client is in the main namespace from the handshake on (Node's {@code onconnection}). */
  void connectImplicitly() {
    connect("/", JsonNodeFactory.instance.objectNode());
  }

  EngineSocket engineSocket() {
    return conn;
  }

  /** Runs {@code task} on the session's event loop. */
  void run(Runnable task) {
    dev.sio.server.internal.Loops.run(conn.executor(), task);
  }

  void onText(String text) {
    Instrumentation observer = server.instrumentation();
    if (observer != null) {
      observer.bytesReceived(conn, utf8Length(text));
    }
    SocketPacket packet;
    try {
      packet = decoder.decode(text);
    } catch (ProtocolException e) {
      onDecodeError(e);
      return;
    }
    if (packet != null) {
      onDecoded(packet);
    }
  }

  /** A text message as UTF-8 bytes, valid during the call (a WebSocket frame's). */
  void onText(byte[] utf8, int offset, int length) {
    Instrumentation observer = server.instrumentation();
    if (observer != null) {
      observer.bytesReceived(conn, length);
    }
    SocketPacket packet;
    try {
      packet = decoder.decodeText(utf8, offset, length);
    } catch (ProtocolException e) {
      onDecodeError(e);
      return;
    }
    if (packet != null) {
      onDecoded(packet);
    }
  }

  void onBinary(byte[] data) {
    Instrumentation observer = server.instrumentation();
    if (observer != null) {
      observer.bytesReceived(conn, data.length);
    }
    SocketPacket packet;
    try {
      packet = decoder.decode(data);
    } catch (ProtocolException e) {
      onDecodeError(e);
      return;
    }
    if (packet != null) {
      onDecoded(packet);
    }
  }

  private void onDecodeError(ProtocolException error) {
    // As Node: the sockets hear about it ("error"), and the session is closed.
    for (Socket socket : sockets.values()) {
      socket.fireError(error);
    }
    conn.close();
  }

  private void onDecoded(SocketPacket packet) {
    String name = packet.namespace();
    JsonNode auth = packet.data();
    if (isV2()) {
      SocketIoV4.Target target = SocketIoV4.parseNamespace(name);
      name = target.namespace();
      auth = target.auth();
    }
    Socket socket = nsps.get(name);
    if (socket == null && packet.type() == SocketPacketType.CONNECT) {
      connect(name, auth);
    } else if (socket != null
        && packet.type() != SocketPacketType.CONNECT
        && packet.type() != SocketPacketType.CONNECT_ERROR) {
      socket.onPacket(packet);
    } else {
      close(); // invalid state, as Node
    }
  }

  private void connect(String name, JsonNode auth) {
    Namespace nsp = server.namespaceFor(name, auth);
    if (nsp == null) {
      ObjectNode error = JsonNodeFactory.instance.objectNode();
      error.put("message", "Invalid namespace");
      sendPacket(new SocketPacket(SocketPacketType.CONNECT_ERROR, name, error, -1));
      return;
    }
    nsp.add(
        this,
        auth,
        socket -> {
          sockets.put(socket.id(), socket);
          nsps.put(nsp.name(), socket);
          if (connectTimer != null) {
            connectTimer.cancel(false);
            connectTimer = null;
          }
        });
  }

  /** Disconnects every namespace, then closes the session (Node's {@code _disconnect}). */
  void disconnectAll() {
    for (Socket socket : sockets.values()) {
      socket.disconnectNow(false);
    }
    sockets.clear();
    nsps.clear();
    close();
  }

  void remove(Socket socket) {
    sockets.remove(socket.id(), socket);
    nsps.remove(socket.namespace().name(), socket);
  }

  /** Closes the session from Socket.IO's side (reason {@code "forced server close"}). */
  void close() {
    if (conn.isOpen()) {
      onClose("forced server close");
      conn.close();
    }
  }

  /** The session is closed (reason from the engine or {@link #close}); called at most once. */
  void onClose(String reason) {
    if (closed) {
      return;
    }
    closed = true;
    if (connectTimer != null) {
      connectTimer.cancel(false);
      connectTimer = null;
    }
    List<Socket> open = sockets.values();
    sockets.clear();
    nsps.clear();
    for (Socket socket : open) {
      socket.onClose(reason);
    }
    decoder.reset();
  }

  boolean isOpen() {
    return !closed && conn.isOpen();
  }

  /**
   * Encodes and queues {@code packet} (any thread). A packet without binary, on the session's loop
   * with nothing queued, is encoded straight into its WebSocket frame ({@link Parser#encodeText},
   * {@link EngineSocket#sendNow}): no {@code String}, no list.
   */
  void sendPacket(SocketPacket packet) {
    Instrumentation observer = server.instrumentation();
    CharSequence text = parser.encodeText(packet);
    if (text != null) {
      int bytes = observer == null ? 0 : utf8Length(text);
      if (!conn.sendNow(text)) {
        conn.send(text.toString());
      }
      if (observer != null) {
        observer.bytesSent(conn, bytes);
      }
      return;
    }
    for (Object part : parser.encode(packet)) {
      if (part instanceof byte[] bytes) {
        conn.send(bytes);
        if (observer != null) {
          observer.bytesSent(conn, bytes.length);
        }
      } else {
        conn.send((String) part);
        if (observer != null) {
          observer.bytesSent(conn, utf8Length((String) part));
        }
      }
    }
  }

  /** The size of {@code message} on the wire before Engine.IO framing. */
  static int byteLength(EngineMessage message) {
    return message.isBinary() ? message.binary().length : utf8Length(message.text());
  }

  /** The UTF-8 length of {@code text}, without encoding it. */
  static int utf8Length(CharSequence text) {
    int bytes = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
