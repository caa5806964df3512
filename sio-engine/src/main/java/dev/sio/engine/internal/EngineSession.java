package dev.sio.engine.internal;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineHandshake;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.spi.BodyAdmission;
import dev.sio.engine.spi.PollExchange;
import dev.sio.engine.spi.RequestBody;
import dev.sio.engine.spi.SessionExecutor;
import dev.sio.protocol.engineio.EnginePacket;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session (Node's {@code Socket}): its lifecycle, the packets it reads, its upgrade
 * and its close; its {@link Heartbeat} says when to ping and when to give up. Its write side (the
 * transport, the write buffer and its bound, a broadcast's writes) is its superclass {@link
 * SessionOutput}, and how work reaches its owner is {@link SessionInbox}'s; superclasses, so a
 * session is one object (an idle client's live heap).
 *
 * <p>All state is owned by one event loop, {@link #owner()}: the loop of the connection that made
 * the handshake. A WebSocket that upgrades the session is re-registered on that loop before its
 * handshake, so a WebSocket session never hops threads. Work from other threads enters through
 * {@link #execute}: a lock-free queue drained in order on the owner, one wake-up per burst.
 */
public final class EngineSession extends SessionOutput implements BodyAdmission {
  private static final Logger log = LoggerFactory.getLogger(EngineSession.class);

  /** How long a shutdown waits for a polling client's next GET to carry the close packet. */
  static final long SHUTDOWN_POLL_WAIT_MILLIS = 1_000;

  private static final AtomicIntegerFieldUpdater<EngineSession> DATA_REQUEST =
      AtomicIntegerFieldUpdater.newUpdater(EngineSession.class, "dataRequest");

  private final String id;
  private final int protocol; // 4, or 3 for an Engine.IO v3 client (allowEIO3)
  private final EngineEndpoint endpoint;
  private final EngineHandshake handshake;
  private final EngineHandler handler;
  private final EngineOptions options;
  private volatile int dataRequest; // CAS by any connection loop: 1 while a POST is being read
  private final Heartbeat heartbeat = new Heartbeat(this); // owner
  private boolean closeAfterDrain; // owner: close() waits for the write buffer
  private SessionUpgrade upgrade; // owner: the upgrade in progress, or null
  private boolean upgraded; // owner
  private ScheduledFuture<?> drainDeadline; // owner: close() waiting for the buffer, or null
  private final ReadCheck readCheck =
      new ReadCheck(this::heldPongCounts); // owner: pong after reads
  private Runnable whenClosed; // owner: the shutdown's wait for this session, run once closed

  EngineSession(
      String id,
      int protocol,
      EngineEndpoint endpoint,
      EngineHandshake handshake,
      SessionExecutor owner) {
    super(owner, new SessionBound(endpoint.options().maxBufferedBytes(), endpoint.budget()));
    this.id = id;
    this.protocol = protocol;
    this.endpoint = endpoint;
    this.handshake = handshake;
    this.handler = endpoint.handler();
    this.options = endpoint.options();
  }

  // ---- EngineSocket ----

  @Override
  public String id() {
    return id;
  }

  @Override
  public int protocol() {
    return protocol;
  }

  /** The {@code EIO} every request of this session carries. */
  String protocolVersion() {
    return protocol == 3 ? EngineProtocol.PROTOCOL_VERSION_3 : EngineProtocol.PROTOCOL_VERSION;
  }

  /** True for an Engine.IO v3 session: the client pings, v3 payload encodings. */
  boolean isV3() {
    return protocol == 3;
  }

  @Override
  public EngineHandshake handshake() {
    return handshake;
  }

  @Override
  public boolean isOpen() {
    return state == State.OPEN;
  }

  @Override
  public void close() {
    execute(this::closeForced);
  }

  /** The session's executor: on Netty, the event loop that owns it (not a wrapper). */
  @Override
  public SessionExecutor executor() {
    return owner();
  }

  @Override
  public String toString() {
    return "EngineSession[" + id + ", " + transport() + ", " + state + "]";
  }

  /** The options of the session's endpoint. */
  EngineOptions options() {
    return options;
  }

  // ---- broadcast fan-out (see FanOut; its hand-over is SessionInbox's) ----

  @Override
  void deliver(ExecutorBroadcast broadcast) {
    broadcast.deliverTo(this);
  }

  // ---- lifecycle (owner) ----

  /** Opens the session on {@code first}: queues the open packet and starts the heartbeat. */
  void open(EngineTransport first) {
    setTransport(first);
    sendPacket(EnginePacket.open(endpoint.openData(id, first instanceof PollingTransport)));
    heartbeat.start(); // v4: the first ping is armed; v3: the client's is awaited
  }

  /** Tells the handler, after the handshake's answer is on its way. */
  void notifyOpen() {
    try {
      handler.onOpen(this);
    } catch (Throwable t) {
      log.warn("EngineHandler.onOpen failed for {}", id, t);
    }
  }

  /** An HTTP request for this session (owner). */
  void onHttpRequest(PollExchange ex, String requestedTransport) {
    closeIfPingOverdue();
    if (upgrade != null
        && state == State.OPEN
        && "GET".equals(ex.request().method())
        && transport instanceof PollingTransport
        && transport().equals(requestedTransport)
        && bufferEmpty()
        && upgrade.holdPoll(ex, requestedTransport)) {
      return; // a GET after the probe: it waits for the upgrade's next check (SessionUpgrade)
    }
    admitHttpRequest(ex, requestedTransport);
  }

  /** An HTTP request for this session, not held by an upgrade (owner). */
  void admitHttpRequest(PollExchange ex, String requestedTransport) {
    if (state == State.CLOSED || transport == null) {
      releaseBody(ex); // a POST's body, read for nothing
      endpoint.abortRequest(ex, EngineProtocol.UNKNOWN_SID, null);
      return;
    }
    if (!transport().equals(requestedTransport) || !(transport instanceof PollingTransport)) {
      releaseBody(ex);
      endpoint.abortRequest(ex, EngineProtocol.BAD_REQUEST, null);
      return;
    }
    ((PollingTransport) transport).onRequest(ex);
  }

  /** Takes and releases {@code ex}'s body, if any. */
  static void releaseBody(PollExchange ex) {
    RequestBody b = ex.takeBody();
    if (b != null) {
      b.release();
    }
  }

  // ---- what a flush means to the session (SessionOutput's hooks, owner) ----

  @Override
  void beforeFlush() {
    if (upgrade != null && state != State.CLOSED && !bufferEmpty()) {
      upgrade.releasePoll(); // a GET held by the upgrade takes what is queued now (its onReady)
    }
  }

  @Override
  void flushed() {
    readCheck.flushed(transport);
    if (closeAfterDrain) {
      closeAfterDrain = false;
      cancel(drainDeadline);
      closeTransport();
    }
  }

  @Override
  public void onPacket(EnginePacket packet) {
    closeIfPingOverdue();
    if (state != State.OPEN) {
      return;
    }
    switch (packet.type()) {
      case PING -> {
        if (protocol != 3) {
          onError("invalid heartbeat direction");
          return;
        }
        heartbeat.awaitClientPing();
        sendPacket(EnginePacket.PONG);
        checkBound(); // the budget may have shrunk this session's fair share
      }
      case PONG -> {
        if (protocol == 3) {
          onError("invalid heartbeat direction");
          return;
        }
        if (!readCheck.passed(bufferEmpty(), transport)) {
          // not a sign of life until what was sent before it has left: a client that does not read
          // never gets there; a binding that learns of a write's end late gets there soon after
          log.debug("Engine.IO session {}: pong held until the last write has left", id);
          readCheck.holdPong();
          return;
        }
        pongCounts();
      }
      case MESSAGE -> {
        try {
          if (packet.isBinary()) {
            handler.onBinary(this, packet.binary());
          } else {
            handler.onMessage(this, packet.data());
          }
        } catch (Throwable t) {
          log.warn("EngineHandler failed on a message for {}", id, t);
        }
      }
      case CLOSE -> onClose(EngineProtocol.TRANSPORT_CLOSE, "client sent a close packet");
      default -> {} // open, upgrade, noop: ignored as Node does
    }
  }

  /**
   * A text MESSAGE read from a WebSocket frame, {@code utf8[offset, offset + length)}, valid during
   * the call: handed to the handler as bytes (as {@link #onPacket} would hand it a MESSAGE's text).
   */
  void onMessageBytes(byte[] utf8, int offset, int length) {
    closeIfPingOverdue();
    if (state != State.OPEN) {
      return;
    }
    try {
      handler.onMessage(this, utf8, offset, length);
    } catch (Throwable t) {
      log.warn("EngineHandler failed on a message for {}", id, t);
    }
  }

  @Override
  public void onParseError(String description) {
    onClose(EngineProtocol.PARSE_ERROR, description);
  }

  /**
   * Claims the one data request a session may have at a time (from its head until its body is
   * read), on the connection's loop; false if another POST for this session is being read.
   */
  boolean claimDataRequest() {
    return DATA_REQUEST.compareAndSet(this, 0, 1);
  }

  /** The claimed POST's body is read (or the request failed). */
  void releaseDataRequest() {
    dataRequest = 0;
  }

  /** The admitted POST body is read, or its request ended ({@link BodyAdmission}). */
  @Override
  public void release() {
    releaseDataRequest();
  }

  /** The admitted POST body will not come: the session closes with {@code description}. */
  @Override
  public void fail(String description) {
    execute(() -> onError(description));
  }

  @Override
  public void onError(String description) {
    onClose(EngineProtocol.TRANSPORT_ERROR, description);
  }

  @Override
  public void onClose() {
    onClose(EngineProtocol.TRANSPORT_CLOSE, null);
  }

  private void pongCounts() {
    heartbeat.onPong();
    readCheck.place(bufferEmpty(), transport);
  }

  /** A held pong: the write it waited for has left (owner). */
  private void heldPongCounts() {
    closeIfPingOverdue();
    if (state == State.OPEN) {
      pongCounts();
    }
  }

  /** The heartbeat's ping is due (owner): sends it, and the pong counts once it has left. */
  void sendPing() {
    sendPacket(EnginePacket.PING);
    readCheck.place(bufferEmpty(), transport);
  }

  /**
   * Closes with {@code "ping timeout"} when the pong is overdue by the schedule but a busy machine
   * has delayed the timers: whatever arrives after the deadline must not revive the session.
   */
  private void closeIfPingOverdue() {
    if (state != State.CLOSED && heartbeat.overdue()) {
      onClose(EngineProtocol.PING_TIMEOUT, null);
    }
  }

  /** Server-side close (Node's {@code close()}): flushes the buffer first. */
  private void closeForced() {
    if (state != State.OPEN) {
      return;
    }
    state = State.CLOSING;
    if (!bufferEmpty()) {
      closeAfterDrain = true;
      drainDeadline = // a client that never polls again must not keep the session
          schedule(
              () -> onClose(EngineProtocol.FORCED_CLOSE, "closeTimeout: the buffer was not read"),
              options.closeTimeoutMillis(),
              TimeUnit.MILLISECONDS);
      return;
    }
    closeTransport();
  }

  private void closeTransport() {
    transport.close(() -> onClose(EngineProtocol.FORCED_CLOSE, null));
  }

  /**
   * Closes for a shutdown (Node's {@code close(true)}: the transport is discarded), then runs
   * {@code closed}. A polling session whose client is between two polls waits for its next GET to
   * carry the close packet, at most {@link #SHUTDOWN_POLL_WAIT_MILLIS}.
   */
  void closeForShutdown(Runnable closed) {
    if (state == State.CLOSED) {
      closed.run();
      return;
    }
    whenClosed = closed;
    state = State.CLOSING;
    if (transport == null) { // the handshake failed half-way
      onClose(EngineProtocol.SERVER_SHUTTING_DOWN, null);
      return;
    }
    // Between two polls, the client's next GET carries the close packet: discarded, the session
    // would be gone when it comes (a 400, "transport error" on the client, not "transport close").
    // It is waited for SHUTDOWN_POLL_WAIT_MILLIS at most.
    boolean betweenPolls =
        transport instanceof PollingTransport p
            && p.state == EngineTransport.State.OPEN
            && !p.writable();
    if (betweenPolls) {
      ((PollingTransport) transport).closeWait(SHUTDOWN_POLL_WAIT_MILLIS);
    } else {
      transport.discard();
    }
    transport.close(() -> onClose(EngineProtocol.SERVER_SHUTTING_DOWN, null));
    if (state != State.CLOSED && !betweenPolls) { // a transport already closing
      onClose(EngineProtocol.SERVER_SHUTTING_DOWN, null);
    }
  }

  /** Closes the session once and tells the handler (Node's {@code onClose}). */
  @Override
  void onClose(String reason, String description) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    heartbeat.stop();
    cancel(drainDeadline);
    dropBuffer();
    if (upgrade != null) {
      upgrade.abort();
    }
    if (transport != null) {
      if (abortTransport || (EngineProtocol.PING_TIMEOUT.equals(reason) && transport.backedUp())) {
        transport.abort(); // a close frame would wait behind what the client does not read
      }
      transport.discard(); // nobody can reach this session any more: no orderly close to wait for
      clearTransport();
    }
    endpoint.remove(this);
    try {
      handler.onClose(this, reason, description);
    } catch (Throwable t) {
      log.warn("EngineHandler.onClose failed for {}", id, t);
    }
    Runnable closed = whenClosed;
    whenClosed = null;
    if (closed != null) {
      closed.run();
    }
  }

  // ---- upgrade (owner) ----

  /**
   * A WebSocket with this sid finished its handshake, or a WebTransport stream sent an open packet
   * with this sid (Node's {@code _maybeUpgrade}).
   */
  void maybeUpgrade(WebSocketTransport ws) {
    if (state == State.CLOSED || upgrade != null || upgraded) {
      ws.closeChannel();
      return;
    }
    upgrade = new SessionUpgrade(this, ws, options.upgradeTimeoutMillis());
  }

  /**
   * True when a WebSocket or WebTransport may start an upgrade now (Node's {@code onWebSocket}
   * checks): open, none in progress or done, and polling is the transport (Node offers upgrades
   * from polling only).
   */
  boolean acceptsUpgrade() {
    return state == State.OPEN
        && upgrade == null
        && !upgraded
        && !(transport instanceof WebSocketTransport);
  }

  boolean isClosed() {
    return state == State.CLOSED;
  }

  boolean isUpgrade(SessionUpgrade u) {
    return upgrade == u;
  }

  void upgradeEnded(SessionUpgrade u) {
    if (upgrade == u) {
      upgrade = null;
    }
  }

  /** Ends a pending poll with a noop (during an upgrade). */
  void endPoll() {
    if (transport instanceof PollingTransport polling && polling.writable()) {
      polling.send(List.of(EnginePacket.NOOP));
    }
  }

  /** Completes an upgrade: the WebSocket replaces polling and gets what was queued. */
  void switchTo(WebSocketTransport ws) {
    upgraded = true;
    transport.discard();
    clearTransport();
    setTransport(ws);
    heartbeat.transportChanged(); // v4: a pong still due keeps its deadline; v3: re-armed
    flush();
    handler.onUpgrade(this, ws.name());
    if (state == State.CLOSING) {
      closeTransport();
    }
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }
}
