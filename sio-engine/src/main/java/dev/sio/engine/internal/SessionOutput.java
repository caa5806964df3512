package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.SessionExecutor;
import dev.sio.protocol.engineio.EnginePacket;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of an {@link EngineSession}: its state, its transport and the write buffer in
 * front of it (Node's {@code sendPacket} and {@code flush}), the bound on what it holds ({@link
 * SessionBound}), and the writes of a broadcast's parts, whose flush the loop's {@link
 * FanOutFlusher} makes once per pass. A packet goes straight to an open WebSocket when nothing
 * waits before it; otherwise it waits in the write buffer until the transport can take it (over
 * polling, until a GET is pending).
 *
 * <p>The session's superclass rather than an object it holds, so a session costs no extra object (a
 * client's live heap). What a flush means to the session's lifecycle (a held poll, the close after
 * the buffer drained) and the close when a bound is exceeded are the session's: {@link
 * #beforeFlush}, {@link #flushed}, {@link #onClose(String, String)}.
 */
abstract class SessionOutput extends SessionInbox
    implements EngineSocket, EngineTransport.Listener {
  // the session's logger: a bound exceeded is the session's to report
  private static final Logger log = LoggerFactory.getLogger(EngineSession.class);

  /** The session's states (Node's {@code readyState}: open, closing, closed). */
  enum State {
    OPEN,
    CLOSING,
    CLOSED
  }

  volatile State state = State.OPEN; // written by the owner, read by any thread
  private volatile EngineTransport current; // written by the owner, read by any thread (writable)
  private volatile String transportName; // written by the owner, read by any thread
  EngineTransport transport; // owner: written by setTransport only
  // owner; starts without an array: a WebSocket session sends at once and seldom buffers
  private List<Object> writeBuffer; // owner: null while empty (most sends skip it)
  private final SessionBound bound; // owner, except bytes(): maxBufferedBytes and the budget
  boolean abortTransport; // owner: the close cuts the connection (over a bound)
  boolean flushQueued; // owner: this session waits in its loop's FanOutFlusher

  SessionOutput(SessionExecutor owner, SessionBound bound) {
    super(owner);
    this.bound = bound;
  }

  @Override
  public HttpRequestInfo request() {
    EngineTransport t = transport;
    HttpRequestInfo r = t == null ? null : t.request();
    return r != null ? r : EngineSocket.super.request();
  }

  @Override
  public String transport() {
    return transportName;
  }

  /** Owner: a flush begins (an upgrade's held poll takes what is queued). */
  abstract void beforeFlush();

  /** Owner: the write buffer was handed to the transport. */
  abstract void flushed();

  /** Owner: closes the session once and tells the handler (a bound exceeded). */
  abstract void onClose(String reason, String description);

  /**
   * Open, nothing in the inbox or the write buffer, and the transport {@link EngineTransport#idle
   * idle}. (The write buffer holds items only while the transport cannot take them, so another
   * thread, which may not read it, loses nothing by skipping it.)
   */
  @Override
  public boolean writable() {
    EngineTransport t = current;
    return state == State.OPEN
        && t != null
        && inboxEmpty()
        && (!inOwner() || bufferEmpty())
        && t.idle();
  }

  /** The write buffer and the connection's unwritten bytes. Any thread; a snapshot elsewhere. */
  @Override
  public long bufferedBytes() {
    return bound.bytes(current);
  }

  @Override
  public void send(String text) {
    submit(EnginePacket.message(text));
  }

  @Override
  public void send(byte[] data) {
    submit(EnginePacket.binary(data));
  }

  /**
   * Encodes {@code text} straight into a WebSocket frame when nothing waits before it (the same
   * condition under which {@link #send(String)} would write at once): no {@code String}, no packet.
   */
  @Override
  public boolean sendNow(CharSequence text) {
    if (state != State.OPEN
        || !inOwner()
        || !inboxEmpty()
        || !bufferEmpty()
        || !(transport instanceof WebSocketTransport ws)
        || !ws.writable()) {
      return false;
    }
    ws.sendText(text);
    if (ws.backedUp()) { // over the high water mark: the only case worth a check
      checkBound();
    }
    return true;
  }

  @Override
  public void send(EngineMessage message) {
    submit(message);
  }

  /** True when the write buffer holds nothing (owner). */
  final boolean bufferEmpty() {
    List<Object> b = writeBuffer;
    return b == null || b.isEmpty();
  }

  /**
   * Owner: sends one part of a broadcast; {@code held}, when not null, is its shared form, made by
   * {@link MessageChannel#holdShared} on a connection of this executor, which the connection writes
   * from.
   */
  final void sendShared(EngineMessage message, Object held) {
    if (held != null
        && state == State.OPEN
        && !(protocol() == 3 && message.isBinary()) // v3: its own frame, with the type byte
        && deferFlush
        && bufferEmpty()
        && transport instanceof WebSocketTransport ws
        && ws.writable()) {
      ws.writeShared(message, held);
      FanOutFlusher.defer(this);
      if (ws.backedUp()) {
        checkBound();
      }
      return;
    }
    sendPacket(message);
  }

  /**
   * Owner: the channel of this session's WebSocket, which may make a broadcast part's shared form
   * ({@link MessageChannel#holdShared}); null when the session is not open over a WebSocket.
   */
  final MessageChannel sharedChannel() {
    return state == State.OPEN && transport instanceof WebSocketTransport ws ? ws.channel() : null;
  }

  /** Owner, called by the loop's {@link FanOutFlusher}: flushes what broadcasts wrote. */
  final void flushDeferred() {
    if (state == State.CLOSED || transport == null) {
      return;
    }
    if (transport instanceof WebSocketTransport ws) {
      ws.flushNow();
    } else {
      flush(); // a waiting poll is answered once, with everything of the pass
    }
  }

  /** Makes {@code t} the session's transport, this its listener (owner). */
  final void setTransport(EngineTransport t) {
    transport = t;
    current = t;
    transportName = t.name();
    t.listener(this);
  }

  /**
   * Detaches and closes the current transport (Node's {@code clearTransport}, which also clears the
   * pong's timer: here the heartbeat keeps it, see {@link Heartbeat#transportChanged}).
   */
  final void clearTransport() {
    EngineTransport t = transport;
    t.listener(null);
    t.close();
  }

  @Override
  final void sendPacket(Object item) {
    if (state != State.OPEN) {
      return;
    }
    if (bufferEmpty() && transport instanceof WebSocketTransport ws && ws.writable()) {
      if (deferFlush) {
        ws.writeOne(item); // a broadcast: flushed once at the end of the loop's pass
        FanOutFlusher.defer(this);
      } else {
        ws.sendOne(item); // the common case: no list, one frame, a coalesced flush
      }
      if (ws.backedUp()) { // over the high water mark: the only case worth a check
        checkBound();
      }
      return;
    }
    if (writeBuffer == null) {
      writeBuffer = new ArrayList<>(4);
    }
    writeBuffer.add(item);
    bound.added(item);
    if (deferFlush && transport instanceof PollingTransport) {
      FanOutFlusher.defer(this); // one answer to a waiting poll per pass, not one per packet
    } else {
      flush();
    }
    if (bound.worthChecking()) {
      checkBound();
    }
  }

  /** Closes the session when it holds more than {@code maxBufferedBytes} or its budget share. */
  final void checkBound() {
    if (state != State.OPEN || transport == null) {
      return;
    }
    long bytes = bound.bytes(transport);
    String exceeded = bound.check(bytes);
    if (exceeded == null) {
      return;
    }
    log.warn(
        "Engine.IO session {} closed: {} bytes queued for a client that does not read them, over"
            + " {} ({} bytes)",
        id(),
        bytes,
        exceeded,
        bound.limit(exceeded));
    abortTransport = true; // the queued frames are dropped: nothing waits behind them
    onClose(EngineProtocol.TRANSPORT_ERROR, exceeded + " exceeded: " + bytes + " bytes queued");
  }

  /** The WebSocket crossed its high or low water mark (owner). */
  @Override
  public void onWritabilityChanged() {
    checkBound();
  }

  /** Hands the write buffer to the transport when it can take it (owner). */
  final void flush() {
    beforeFlush();
    if (state == State.CLOSED || !transport.writable() || bufferEmpty()) {
      return;
    }
    List<Object> items = writeBuffer;
    writeBuffer = null; // the transport keeps the list; the next buffered item starts another
    transport.send(items);
    bound.flushed();
    flushed();
  }

  /** The session closed: the write buffer is dropped and its share of the budget returned. */
  final void dropBuffer() {
    writeBuffer = null;
    bound.release();
  }

  @Override
  public void onReady() {
    flush(); // during an upgrade, SessionUpgrade's check ends the poll with a noop, as Node's
  }
}
