package dev.sio.engine.netty.internal;

import dev.sio.engine.HttpReply;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.EngineEndpoint;
import dev.sio.engine.internal.Responses;
import dev.sio.engine.internal.Router;
import dev.sio.engine.spi.BodyAdmission;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one connection: reads requests (bodies up to the endpoint's limit), answers them
 * one at a time and in order (pipelined ones wait, at most {@code maxPipelinedRequests}), sends
 * WebSocket upgrades and Engine.IO requests to their endpoint and other requests to routes.
 *
 * <p>Strict framing: a request or body the decoder refused (bad chunk size or extension, duplicate
 * Content-Length, Transfer-Encoding with Content-Length or without chunked last, bad header) gets
 * {@code 400} with {@code Connection: close}; nothing of its body is delivered, and the session a
 * polling POST was for closes. An expired {@link HttpDeadlines} deadline answers {@code 408} the
 * same way. Confined to the connection's event loop.
 */
public final class HttpConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HttpConnectionHandler.class);
  private static final int DEFAULT_MAX_PIPELINED = 16;
  private static final long LINGER_MILLIS = 2_000;

  /**
   * The most body a request other than an endpoint's POST may carry (read and dropped); a larger
   * one, declared or sent, gets {@code 413} and the connection closes.
   */
  static final int MAX_IGNORED_BODY = 4096;

  /** A complete request waiting to be answered. */
  private record Pending(NettyPollExchange ex, EngineEndpoint endpoint) {}

  private final Router router;
  private final StaticReplies replies; // thread-safe, shared by the listener's connections
  private final boolean secure;
  private final int maxPipelined;

  private ChannelHandlerContext ctx; // loop
  private HttpDeadlines deadlines; // loop: null when the pipeline has none
  private ReadBackpressure backpressure; // loop: null when the pipeline has none
  private Pending reading; // loop: the request whose body is being read
  private CompositeByteBuf body; // loop: its body so far (an endpoint's POST), else null
  private long ignoredBytes; // loop: body bytes of the request being read that are dropped
  private BodyAdmission admission; // loop: the admitted POST's claim (its session), else null
  // loop: ≤ maxPipelined; starts with room for one (most connections never pipeline)
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(1);
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
    if (badFraming(request)) {
      log.debug("{} bad Transfer-Encoding", ctx.channel().id());
      fail(400, "bad request");
      return;
    }
    HttpVersion version = request.protocolVersion();
    if (version.majorVersion() != 1 || version.minorVersion() > 1) {
      log.debug("{} unsupported version {}", ctx.channel().id(), version);
      fail(505, "bad request"); // RFC 9110 15.6.6
      return;
    }
    int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
    if (hosts > 1 || (hosts == 0 && version.minorVersion() == 1)) {
      log.debug("{} {} Host headers", ctx.channel().id(), hosts);
      fail(400, "bad request"); // RFC 9112 3.2: exactly one Host in HTTP/1.1, at most one else
      return;
    }
    HttpRequestInfo info = RequestInfos.of(request, ctx.channel(), secure);
    if (log.isDebugEnabled()) {
      log.debug("{} {} {}", ctx.channel().id(), request.method(), request.uri());
    }
    EngineEndpoint endpoint = router.endpoint(request.uri());
    if (isWebSocketUpgrade(request)) {
      if (inFlight != null || !queue.isEmpty() || version.minorVersion() == 0) {
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
        writeFinal(r, null);
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
        new Pending(new NettyPollExchange(ctx, info, HttpUtil.isKeepAlive(request)), endpoint);
    ignoredBytes = 0;
    long declared = HttpUtil.getContentLength(request, -1L);
    if (endpoint == null || !HttpMethod.POST.equals(request.method())) {
      if (declared > MAX_IGNORED_BODY) { // answered at once, not after a body nobody reads
        tooLarge();
      }
      return;
    }
    BodyAdmission admitted = endpoint.admitBody(info, declared);
    if (admitted.refusalStatus() != 0) {
      refuse(admitted);
      return;
    }
    admission = admitted;
    body = ctx.alloc().compositeBuffer();
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
        HttpResponses.toNetty(
            ctx.alloc(), refusal.refusalStatus(), refusal.refusalHeaders(), null, null),
        refusal.refusalStatus() == 413 ? () -> refusal.fail("payload too large") : null);
  }

  /**
   * RFC 9112 6.1 (and Node's llhttp): Transfer-Encoding whose last coding is not chunked, or with
   * Content-Length, cannot be framed safely. (Netty refuses chunked with Content-Length itself.)
   */
  private static boolean badFraming(HttpRequest request) {
    String te = request.headers().get(HttpHeaderNames.TRANSFER_ENCODING);
    if (te == null) {
      return false;
    }
    if (request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      return true;
    }
    String all = String.join(",", request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING));
    int comma = all.lastIndexOf(',');
    String lastCoding = (comma < 0 ? all : all.substring(comma + 1)).trim();
    return !lastCoding.toLowerCase(Locale.ROOT).equals("chunked");
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
    if (body == null) {
      ignoredBytes += content.content().readableBytes();
      if (ignoredBytes > MAX_IGNORED_BODY) {
        tooLarge();
        return;
      }
    } else {
      ByteBuf chunk = content.content();
      if (chunk.isReadable()) {
        if (body.readableBytes() + chunk.readableBytes()
            > reading.endpoint().options().maxHttpBufferSize()) {
          tooLarge();
          return;
        }
        body.addComponent(true, chunk.retain());
      }
    }
    if (content instanceof LastHttpContent) {
      Pending p = reading;
      if (body != null) {
        p.ex().body(body);
        body = null;
      }
      reading = null;
      releaseClaim();
      if (deadlines != null) {
        deadlines.requestReceived();
      }
      enqueue(p);
    }
  }

  private void enqueue(Pending p) {
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

  private void dispatch(Pending p) {
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
        writeFinal(r, afterLast);
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
    BodyAdmission claim = admission; // the session of a polling POST
    resetReading();
    FullHttpResponse r = HttpResponses.empty(status);
    finish(r, claim == null ? null : () -> claim.fail(description));
  }

  /** Node answers 413 to a body over maxHttpBufferSize; the session closes once it is written. */
  private void tooLarge() {
    Pending p = reading;
    resetReading();
    ignoring = true;
    if (p.endpoint() == null) {
      finish(HttpResponses.toNetty(ctx.alloc(), Responses.empty(413)), null);
      return;
    }
    // the endpoint's 413 (with CORS); the session of a polling POST closes once it is written
    BodyAdmission refusal = p.endpoint().admitBody(p.ex().request(), Long.MAX_VALUE);
    finish(
        HttpResponses.toNetty(
            ctx.alloc(), refusal.refusalStatus(), refusal.refusalHeaders(), null, null),
        () -> refusal.fail("payload too large"));
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

  /**
   * Writes {@code r} with {@code Connection: close}, then runs {@code after} and closes: over plain
   * TCP a lingering close (FIN, then input read and dropped for at most {@value #LINGER_MILLIS} ms
   * or until the client closes), so that bytes the client is still sending do not reset the
   * connection before it has read the answer.
   */
  private void writeFinal(FullHttpResponse r, Runnable after) {
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    HttpUtil.setContentLength(r, r.content().readableBytes());
    ctx.writeAndFlush(r)
        .addListener(
            f -> {
              if (after != null) {
                after.run();
              }
              if (f.isSuccess()
                  && ctx.channel() instanceof DuplexChannel d
                  && ctx.pipeline().get(SslHandler.class) == null) {
                d.shutdownOutput();
                ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
              } else {
                ctx.close();
              }
            });
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

  private static boolean isWebSocketUpgrade(HttpRequest request) {
    String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
    return upgrade != null && "websocket".equalsIgnoreCase(upgrade.trim());
  }

  private static void release(NettyPollExchange ex) {
    ByteBuf b = ex.takeBuf();
    if (b != null) {
      b.release();
    }
  }

  private void resetReading() {
    if (body != null) {
      body.release();
      body = null;
    }
    reading = null;
    releaseClaim();
  }

  private void releaseClaim() {
    if (admission != null) {
      admission.release();
      admission = null;
    }
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
    BodyAdmission claim = admission; // Node: "data request connection closed prematurely"
    resetReading();
    if (claim != null) {
      claim.fail("data request connection closed prematurely");
    }
    Pending p;
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
