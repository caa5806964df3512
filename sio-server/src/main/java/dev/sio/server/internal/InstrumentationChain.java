package dev.sio.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.engine.EngineSocket;
import dev.sio.server.Instrumentation;
import dev.sio.server.Namespace;
import dev.sio.server.Socket;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several {@link Instrumentation}s seen as one: each call goes to every observer in registration
 * order; an observer that throws is logged and the others still hear about it. Immutable.
 */
public final class InstrumentationChain implements Instrumentation {
  private static final Logger LOG = LoggerFactory.getLogger(InstrumentationChain.class);

  private final List<Instrumentation> observers;

  /** A chain of {@code observers} (copied). */
  public InstrumentationChain(List<Instrumentation> observers) {
    this.observers = List.copyOf(observers);
  }

  private void each(Consumer<Instrumentation> call) {
    for (Instrumentation observer : observers) {
      try {
        call.accept(observer);
      } catch (RuntimeException e) {
        LOG.warn("instrumentation {} failed", observer, e);
      }
    }
  }

  @Override
  public void sessionOpened(EngineSocket session) {
    each(o -> o.sessionOpened(session));
  }

  @Override
  public void sessionUpgraded(EngineSocket session, String transport) {
    each(o -> o.sessionUpgraded(session, transport));
  }

  @Override
  public void sessionClosed(EngineSocket session, String reason) {
    each(o -> o.sessionClosed(session, reason));
  }

  @Override
  public void bytesReceived(EngineSocket session, int bytes) {
    each(o -> o.bytesReceived(session, bytes));
  }

  @Override
  public void bytesSent(EngineSocket session, int bytes) {
    each(o -> o.bytesSent(session, bytes));
  }

  @Override
  public void socketConnected(Socket socket) {
    each(o -> o.socketConnected(socket));
  }

  @Override
  public void socketDisconnected(Socket socket, String reason) {
    each(o -> o.socketDisconnected(socket, reason));
  }

  @Override
  public void socketDataChanged(Socket socket) {
    each(o -> o.socketDataChanged(socket));
  }

  @Override
  public void roomJoined(Namespace nsp, String room, String socketId) {
    each(o -> o.roomJoined(nsp, room, socketId));
  }

  @Override
  public void roomLeft(Namespace nsp, String room, String socketId) {
    each(o -> o.roomLeft(nsp, room, socketId));
  }

  @Override
  public void eventReceived(Socket socket, String event, List<JsonNode> args) {
    each(o -> o.eventReceived(socket, event, args));
  }

  @Override
  public void eventSent(Socket socket, JsonNode data) {
    each(o -> o.eventSent(socket, data));
  }

  @Override
  public void ackReceived(Socket socket, long nanos) {
    each(o -> o.ackReceived(socket, nanos));
  }

  @Override
  public void ackTimedOut(Socket socket) {
    each(o -> o.ackTimedOut(socket));
  }

  @Override
  public void broadcastSent(Namespace nsp, int recipients) {
    each(o -> o.broadcastSent(nsp, recipients));
  }

  @Override
  public void adapterRequest(Namespace nsp, String type) {
    each(o -> o.adapterRequest(nsp, type));
  }

  @Override
  public void adapterRequestTimedOut(Namespace nsp, String type) {
    each(o -> o.adapterRequestTimedOut(nsp, type));
  }
}
