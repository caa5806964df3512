package dev.sio.engine.internal;

import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineHandshake;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.BodyAdmission;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.PollExchange;
import dev.sio.engine.spi.ResponseHeaders;
import dev.sio.engine.spi.SessionExecutor;
import dev.sio.engine.spi.UpgradeVerdict;
import dev.sio.engine.spi.WebSocketInbound;
import dev.sio.engine.spi.WebTransportInbound;
import dev.sio.engine.spi.WebTransportVerdict;
import dev.sio.protocol.engineio.EnginePacket;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Engine.IO endpoint's request logic (Node's {@code Server}), as a binding drives it through
 * {@link EnginePort}: verifies requests, makes handshakes, hands requests with a sid to their
 * session, decides WebSocket upgrades and opens their sessions (those of WebSocket and WebTransport
 * in {@link WebSocketHandshakes} and {@link WebTransportHandshakes}). No Netty type: on Netty the
 * entry points run on the connection's event loop, and a new session is owned by the executor its
 * request arrived on ({@link dev.sio.engine.spi.PollExchange#executor()}, {@code arrivedOn}).
 */
public final class EngineEndpoint implements EnginePort {

  private final EngineOptions options;
  private final EngineHandler handler;
  private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
  // The open packet after the sid, for a polling and a WebSocket first transport (immutable);
  // polling's has webtransport among its upgrades once a WebTransport listener is attached.
  private final String openTailPolling;
  private final String openTailPollingWebTransport;
  private final String openTailWebSocket;
  private volatile boolean webTransportAttached; // any thread
  private final WebSocketHandshakes webSocket = new WebSocketHandshakes(this);
  private final WebTransportHandshakes webTransport = new WebTransportHandshakes(this);
  private volatile boolean closed; // any thread
  private final BufferBudget budget; // maxTotalBufferedBytes of all sessions

  /**
   * An endpoint serving {@code options.path()} with {@code handler}; an unset {@code
   * maxTotalBufferedBytes} is the default {@link EngineOptions#maxTotalBufferedBytes()} reports.
   */
  public EngineEndpoint(EngineOptions options, EngineHandler handler) {
    this(options, handler, BindingDefaultsLookup.maxTotalBufferedBytes());
  }

  /**
   * An endpoint serving {@code options.path()} with {@code handler}, on a binding whose default for
   * an unset {@code maxTotalBufferedBytes} is {@code bindingTotalBufferedBytes}.
   */
  public EngineEndpoint(
      EngineOptions options, EngineHandler handler, long bindingTotalBufferedBytes) {
    this.options = options;
    this.handler = handler;
    this.budget = new BufferBudget(options.maxTotalBufferedBytes(bindingTotalBufferedBytes));
    boolean ws = options.allowUpgrades() && options.allowsTransport(EngineOptions.WEBSOCKET);
    boolean wt = options.allowUpgrades() && options.allowsTransport(EngineOptions.WEBTRANSPORT);
    this.openTailPolling = openTail(options, ws ? "[\"websocket\"]" : "[]");
    this.openTailPollingWebTransport = // Node's order: polling.upgradesTo
        openTail(
            options,
            ws && wt
                ? "[\"websocket\",\"webtransport\"]"
                : wt ? "[\"webtransport\"]" : ws ? "[\"websocket\"]" : "[]");
    this.openTailWebSocket = openTail(options, "[]");
  }

  private static String openTail(EngineOptions options, String upgrades) {
    return "\",\"upgrades\":"
        + upgrades
        + ",\"pingInterval\":"
        + options.pingIntervalMillis()
        + ",\"pingTimeout\":"
        + options.pingTimeoutMillis()
        + ",\"maxPayload\":"
        + options.maxHttpBufferSize()
        + "}";
  }

  /** The open packet's JSON for session {@code sid} (Node's handshake answer). */
  String openData(String sid, boolean polling) {
    String tail =
        !polling
            ? openTailWebSocket
            : webTransportAttached ? openTailPollingWebTransport : openTailPolling;
    return "{\"sid\":\"" + sid + tail;
  }

  BufferBudget budget() {
    return budget;
  }

  /** The options. */
  public EngineOptions options() {
    return options;
  }

  EngineHandler handler() {
    return handler;
  }

  /** Open sessions. */
  public int clientsCount() {
    return sessions.size();
  }

  /** The open sessions (a live view). */
  public Collection<EngineSession> sessions() {
    return sessions.values();
  }

  /** True when {@code uri} is under this endpoint's path (Node compares the raw URL prefix). */
  public boolean matches(String uri) {
    return uri.startsWith(options.path());
  }

  /** The open session {@code sid}, or {@code null}. */
  EngineSession sessionById(String sid) {
    return sessions.get(sid);
  }

  /** Registers {@code session}, opened by a WebSocket handshake. */
  void add(EngineSession session) {
    sessions.put(session.id(), session);
  }

  void remove(EngineSession session) {
    sessions.remove(session.id(), session);
  }

  // ---- HTTP (the binding's thread; Netty: the connection loop) ----

  @Override
  public BodyAdmission admitBody(HttpRequestInfo head, long length) {
    String sid = "POST".equals(head.method()) ? head.queryParam("sid") : null;
    EngineSession session = sid == null ? null : sessions.get(sid);
    if (length > options.maxHttpBufferSize()) { // Node: 413; the session closes once it is written
      return new BodyRefusal(413, withCors(head, Responses.empty(413)).headers(), session);
    }
    if (session == null) {
      return BodyAdmission.NO_SESSION;
    }
    if (!session.claimDataRequest()) { // Node's "data request overlap from client"
      session.execute(() -> session.onError("data request overlap from client"));
      return new BodyRefusal(400, withCors(head, Responses.empty(400)).headers(), null);
    }
    return session;
  }

  /** A refused body; {@code session} (if any) closes at {@link #fail}. */
  private record BodyRefusal(
      int refusalStatus, ResponseHeaders refusalHeaders, EngineSession session)
      implements BodyAdmission {
    @Override
    public void fail(String description) {
      if (session != null) {
        session.execute(() -> session.onError(description));
      }
    }
  }

  /** Handles a complete HTTP request (not an upgrade). */
  public void handleRequest(PollExchange ex) {
    HttpRequestInfo info = ex.request();
    CorsOptions cors = options.cors();
    if (cors != null && Cors.isPreflight(info)) {
      releaseBody(ex);
      HttpAnswer r = Responses.empty(204);
      Cors.applyPreflight(cors, info, r.headers());
      Responses.answer(ex, r);
      return;
    }
    if (closed && info.queryParam("sid") == null) { // a closing session still takes its polls
      releaseBody(ex);
      abortRequest(ex, EngineProtocol.BAD_REQUEST, null);
      return;
    }
    String transport = info.queryParam("transport");
    if (!httpTransport(transport)) { // webtransport too: it never comes over HTTP/1 (Node)
      releaseBody(ex);
      abortRequest(ex, EngineProtocol.UNKNOWN_TRANSPORT, null);
      return;
    }
    if (invalidHeaderValue(info.header("origin"))) {
      releaseBody(ex);
      abortRequest(ex, EngineProtocol.BAD_REQUEST, null);
      return;
    }
    String sid = info.queryParam("sid");
    if (sid != null) {
      EngineSession session = sessions.get(sid);
      if (session == null) {
        releaseBody(ex);
        abortRequest(ex, EngineProtocol.UNKNOWN_SID, null);
        return;
      }
      if (!"GET".equals(info.method()) && !"POST".equals(info.method())) {
        releaseBody(ex); // Node answers 500; a wrong method is the client's error
        abortRequest(ex, EngineProtocol.BAD_HANDSHAKE_METHOD, null);
        return;
      }
      if (!session.protocolVersion().equals(info.queryParam("EIO"))) {
        releaseBody(ex); // Node: 400 code 3; the same answer as a handshake with that EIO
        abortRequest(ex, EngineProtocol.UNSUPPORTED_PROTOCOL_VERSION, null);
        return;
      }
      session.execute(() -> session.onHttpRequest(ex, transport));
      return;
    }
    releaseBody(ex);
    if (!"GET".equals(info.method())) {
      abortRequest(ex, EngineProtocol.BAD_HANDSHAKE_METHOD, null);
      return;
    }
    if (EngineOptions.WEBSOCKET.equals(transport)) {
      abortRequest(ex, EngineProtocol.BAD_REQUEST, null);
      return;
    }
    AllowRequestCheck.run(
        options,
        options.allowRequest() == null ? null : ex.executor(), // looked up only when needed
        ex::onAbort,
        info,
        message -> abortRequest(ex, EngineProtocol.FORBIDDEN, message),
        () -> handshakePolling(ex));
  }

  private void handshakePolling(PollExchange ex) {
    int protocol = protocolOf(ex.request());
    if (protocol < 0) {
      abortRequest(ex, EngineProtocol.UNSUPPORTED_PROTOCOL_VERSION, null);
      return;
    }
    EngineSession session = newSession(ex.request(), ex.executor(), protocol);
    if (session == null) {
      abortRequest(ex, EngineProtocol.BAD_REQUEST, null);
      return;
    }
    PollingTransport polling = new PollingTransport(session, this);
    polling.configure(ex.request());
    try {
      session.open(polling);
      polling.onRequest(ex);
    } catch (RuntimeException | Error e) {
      session.onClose(EngineProtocol.TRANSPORT_ERROR, e.toString());
      throw e;
    }
    session.notifyOpen();
  }

  /**
   * The protocol revision a handshake asks for: 4 for {@code EIO=4}, 3 for {@code EIO=3} when
   * {@code allowEIO3} is on, else -1 (refused with "Unsupported protocol version"). Node takes any
   * EIO other than 4 for 3; Sio wants it spelled out (see docs/COMPATIBILITY.md).
   */
  int protocolOf(HttpRequestInfo info) {
    String eio = info.queryParam("EIO");
    if (EngineProtocol.PROTOCOL_VERSION.equals(eio)) {
      return 4;
    }
    if (options.allowEIO3() && EngineProtocol.PROTOCOL_VERSION_3.equals(eio)) {
      return 3;
    }
    return -1;
  }

  /** A new session owned by {@code owner}, or {@code null} once the endpoint is closed. */
  EngineSession newSession(HttpRequestInfo info, SessionExecutor owner, int protocol) {
    if (closed) {
      return null;
    }
    String id = SessionIds.next();
    EngineSession session = new EngineSession(id, protocol, this, handshakeOf(info), owner);
    sessions.put(id, session);
    return session;
  }

  /** Answers with Node's JSON error. */
  void abortRequest(PollExchange ex, int code, String message) {
    Responses.answer(ex, withCors(ex.request(), Responses.error(code, message)));
  }

  /** Adds the CORS headers of an actual request. */
  HttpAnswer withCors(HttpRequestInfo info, HttpAnswer r) {
    CorsOptions cors = options.cors();
    if (cors != null) {
      Cors.applyActual(cors, info, r.headers());
    }
    return r;
  }

  /** Adds the headers of a polling response (Node's {@code Polling.headers}). */
  HttpAnswer pollingHeaders(HttpRequestInfo info, HttpAnswer r, String cookieSid) {
    withCors(info, r);
    ResponseHeaders h = r.headers();
    String ua = info.header("user-agent");
    if (ua != null && (ua.contains(";MSIE") || ua.contains("Trident/"))) {
      h.set("X-XSS-Protection", "0");
    }
    h.set("cache-control", "no-store");
    if (cookieSid != null) {
      addCookie(h, cookieSid);
    }
    ResponseHeaderListeners.apply(options, info, h, cookieSid != null);
    return r;
  }

  /** Adds the sid cookie to an initial response when configured. */
  void addCookie(ResponseHeaders headers, String sid) {
    if (options.cookie() != null) {
      headers.add("Set-Cookie", options.cookie().serialize(sid));
    }
  }

  private static void releaseBody(PollExchange ex) {
    EngineSession.releaseBody(ex);
  }

  /** An enabled transport that HTTP requests may name: polling or websocket (Node's verify). */
  boolean httpTransport(String transport) {
    return transport != null
        && !EngineOptions.WEBTRANSPORT.equals(transport)
        && options.allowsTransport(transport);
  }

  /** Node's {@code checkInvalidHeaderChar}: true if {@code value} has a char not allowed. */
  public static boolean invalidHeaderValue(String value) {
    if (value == null) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean valid = c == '\t' || (c >= 32 && c != 127 && c <= 255);
      if (!valid) {
        return true;
      }
    }
    return false;
  }

  // ---- WebSocket upgrade ----

  @Override
  public CompletionStage<UpgradeVerdict> verifyUpgrade(
      HttpRequestInfo info, SessionExecutor arrivedOn) {
    return webSocket.verify(info, arrivedOn);
  }

  @Override
  public WebSocketInbound openWebSocket(UpgradeVerdict verdict, MessageChannel channel) {
    return webSocket.open(verdict, channel);
  }

  // ---- WebTransport ----

  @Override
  public void webTransportAttached(boolean attached) {
    webTransportAttached = attached;
  }

  @Override
  public CompletionStage<WebTransportVerdict> verifyWebTransport(
      HttpRequestInfo request, SessionExecutor arrivedOn) {
    return webTransport.verify(request, arrivedOn);
  }

  @Override
  public WebTransportInbound openWebTransport(
      HttpRequestInfo request,
      SessionExecutor arrivedOn,
      MessageChannel channel,
      EnginePacket first) {
    return webTransport.open(request, arrivedOn, channel, first);
  }

  boolean isClosed() {
    return closed;
  }

  /** The handshake the layers above see. */
  static EngineHandshake handshakeOf(HttpRequestInfo info) {
    return new EngineHandshake(
        info.uri(),
        info.headers(),
        info.query(),
        info.remoteAddress(),
        info.secure(),
        Instant.now());
  }

  // ---- shutdown ----

  /**
   * Closes every session with {@code "server shutting down"}; completes when each session has
   * closed (a polling one between two polls once its next GET carried the close packet, a second at
   * most), five seconds at most.
   */
  public CompletableFuture<Void> close() {
    closed = true;
    List<EngineSession> open = List.copyOf(sessions.values());
    CompletableFuture<?>[] done = new CompletableFuture<?>[open.size()];
    for (int i = 0; i < open.size(); i++) {
      EngineSession s = open.get(i);
      CompletableFuture<Void> f = new CompletableFuture<>();
      done[i] = f;
      try {
        s.execute(
            () -> {
              try {
                s.closeForShutdown(() -> f.complete(null));
              } catch (RuntimeException | Error e) {
                f.complete(null);
                throw e;
              }
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        f.complete(null);
      }
    }
    return CompletableFuture.allOf(done).orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null);
  }
}
