package dev.sio.engine.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.protocol.engineio.EnginePacket;
import java.util.List;

/**
 * A transport of one session (polling or WebSocket), as Node's {@code Transport}. Every method and
 * every listener call runs on the session's event loop.
 */
public abstract class EngineTransport {
  /** What a transport reports to its owner (the session, or an upgrade in progress). */
  public interface Listener {
    /** A packet arrived. */
    void onPacket(EnginePacket packet);

    /** A packet could not be parsed. */
    void onParseError(String description);

    /** The transport failed ({@code "transport error"}). */
    void onError(String description);

    /** The transport closed ({@code "transport close"}). */
    void onClose();

    /** The transport became writable (a poll arrived). */
    default void onReady() {}

    /** The connection crossed its high or low water mark. */
    default void onWritabilityChanged() {}
  }

  /** Transport states, as Node's. */
  protected enum State {
    OPEN,
    CLOSING,
    CLOSED
  }

  protected final EngineSession session;
  protected Listener listener; // session loop
  protected State state = State.OPEN; // session loop
  protected boolean discarded; // session loop
  // Written on the session loop, read by any thread: the request that brought the latest data.
  protected volatile HttpRequestInfo request;

  // Session loop, set once before use: Engine.IO v3 only, false when the request that created the
  // transport had b64 (binary goes as base64 text, Node's supportsBinary).
  protected boolean supportsBinary = true;

  protected EngineTransport(EngineSession session) {
    this.session = session;
  }

  /** Reads the creating request's options ({@code b64}); called once, before the first send. */
  void configure(HttpRequestInfo info) {
    String b64 = info.queryParam("b64");
    supportsBinary = b64 == null || b64.isEmpty();
  }

  /** {@code "polling"} or {@code "websocket"}. */
  public abstract String name();

  /** The request that brought the latest data (a POST, the upgrade), or {@code null}. */
  public HttpRequestInfo request() {
    return request;
  }

  /** Records the request that brings data now. */
  public void request(HttpRequestInfo info) {
    this.request = info;
  }

  /** Whether {@link #send} may be called now. */
  public abstract boolean writable();

  /**
   * Whether a packet sent now would be written at once with nothing before it (Node's {@code
   * transport.writable}, which is false from a send until its write completes). Any thread.
   */
  public abstract boolean idle();

  /** Bytes written but still waiting in the connection (Netty's outbound buffer). Any thread. */
  public long pendingBytes() {
    return 0;
  }

  /** True when the connection holds so much unwritten that a close frame would wait behind it. */
  public boolean backedUp() {
    return false;
  }

  /** Cuts the connection at once (TCP reset), dropping what waits in it. */
  public void abort() {}

  /** Sends queued items: {@link EnginePacket}s and {@link dev.sio.engine.EngineMessage}s. */
  public abstract void send(List<Object> items);

  /** Sets who hears about packets, errors and the close; {@code null} detaches. */
  public void listener(Listener listener) {
    this.listener = listener;
  }

  /** Marks the transport as replaced by an upgrade: it may close without ceremony. */
  public void discard() {
    discarded = true;
  }

  /** Closes the transport, then runs {@code onClosed} (Node's {@code close(fn)}). */
  public void close(Runnable onClosed) {
    if (state != State.OPEN) {
      return;
    }
    state = State.CLOSING;
    doClose(onClosed == null ? () -> {} : onClosed);
  }

  /** Closes the transport without a callback. */
  public void close() {
    close(null);
  }

  protected abstract void doClose(Runnable onClosed);

  /** Marks closed and tells the listener, once. */
  protected void onClosed() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    Listener l = listener;
    if (l != null) {
      l.onClose();
    }
  }

  protected void onError(String description) {
    Listener l = listener;
    if (l != null) {
      l.onError(description);
    }
  }

  protected void onPacket(EnginePacket packet) {
    Listener l = listener;
    if (l != null) {
      l.onPacket(packet);
    }
  }
}
