package dev.sio.engine.internal;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineHandshake;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.BodyAdmission;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.PollExchange;
import dev.sio.engine.spi.RequestBody;
import dev.sio.engine.spi.SessionExecutor;
import dev.sio.protocol.engineio.EnginePacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session (Node's {@code Socket}): write buffer, transport and upgrade; its {@link
 * Heartbeat} says when to ping and when to give up.
 *
 * <p>All state is owned by one event loop, {@link #owner}: the loop of the connection that made the
 * handshake. A WebSocket that upgrades the session is re-registered on that loop before its
 * handshake, so a WebSocket session never hops threads. Work from other threads enters through
 * {@link #execute}: a lock-free queue drained in order on the owner, one wake-up per burst.
 */
public final class EngineSession implements EngineSocket, EngineTransport.Listener, BodyAdmission {
  private static final Logger log = LoggerFactory.getLogger(EngineSession.class);

  /** How long a shutdown waits for a polling client's next GET to carry the close packet. */
  static final long SHUTDOWN_POLL_WAIT_MILLIS = 1_000;

  private static final AtomicIntegerFieldUpdater<EngineSession> DRAIN_SCHEDULED =
      AtomicIntegerFieldUpdater.newUpdater(EngineSession.class, "drainScheduled");

  private static final AtomicIntegerFieldUpdater<EngineSession> DATA_REQUEST =
      AtomicIntegerFieldUpdater.newUpdater(EngineSession.class, "dataRequest");

  @SuppressWarnings("rawtypes")
  private static final AtomicReferenceFieldUpdater<EngineSession, Queue> INBOX =
      AtomicReferenceFieldUpdater.newUpdater(EngineSession.class, Queue.class, "inbox");

  private enum State {
    OPEN,
    CLOSING,
    CLOSED
  }

  private final String id;
  private final int protocol; // 4, or 3 for an Engine.IO v3 client (allowEIO3)
  private final EngineEndpoint endpoint;
  private final EngineHandshake handshake;
  private final EngineHandler handler;
  private final EngineOptions options;
  // Any thread in, owner out; made by the owner's newInbox() at the first hand-over from another
  // thread (CAS), so an idle session holds no queue. Read it through inboxEmpty() and inbox(): it
  // may be null.
  private volatile Queue<Object> inbox;

  private final SessionExecutor owner;
  private volatile int drainScheduled; // CAS by any thread
  private volatile State state = State.OPEN; // written by the owner, read by any thread
  private volatile int dataRequest; // CAS by any connection loop: 1 while a POST is being read
  private volatile EngineTransport current; // written by the owner, read by any thread (writable)
  private volatile String transportName; // written by the owner, read by any thread

  private EngineTransport transport; // owner
  // owner; starts without an array: a WebSocket session sends at once and seldom buffers
  private List<Object> writeBuffer; // owner: null while empty (most sends skip it)
  private final Heartbeat heartbeat = new Heartbeat(this); // owner
  private boolean closeAfterDrain; // owner: close() waits for the write buffer
  private SessionUpgrade upgrade; // owner: the upgrade in progress, or null
  private boolean upgraded; // owner
  private final SessionBound bound; // owner, except bytes(): maxBufferedBytes and the budget
  private boolean abortTransport; // owner: the close cuts the connection (over a bound)
  private ScheduledFuture<?> drainDeadline; // owner: close() waiting for the buffer, or null
  private final ReadCheck readCheck =
      new ReadCheck(this::heldPongCounts); // owner: pong after reads
  private boolean deferFlush; // owner: a broadcast writes; the loop's FanOutFlusher flushes
  private Runnable whenClosed; // owner: the shutdown's wait for this session, run once closed
  boolean flushQueued; // owner: this session waits in its loop's FanOutFlusher

  EngineSession(
      String id,
      int protocol,
      EngineEndpoint endpoint,
      EngineHandshake handshake,
      SessionExecutor owner) {
    this.id = id;
    this.protocol = protocol;
    this.endpoint = endpoint;
    this.handshake = handshake;
    this.handler = endpoint.handler();
    this.options = endpoint.options();
    this.owner = owner;
    this.bound = new SessionBound(options.maxBufferedBytes(), endpoint.budget());
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
  public HttpRequestInfo request() {
    EngineTransport t = transport;
    HttpRequestInfo r = t == null ? null : t.request();
    return r != null ? r : EngineSocket.super.request();
  }

  @Override
  public String transport() {
    return transportName;
  }

  @Override
  public boolean isOpen() {
    return state == State.OPEN;
  }

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
        && (!owner.inExecutor() || bufferEmpty())
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
        || !owner.inExecutor()
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

  @Override
  public void close() {
    execute(this::closeForced);
  }

  /** The session's executor: on Netty, the event loop that owns it (not a wrapper). */
  @Override
  public SessionExecutor executor() {
    return owner;
  }

  @Override
  public String toString() {
    return "EngineSession[" + id + ", " + transportName + ", " + state + "]";
  }

  // ---- threading ----

  /** True on the owner thread. */
  boolean inOwner() {
    return owner.inExecutor();
  }

  /** True when a task may run at once: on the owner, with nothing queued before it. */
  boolean canRunNow() {
    return owner.inExecutor() && inboxEmpty();
  }

  /** The options of the session's endpoint. */
  EngineOptions options() {
    return options;
  }

  /** The executor that owns the session (on Netty, an event loop). */
  SessionExecutor owner() {
    return owner;
  }

  /**
   * Runs {@code task} on the owner, in submission order: at once when called on the owner with
   * nothing queued, else through the inbox.
   */
  public void execute(Runnable task) {
    if (owner.inExecutor() && inboxEmpty()) {
      runSafely(task);
    } else {
      enqueue(task);
    }
  }

  private void submit(Object item) {
    if (owner.inExecutor() && inboxEmpty()) {
      sendPacket(item);
    } else {
      enqueue(item);
    }
  }

  private boolean bufferEmpty() {
    List<Object> b = writeBuffer;
    return b == null || b.isEmpty();
  }

  private boolean inboxEmpty() {
    Queue<Object> q = inbox;
    return q == null || q.isEmpty();
  }

  @SuppressWarnings("unchecked")
  private Queue<Object> inbox() {
    Queue<Object> q = inbox;
    if (q == null) {
      q = owner.newInbox();
      if (!INBOX.compareAndSet(this, null, q)) {
        q = inbox;
      }
    }
    return q;
  }

  private void enqueue(Object item) {
    inbox().offer(item);
    SessionExecutor loop = owner;
    if (loop.inExecutor()) {
      drain();
    } else if (DRAIN_SCHEDULED.compareAndSet(this, 0, 1)) {
      loop.execute(this::drainTask); // made per hand-over: an idle session holds no task
    }
  }

  private void drainTask() {
    drainScheduled = 0;
    drain();
  }

  private void drain() {
    Queue<Object> q = inbox;
    if (q == null) {
      return;
    }
    Object item;
    while ((item = q.poll()) != null) {
      if (item instanceof Runnable r) {
        runSafely(r);
      } else if (item instanceof ExecutorBroadcast b) { // a broadcast's parts, kept together
        b.deliverTo(this);
      } else {
        sendPacket(item);
      }
    }
  }

  // ---- broadcast fan-out (see FanOut) ----

  /**
   * Any thread: queues a broadcast behind everything sent to this session before. True when the
   * caller must have the session drained ({@link #drainForBroadcast}), false when a drain is
   * already scheduled and will take it.
   */
  boolean offerForBroadcast(ExecutorBroadcast broadcast) {
    inbox().offer(broadcast);
    return DRAIN_SCHEDULED.compareAndSet(this, 0, 1);
  }

  /** Owner: drains the inbox as the drain task would, leaving the flush to the loop's pass. */
  void drainForBroadcast() {
    drainScheduled = 0;
    boolean outer = deferFlush;
    deferFlush = true;
    try {
      drain();
    } finally {
      deferFlush = outer;
    }
  }

  /** Owner: sends a broadcast as {@link #send} would, leaving the flush to the pass. */
  void sendForBroadcast(ExecutorBroadcast broadcast) {
    boolean outer = deferFlush;
    deferFlush = true;
    try {
      if (inboxEmpty()) {
        broadcast.deliverTo(this);
      } else {
        enqueue(broadcast); // behind what waits in the inbox; drained at once on the owner
      }
    } finally {
      deferFlush = outer;
    }
  }

  /**
   * Owner: sends one part of a broadcast; {@code held}, when not null, is its shared form, made by
   * {@link MessageChannel#holdShared} on a connection of this executor, which the connection writes
   * from.
   */
  void sendShared(EngineMessage message, Object held) {
    if (held != null
        && state == State.OPEN
        && !(protocol == 3 && message.isBinary()) // v3: its own frame, with the type byte
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
  MessageChannel sharedChannel() {
    return state == State.OPEN && transport instanceof WebSocketTransport ws ? ws.channel() : null;
  }

  /** Owner, called by the loop's {@link FanOutFlusher}: flushes what broadcasts wrote. */
  void flushDeferred() {
    if (state == State.CLOSED || transport == null) {
      return;
    }
    if (transport instanceof WebSocketTransport ws) {
      ws.flushNow();
    } else {
      flush(); // a waiting poll is answered once, with everything of the pass
    }
  }

  private static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      log.warn("Engine.IO task failed", t);
    }
  }

  /** Schedules {@code task} on the owner. */
  ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
    return owner.schedule(() -> runSafely(task), delay, unit);
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

  private void setTransport(EngineTransport t) {
    transport = t;
    current = t;
    transportName = t.name();
    t.listener(this);
  }

  /**
   * Detaches and closes the current transport (Node's {@code clearTransport}, which also clears the
   * pong's timer: here the heartbeat keeps it, see {@link Heartbeat#transportChanged}).
   */
  private void clearTransport() {
    EngineTransport t = transport;
    t.listener(null);
    t.close();
  }

  /** An HTTP request for this session (owner). */
  void onHttpRequest(PollExchange ex, String requestedTransport) {
    closeIfPingOverdue();
    if (upgrade != null
        && state == State.OPEN
        && "GET".equals(ex.request().method())
        && transport instanceof PollingTransport
        && transportName.equals(requestedTransport)
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
    if (!transportName.equals(requestedTransport) || !(transport instanceof PollingTransport)) {
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

  private void sendPacket(Object item) {
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
  void checkBound() {
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
        id,
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

  private void flush() {
    if (upgrade != null && state != State.CLOSED && !bufferEmpty()) {
      upgrade.releasePoll(); // a GET held by the upgrade takes what is queued now (its onReady)
    }
    if (state == State.CLOSED || !transport.writable() || bufferEmpty()) {
      return;
    }
    List<Object> items = writeBuffer;
    writeBuffer = null; // the transport keeps the list; the next buffered item starts another
    transport.send(items);
    bound.flushed();
    readCheck.flushed(transport);
    if (closeAfterDrain) {
      closeAfterDrain = false;
      cancel(drainDeadline);
      closeTransport();
    }
  }

  @Override
  public void onReady() {
    flush(); // during an upgrade, SessionUpgrade's check ends the poll with a noop, as Node's
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
  void onClose(String reason, String description) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    heartbeat.stop();
    cancel(drainDeadline);
    writeBuffer = null;
    bound.release();
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
