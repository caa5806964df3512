package dev.sio.server.internal;

import dev.sio.server.Handshake;
import dev.sio.server.Namespace;
import dev.sio.server.RemoteSocket;
import dev.sio.server.SocketDetails;
import java.util.Map;
import java.util.Set;

/**
 * A socket of another server (Node's {@code RemoteSocket}): its details as received, its operations
 * as broadcasts to the room named by its id.
 */
public final class RemoteSocketView implements RemoteSocket {
  private final Namespace nsp;
  private final SocketDetails details;

  /** A view of the socket {@code details} describes, acting through {@code nsp}. */
  public RemoteSocketView(Namespace nsp, SocketDetails details) {
    this.nsp = nsp;
    this.details = details;
  }

  @Override
  public String id() {
    return details.id();
  }

  @Override
  public Handshake handshake() {
    return details.handshake();
  }

  @Override
  public Set<String> rooms() {
    return details.rooms();
  }

  @Override
  public Map<String, Object> data() {
    return java.util.Collections.unmodifiableMap(SocketData.asMap(details.data()));
  }

  @Override
  public Object dataValue() {
    Object data = details.data();
    return data instanceof Map<?, ?> map ? java.util.Collections.unmodifiableMap(map) : data;
  }

  @Override
  public void emit(String event, Object... args) {
    nsp.to(details.id()).emit(event, args);
  }

  @Override
  public void join(String... rooms) {
    nsp.in(details.id()).socketsJoin(rooms);
  }

  @Override
  public void leave(String room) {
    nsp.in(details.id()).socketsLeave(room);
  }

  @Override
  public void disconnect(boolean close) {
    nsp.in(details.id()).disconnectSockets(close);
  }

  @Override
  public String toString() {
    return "RemoteSocket[" + details.id() + "]";
  }
}
