package dev.sio.engine.internal;

import dev.sio.engine.HttpReply;
import dev.sio.engine.HttpRequestInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one connection: reads requests (bodies up to the endpoint's limit), sends
 * WebSocket upgrades and Engine.IO requests to their endpoint and other requests to routes.
 * Confined to the connection's event loop.
 */
public final class HttpConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HttpConnectionHandler.class);

  private final Router router;
  private final boolean secure;

  private HttpExchange reading; // loop: the request whose body is being read
  private EngineEndpoint readingEndpoint; // loop: its endpoint, or null for a route
  private CompositeByteBuf body; // loop: the body read so far
  private boolean discarding; // loop: skip content until the next request
  private HttpExchange waiting; // loop: the last dispatched request, for abort detection

  /** A handler serving {@code router}'s endpoints and routes. */
  public HttpConnectionHandler(Router router, boolean secure) {
    this.router = router;
    this.secure = secure;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest request) {
        onRequest(ctx, request);
      }
      if (msg instanceof HttpContent content) {
        onContent(ctx, content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
    resetReading();
    discarding = false;
    if (!request.decoderResult().isSuccess()) {
      discarding = true;
      FullHttpResponse r = HttpResponses.text(ctx.alloc(), 400, "text/plain", "Bad Request");
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      HttpUtil.setContentLength(r, r.content().readableBytes());
      ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    HttpRequestInfo info = RequestInfos.of(request, ctx.channel(), secure);
    if (log.isDebugEnabled()) {
      log.debug("{} {} {}", ctx.channel().id(), request.method(), request.uri());
    }
    EngineEndpoint endpoint = router.endpoint(request.uri());
    if (isWebSocketUpgrade(request)) {
      discarding = true;
      if (endpoint == null) {
        FullHttpResponse r = HttpResponses.text(ctx.alloc(), 400, "text/plain", "Bad Request");
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(r, r.content().readableBytes());
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      endpoint.handleUpgrade(ctx, request, info);
      return;
    }
    if (HttpUtil.is100ContinueExpected(request)) {
      ctx.writeAndFlush(
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }
    reading = new HttpExchange(ctx, info, HttpUtil.isKeepAlive(request));
    readingEndpoint = endpoint;
    if (endpoint != null && HttpMethod.POST.equals(request.method())) {
      long declared = HttpUtil.getContentLength(request, -1L);
      if (declared > endpoint.options().maxHttpBufferSize()) {
        tooLarge(endpoint);
        return;
      }
      body = ctx.alloc().compositeBuffer();
    }
  }

  private void onContent(ChannelHandlerContext ctx, HttpContent content) {
    if (discarding || reading == null) {
      return;
    }
    if (body != null) {
      ByteBuf chunk = content.content();
      if (chunk.isReadable()) {
        if (body.readableBytes() + chunk.readableBytes()
            > readingEndpoint.options().maxHttpBufferSize()) {
          tooLarge(readingEndpoint);
          return;
        }
        body.addComponent(true, chunk.retain());
      }
    }
    if (content instanceof LastHttpContent) {
      HttpExchange ex = reading;
      EngineEndpoint endpoint = readingEndpoint;
      if (body != null) {
        ex.body(body);
        body = null;
      }
      reading = null;
      readingEndpoint = null;
      waiting = ex;
      dispatch(ex, endpoint);
    }
  }

  /** Node answers 413 to a body over maxHttpBufferSize; the session is closed too. */
  private void tooLarge(EngineEndpoint endpoint) {
    HttpExchange ex = reading;
    resetReading();
    discarding = true;
    String sid = ex.info().queryParam("sid");
    EngineSession session = sid == null ? null : endpoint.sessionById(sid);
    if (session != null) {
      session.execute(() -> session.onError("payload too large"));
    }
    ex.answer(endpoint.withCors(ex.info(), HttpResponses.empty(413)), true);
  }

  private void dispatch(HttpExchange ex, EngineEndpoint endpoint) {
    HttpRequestInfo info = ex.info();
    for (Router.PrefixRoute r : router.routes(info.path())) {
      HttpReply reply;
      try {
        reply = r.route().handle(info);
      } catch (Throwable t) {
        log.warn("HTTP route {} failed", r.prefix(), t);
        release(ex);
        ex.answer(HttpResponses.empty(500));
        return;
      }
      if (reply != null) {
        release(ex);
        ex.answer(toResponse(ex, reply));
        return;
      }
    }
    if (endpoint != null) {
      endpoint.handleRequest(ex);
      return;
    }
    release(ex);
    ex.answer(HttpResponses.text(ex.ctx().alloc(), 404, "text/plain", "Not Found"));
  }

  private static FullHttpResponse toResponse(HttpExchange ex, HttpReply reply) {
    ByteBuf content = Unpooled.wrappedBuffer(reply.body());
    String encoding = null;
    boolean hasEncoding = false;
    for (String name : reply.headers().keySet()) {
      if (name.equalsIgnoreCase("content-encoding")) {
        hasEncoding = true;
      }
    }
    if (!hasEncoding && reply.body().length >= 1024 && !"HEAD".equals(ex.info().method())) {
      encoding = HttpResponses.negotiateEncoding(ex.info());
      if (encoding != null) {
        content = HttpResponses.compress(ex.ctx().alloc(), content, encoding);
      }
    }
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()), content);
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      r.headers().set(h.getKey(), h.getValue());
    }
    if (encoding != null) {
      r.headers().set(HttpHeaderNames.CONTENT_ENCODING, encoding);
      r.headers().add(HttpHeaderNames.VARY, "Accept-Encoding");
    }
    return r;
  }

  private static boolean isWebSocketUpgrade(HttpRequest request) {
    String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
    return upgrade != null && "websocket".equalsIgnoreCase(upgrade.trim());
  }

  private static void release(HttpExchange ex) {
    ByteBuf b = ex.takeBody();
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
    readingEndpoint = null;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    log.debug("{} inactive", ctx.channel().id());
    resetReading();
    HttpExchange ex = waiting;
    waiting = null;
    if (ex != null) {
      ex.connectionClosed();
    }
    ctx.fireChannelInactive();
  }

  /**
   * Silence on the connection: closed unless it waits for our answer (a long-polling GET, or a
   * request whose handshake check is still running).
   */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof io.netty.handler.timeout.IdleStateEvent) {
      HttpExchange pending = waiting;
      boolean owed = pending != null && !pending.answered() && reading == null && !discarding;
      if (!owed) {
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
