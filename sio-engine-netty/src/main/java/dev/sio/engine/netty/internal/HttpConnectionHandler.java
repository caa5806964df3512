package dev.sio.engine.netty.internal;

import dev.sio.engine.HttpReply;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.EngineEndpoint;
import dev.sio.engine.internal.Responses;
import dev.sio.engine.internal.Router;
import dev.sio.engine.spi.BodyAdmission;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one connection: reads requests (bodies up to the endpoint's limit, collected and
 * bounded by {@link PendingRequest}), answers them one at a time and in order (pipelined ones wait,
 * at most {@code maxPipelinedRequests}), sends WebSocket upgrades and Engine.IO requests to their
 * endpoint and other requests to routes.
 *
 * <p>Strict framing: a request or body the decoder refused (bad chunk size or extension, duplicate
 * Content-Length, bad header) or that breaks {@link HttpHeadRules} (Transfer-Encoding with
 * Content-Length or without chunked last, version, Host) gets {@code 400} (or {@code 505}) with
 * {@code Connection: close} ({@link LingeringClose}); nothing of its body is delivered, and the
 * session a polling POST was for closes. An expired {@link HttpDeadlines} deadline answers {@code
 * 408} the same way. Confined to the connection's event loop.
 */
public final class HttpConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HttpConnectionHandler.class);
  private static final int DEFAULT_MAX_PIPELINED = 16;

  private final Router router;
  private final StaticReplies replies; // thread-safe, shared by the listener's connections
  private final boolean secure;
  private final int maxPipelined;

  private ChannelHandlerContext ctx; // loop
  private HttpDeadlines deadlines; // loop: null when the pipeline has none
  private ReadBackpressure backpressure; // loop: null when the pipeline has none
  private PendingRequest reading; // loop: the request whose body is being read
  // loop: complete requests waiting to be answered, ≤ maxPipelined; starts with room for one (most
  // connections never pipeline)
  private final ArrayDeque<PendingRequest> queue = new ArrayDeque<>(1);
  private NettyPollExchange inFlight; // loop: dispatched, its answer not yet written
  private boolean ignoring; // loop: input is ignored (an error, an upgrade, too many requests)
  private FullHttpResponse last; // loop: the final answer, written once the queue is answered
  private Runnable afterLast; // loop: runs once the final answer is written
  private boolean closeWhenDrained; // loop: close once every waiting request is answered

  /** A handler serving {@code router}'s endpoints and routes, with replies of its own. */
  public HttpConnectionHandler(Router router, boolean secure) {
    this(router, new StaticReplies(), secure, DEFAULT_MAX_PIPELINED);
  }

  /**
   * A handler that answers routes through {@code replies} (the listener's) and lets {@code
   * maxPipelined} requests wait behind the one being answered.
   */
  public HttpConnectionHandler(
      Router router, StaticReplies replies, boolean secure, int maxPipelined) {
    this.router = router;
    this.replies = replies;
    this.secure = secure;
    this.maxPipelined = maxPipelined;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.deadlines = ctx.pipeline().get(HttpDeadlines.class);
    this.backpressure = ctx.pipeline().get(ReadBackpressure.class);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (ignoring) {
        return;
      }
      if (msg instanceof HttpRequest request) {
        onRequest(request);
      }
      if (msg instanceof HttpContent content && !ignoring) {
        onContent(content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onRequest(HttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      log.debug("{} bad request: {}", ctx.channel().id(), request.decoderResult().cause());
      fail(400, "bad request");
      return;
    }
    if (deadlines != null) {
      deadlines.headReceived();
    }
    int refused = HttpHeadRules.refusal(request, ctx.channel());
    if (refused != 0) {
      fail(refused, "bad request");
      return;
    }
    HttpRequestInfo info = RequestInfos.of(request, ctx.channel(), secure);
    if (log.isDebugEnabled()) {
      log.debug("{} {} {}", ctx.channel().id(), request.method(), request.uri());
    }
    EngineEndpoint endpoint = router.endpoint(request.uri());
    if (HttpHeadRules.isWebSocketUpgrade(request)) {
      if (inFlight != null || !queue.isEmpty() || request.protocolVersion().minorVersion() == 0) {
        // an upgrade is never pipelined; RFC 6455 4.1: HTTP/1.1 or higher
        fail(400, "bad request");
        return;
      }
      ignoring = true;
      if (deadlines != null) {
        ctx.pipeline().remove(deadlines); // the Engine.IO heartbeat watches WebSockets
        deadlines = null;
      }
      // what follows the request is WebSocket
      UpgradeBuffer.install(
          ctx.pipeline(), "http", endpoint == null ? 0 : endpoint.options().maxHttpBufferSize());
      if (endpoint == null) {
        UpgradeBuffer.responseEncoder(ctx);
        FullHttpResponse r = HttpResponses.text(ctx.alloc(), 400, "text/plain", "Bad Request");
        LingeringClose.write(ctx, r, null);
        return;
      }
      NettyUpgrades.handle(endpoint, ctx, request, info);
      return;
    }
    if (HttpUtil.is100ContinueExpected(request) && inFlight == null && queue.isEmpty()) {
      ctx.writeAndFlush(
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }
    reading =
        new PendingRequest(
            new NettyPollExchange(ctx, info, HttpUtil.isKeepAlive(request)), endpoint);
    long declared = HttpUtil.getContentLength(request, -1L);
    if (endpoint == null || !HttpMethod.POST.equals(request.method())) {
      if (declared > PendingRequest.MAX_IGNORED_BODY) { // answered now, not after an unread body
        tooLarge();
      }
      return;
    }
    BodyAdmission admitted = endpoint.admitBody(info, declared);
    if (admitted.refusalStatus() != 0) {
      refuse(admitted);
      return;
    }
    reading.admit(admitted, ctx.alloc());
  }

  /**
   * The endpoint refused the body before it was read: Node's {@code 413} (the session closes once
   * it is written) or {@code "data request overlap from client"} ({@code 400}; the endpoint closes
   * the session), the last answer on this connection.
   */
  private void refuse(BodyAdmission refusal) {
    log.debug("{} POST refused: {}", ctx.channel().id(), refusal.refusalStatus());
    resetReading();
    ignoring = true;
    finish(
        refusalResponse(refusal),
        refusal.refusalStatus() == 413 ? () -> refusal.fail("payload too large") : null);
  }

  private void onContent(HttpContent content) {
    if (reading == null) {
      return;
    }
    if (!content.decoderResult().isSuccess()) {
      log.debug("{} bad request body: {}", ctx.channel().id(), content.decoderResult().cause());
      fail(400, "bad request body");
      return;
    }
    if (!reading.add(content.content())) {
      tooLarge();
      return;
    }
    if (content instanceof LastHttpContent) {
      PendingRequest p = reading;
      reading = null;
      p.complete();
      if (deadlines != null) {
        deadlines.requestReceived();
      }
      enqueue(p);
    }
  }

  private void enqueue(PendingRequest p) {
    if (inFlight == null && queue.isEmpty() && ctx.channel().isWritable()) {
      dispatch(p);
      updateOwed();
      return;
    }
    if (queue.size() >= maxPipelined) {
      log.debug("{} more than {} pipelined requests: closing", ctx.channel().id(), maxPipelined);
      release(p.ex());
      ignoring = true;
      closeWhenDrained = true;
      hold(true);
      drain();
      return;
    }
    queue.add(p);
    hold(true);
    updateOwed();
  }

  private void dispatch(PendingRequest p) {
    NettyPollExchange ex = p.ex();
    inFlight = ex;
    ex.onWritten(f -> onWritten(ex));
    HttpRequestInfo info = ex.request();
    for (Router.PrefixRoute r : router.routes(info.path())) {
      HttpReply reply;
      try {
        reply = r.route().handle(info);
      } catch (Throwable t) {
        if (r.failed().compareAndSet(false, true)) {
          log.warn("HTTP route {} failed (logged once; later failures at debug)", r.prefix(), t);
        } else {
          log.debug("HTTP route {} failed", r.prefix(), t);
        }
        release(ex);
        ex.answer(HttpResponses.empty(500));
        return;
      }
      if (reply != null) {
        release(ex);
        ex.answer(replies.toResponse(info, reply));
        return;
      }
    }
    if (p.endpoint() != null) {
      p.endpoint().handleRequest(ex);
      return;
    }
    release(ex);
    ex.answer(HttpResponses.text(ctx.alloc(), 404, "text/plain", "Not Found"));
  }

  /** An answer went out (on this loop): the next waiting request may go. */
  private void onWritten(NettyPollExchange ex) {
    if (inFlight == ex) {
      inFlight = null;
      drain();
    }
  }

  /** Dispatches waiting requests while nothing is in flight and the connection takes writes. */
  private void drain() {
    if (!ctx.channel().isActive()) {
      return;
    }
    while (inFlight == null && !queue.isEmpty() && ctx.channel().isWritable()) {
      dispatch(queue.poll());
    }
    if (inFlight == null && queue.isEmpty()) {
      if (last != null) {
        FullHttpResponse r = last;
        last = null;
        LingeringClose.write(ctx, r, afterLast);
        afterLast = null;
      } else if (closeWhenDrained) {
        ctx.close();
      } else if (!ignoring) {
        hold(false);
      }
    }
    updateOwed();
  }

  /**
   * The request being read failed ({@code status} 400 or 408): nothing of its body is delivered,
   * the session of a polling POST closes, and {@code status} with {@code Connection: close} is the
   * last answer on this connection (after those already owed).
   */
  private void fail(int status, String description) {
    ignoring = true; // input is still read (and dropped), so the close is not a reset
    BodyAdmission claim = resetReading(); // the session of a polling POST
    FullHttpResponse r = HttpResponses.empty(status);
    finish(r, claim == null ? null : () -> claim.fail(description));
  }

  /** Node answers 413 to a body over maxHttpBufferSize; the session closes once it is written. */
  private void tooLarge() {
    PendingRequest p = reading;
    resetReading();
    ignoring = true;
    if (p.endpoint() == null) {
      finish(HttpResponses.toNetty(ctx.alloc(), Responses.empty(413)), null);
      return;
    }
    // the endpoint's 413 (with CORS); the session of a polling POST closes once it is written
    BodyAdmission refusal = p.endpoint().admitBody(p.ex().request(), Long.MAX_VALUE);
    finish(refusalResponse(refusal), () -> refusal.fail("payload too large"));
  }

  /** The endpoint's answer that refuses a body ({@code 413} or {@code 400}, with CORS). */
  private FullHttpResponse refusalResponse(BodyAdmission refusal) {
    return HttpResponses.toNetty(
        ctx.alloc(), refusal.refusalStatus(), refusal.refusalHeaders(), null, null);
  }

  private void finish(FullHttpResponse r, Runnable after) {
    if (last != null) {
      r.release();
      return;
    }
    last = r;
    afterLast = after;
    drain();
  }

  private void hold(boolean hold) {
    if (backpressure != null) {
      backpressure.hold(hold);
    }
  }

  private void updateOwed() {
    if (deadlines != null) {
      deadlines.owed(inFlight != null || !queue.isEmpty() || last != null || closeWhenDrained);
    }
  }

  private static void release(NettyPollExchange ex) {
    ByteBuf b = ex.takeBuf();
    if (b != null) {
      b.release();
    }
  }

  /**
   * Drops the request being read (its body so far, its claim released): returns the claim of an
   * admitted POST, for its session to be failed, else {@code null}.
   */
  private BodyAdmission resetReading() {
    PendingRequest p = reading;
    reading = null;
    return p == null ? null : p.abandon();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      drain();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    log.debug("{} inactive", ctx.channel().id());
    BodyAdmission claim = resetReading(); // Node: "data request connection closed prematurely"
    if (claim != null) {
      claim.fail("data request connection closed prematurely");
    }
    PendingRequest p;
    while ((p = queue.poll()) != null) {
      release(p.ex());
    }
    if (last != null) {
      last.release();
      last = null;
      if (afterLast != null) {
        afterLast.run();
        afterLast = null;
      }
    }
    NettyPollExchange ex = inFlight;
    inFlight = null;
    if (ex != null) {
      ex.connectionClosed();
    }
    ctx.fireChannelInactive();
  }

  /** A deadline of {@link HttpDeadlines} expired. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof HttpDeadlines.Expiry expiry) {
      if (expiry == HttpDeadlines.Expiry.REQUEST_TIMEOUT && !ignoring) {
        log.debug("{} request timeout", ctx.channel().id());
        fail(408, "request timeout");
      } else {
        log.debug("{} idle: closing", ctx.channel().id());
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof java.io.IOException
        || cause instanceof io.netty.handler.codec.DecoderException) {
      log.debug("HTTP connection error", cause);
    } else {
      log.warn("unexpected error on an HTTP connection", cause);
    }
    ctx.close();
  }
}
