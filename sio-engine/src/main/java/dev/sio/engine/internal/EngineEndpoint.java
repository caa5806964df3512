package dev.sio.engine.internal;

import dev.sio.engine.AllowRequest;
import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpRequestInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO endpoint's request logic (Node's {@code Server}): verifies requests, makes
 * handshakes, hands requests with a sid to their session. Entry points run on the connection's
 * event loop.
 */
public final class EngineEndpoint {
  private static final Logger log = LoggerFactory.getLogger(EngineEndpoint.class);

  private final EngineOptions options;
  private final EngineHandler handler;
  private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
  private volatile boolean closed; // any thread

  /** An endpoint serving {@code options.path()} with {@code handler}. */
  public EngineEndpoint(EngineOptions options, EngineHandler handler) {
    this.options = options;
    this.handler = handler;
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

  void remove(EngineSession session) {
    sessions.remove(session.id(), session);
  }

  // ---- HTTP (connection loop) ----

  /** Handles a complete HTTP request (not an upgrade). */
  public void handleRequest(HttpExchange ex) {
    HttpRequestInfo info = ex.info();
    CorsOptions cors = options.cors();
    if (cors != null && Cors.isPreflight(info)) {
      releaseBody(ex);
      FullHttpResponse r = HttpResponses.empty(204);
      Cors.applyPreflight(cors, info, r.headers());
      ex.answer(r);
      return;
    }
    if (closed) {
      releaseBody(ex);
      abortRequest(ex, EngineProtocol.BAD_REQUEST, null);
      return;
    }
    String transport = info.queryParam("transport");
    if (transport == null || !options.allowsTransport(transport)) {
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
    checkAllowed(
        ex.ctx(),
        info,
        message -> abortRequest(ex, EngineProtocol.FORBIDDEN, message),
        () -> handshakePolling(ex));
  }

  private void handshakePolling(HttpExchange ex) {
    if (!EngineProtocol.PROTOCOL_VERSION.equals(ex.info().queryParam("EIO"))) {
      abortRequest(ex, EngineProtocol.UNSUPPORTED_PROTOCOL_VERSION, null);
      return;
    }
    EngineSession session = newSession(ex.info(), ex.ctx().channel());
    if (session == null) {
      abortRequest(ex, EngineProtocol.BAD_REQUEST, null);
      return;
    }
    PollingTransport polling = new PollingTransport(session, this);
    try {
      session.open(polling);
      polling.onRequest(ex);
    } catch (RuntimeException | Error e) {
      session.onClose(EngineProtocol.TRANSPORT_ERROR, e.toString());
      throw e;
    }
    session.notifyOpen();
  }

  private EngineSession newSession(HttpRequestInfo info, Channel channel) {
    if (closed) {
      return null;
    }
    String id = SessionIds.next();
    EngineSession session =
        new EngineSession(id, this, RequestInfos.handshake(info), channel.eventLoop());
    sessions.put(id, session);
    return session;
  }

  /** Answers with Node's JSON error. */
  void abortRequest(HttpExchange ex, int code, String message) {
    FullHttpResponse r = HttpResponses.error(ex.ctx().alloc(), code, message);
    ex.answer(withCors(ex.info(), r));
  }

  /** Adds the CORS headers of an actual request. */
  FullHttpResponse withCors(HttpRequestInfo info, FullHttpResponse r) {
    CorsOptions cors = options.cors();
    if (cors != null) {
      Cors.applyActual(cors, info, r.headers());
    }
    return r;
  }

  /** Adds the headers of a polling response (Node's {@code Polling.headers}). */
  FullHttpResponse pollingHeaders(HttpRequestInfo info, FullHttpResponse r, String cookieSid) {
    withCors(info, r);
    HttpHeaders h = r.headers();
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
  void addCookie(HttpHeaders headers, String sid) {
    if (options.cookie() != null) {
      headers.add("Set-Cookie", options.cookie().serialize(sid));
    }
  }

  private void checkAllowed(
      ChannelHandlerContext ctx, HttpRequestInfo info, Consumer<String> reject, Runnable accept) {
    AllowRequest allow = options.allowRequest();
    if (allow == null) {
      accept.run();
      return;
    }
    CompletableFuture<AllowRequest.Decision> decision;
    try {
      decision = allow.check(info).toCompletableFuture();
    } catch (Throwable t) {
      log.warn("allowRequest failed", t);
      reject.accept(null);
      return;
    }
    if (decision.isDone()) {
      finishCheck(decision, reject, accept);
    } else {
      decision.whenComplete(
          (d, t) -> ctx.executor().execute(() -> finishCheck(decision, reject, accept)));
    }
  }

  private static void finishCheck(
      CompletableFuture<AllowRequest.Decision> decision, Consumer<String> reject, Runnable accept) {
    AllowRequest.Decision d;
    try {
      d = decision.join();
    } catch (Throwable t) {
      log.warn("allowRequest failed", t);
      reject.accept(null);
      return;
    }
    if (d != null && d.accepted()) {
      accept.run();
    } else {
      reject.accept(d == null ? null : d.message());
    }
  }

  private static void releaseBody(HttpExchange ex) {
    ByteBuf b = ex.takeBody();
    if (b != null) {
      b.release();
    }
  }

  /** Node's {@code checkInvalidHeaderChar}: true if {@code value} has a char not allowed. */
  static boolean invalidHeaderValue(String value) {
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

  // ---- WebSocket upgrade (connection loop) ----

  /** Handles a WebSocket upgrade request; {@code ctx} is the connection's HTTP handler. */
  public void handleUpgrade(ChannelHandlerContext ctx, HttpRequest request, HttpRequestInfo info) {
    if (ctx.pipeline().get("idle") != null) {
      ctx.pipeline().remove("idle"); // the Engine.IO heartbeat watches WebSocket connections
    }
    CorsOptions cors = options.cors();
    HttpHeaders extra = new DefaultHttpHeaders();
    if (cors != null) {
      Cors.applyActual(cors, info, extra);
    }
    String transport = info.queryParam("transport");
    if (closed || transport == null || !options.allowsTransport(transport)) {
      abortUpgrade(
          ctx, closed ? EngineProtocol.BAD_REQUEST : EngineProtocol.UNKNOWN_TRANSPORT, null);
      return;
    }
    if (invalidHeaderValue(info.header("origin"))) {
      abortUpgrade(ctx, EngineProtocol.BAD_REQUEST, null);
      return;
    }
    String sid = info.queryParam("sid");
    if (sid != null) {
      EngineSession session = sessions.get(sid);
      if (session == null) {
        abortUpgrade(ctx, EngineProtocol.UNKNOWN_SID, null);
        return;
      }
      if (ctx.channel().eventLoop() != session.owner()) {
        moveThenAccept(ctx, request, info, extra, session);
        return;
      }
      acceptWebSocket(ctx, request, info, extra, session);
      return;
    }
    if (!"GET".equals(info.method())) {
      abortUpgrade(ctx, EngineProtocol.BAD_HANDSHAKE_METHOD, null);
      return;
    }
    checkAllowed(
        ctx,
        info,
        message -> abortUpgrade(ctx, EngineProtocol.FORBIDDEN, message),
        () -> {
          if (!EngineProtocol.PROTOCOL_VERSION.equals(info.queryParam("EIO"))) {
            abortUpgrade(ctx, EngineProtocol.UNSUPPORTED_PROTOCOL_VERSION, null);
            return;
          }
          acceptWebSocket(ctx, request, info, extra, null);
        });
  }

  /**
   * Re-registers the upgrading connection on the session's event loop before its WebSocket
   * handshake, so that once upgraded the session and its socket share one thread (no hop per
   * message). Nothing is written on the connection while it moves.
   */
  private void moveThenAccept(
      ChannelHandlerContext ctx,
      HttpRequest request,
      HttpRequestInfo info,
      HttpHeaders extra,
      EngineSession session) {
    Channel channel = ctx.channel();
    channel
        .deregister()
        .addListener(
            deregistered -> {
              if (!deregistered.isSuccess()) {
                channel.close();
                return;
              }
              session
                  .owner()
                  .register(channel)
                  .addListener(
                      registered -> {
                        if (!registered.isSuccess()) {
                          log.debug("cannot move an upgrading connection", registered.cause());
                          channel.close();
                          return;
                        }
                        acceptWebSocket(ctx, request, info, extra, session);
                      });
            });
  }

  private void abortUpgrade(ChannelHandlerContext ctx, int code, String message) {
    ctx.writeAndFlush(HttpResponses.upgradeError(ctx.alloc(), code, message))
        .addListener(ChannelFutureListener.CLOSE);
  }

  private void acceptWebSocket(
      ChannelHandlerContext ctx,
      HttpRequest request,
      HttpRequestInfo info,
      HttpHeaders extra,
      EngineSession existing) {
    Channel channel = ctx.channel();
    String scheme = info.secure() ? "wss://" : "ws://";
    String host = info.header("host") == null ? "localhost" : info.header("host");
    WebSocketServerHandshakerFactory factory =
        new WebSocketServerHandshakerFactory(
            scheme + host + info.path(),
            null,
            WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(options.maxHttpBufferSize())
                .allowExtensions(true)
                .allowMaskMismatch(false)
                .build());
    FullHttpRequest full =
        new DefaultFullHttpRequest(
            request.protocolVersion(),
            request.method(),
            request.uri(),
            Unpooled.EMPTY_BUFFER,
            request.headers(),
            io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
    WebSocketServerHandshaker handshaker = factory.newHandshaker(full);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel)
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    boolean isEngineWs = EngineOptions.WEBSOCKET.equals(info.queryParam("transport"));
    EngineSession session = existing;
    String newSid = null;
    if (session == null && isEngineWs) {
      session = newSession(info, channel);
      if (session == null) {
        abortUpgrade(ctx, EngineProtocol.BAD_REQUEST, null);
        return;
      }
      newSid = session.id();
      addCookie(extra, newSid);
    }
    if (isEngineWs) {
      ResponseHeaderListeners.apply(options, info, extra, newSid != null);
    }
    boolean deflate = options.perMessageDeflate();
    ChannelPipeline p = channel.pipeline();
    WebSocketTransport ws =
        session == null ? null : new WebSocketTransport(session, channel, !deflate);
    if (ws != null) {
      ws.request(info);
    }
    ChannelPromise handshaken = channel.newPromise();
    if (ws != null) {
      handshaken.addListener(
          f -> {
            if (f.isSuccess()) {
              ws.handshakeDone();
            }
          });
    }
    try {
      handshaker.handshake(channel, full, extra, handshaken);
    } catch (Exception e) {
      log.debug("WebSocket handshake failed", e);
      if (newSid != null) {
        sessions.remove(newSid);
      }
      abortUpgrade(ctx, EngineProtocol.BAD_REQUEST, null);
      return;
    }
    if (ws == null) { // e.g. transport=polling with an Upgrade header: Node accepts, then closes
      channel
          .writeAndFlush(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame())
          .addListener(ChannelFutureListener.CLOSE);
      p.remove(ctx.handler());
      return;
    }
    p.addBefore(ctx.name(), "wsutf8", new Utf8FrameValidator(true));
    p.addBefore(
        ctx.name(), "wsaggregator", new WebSocketFrameAggregator(options.maxHttpBufferSize()));
    p.replace(ctx.handler(), "engine-ws", new WebSocketFrameHandler(ws));
    EngineSession s = session;
    if (existing != null) {
      s.execute(() -> s.maybeUpgrade(ws));
    } else {
      s.open(ws);
      s.notifyOpen();
    }
  }

  // ---- shutdown ----

  /**
   * Closes every session with {@code "server shutting down"}; completes when each session's owner
   * has run its close.
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
                s.closeForShutdown();
              } finally {
                f.complete(null);
              }
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        f.complete(null);
      }
    }
    return CompletableFuture.allOf(done).orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null);
  }
}
