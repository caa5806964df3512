package dev.sio.engine.netty.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.PollExchange;
import dev.sio.engine.spi.RequestBody;
import dev.sio.engine.spi.ResponseHeaders;
import dev.sio.engine.spi.SessionExecutor;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Netty's {@link PollExchange}: one HTTP request of a connection and the means to answer it once,
 * from any thread. Created on the connection's event loop by {@link HttpConnectionHandler};
 * answered on the session's.
 */
public final class NettyPollExchange implements PollExchange {
  private final ChannelHandlerContext ctx;
  private final HttpRequestInfo info;
  private final boolean keepAlive;
  private ByteBuf body; // the POST body; set on the connection loop before dispatch, then owned by
  // the dispatch target, which releases it
  private final AtomicBoolean answered = new AtomicBoolean(); // any thread
  private volatile Runnable onAbort; // set by the core (any thread), run by the connection loop
  private ChannelFutureListener written; // set on the connection loop before dispatch; runs there

  NettyPollExchange(ChannelHandlerContext ctx, HttpRequestInfo info, boolean keepAlive) {
    this.ctx = ctx;
    this.info = info;
    this.keepAlive = keepAlive;
  }

  @Override
  public HttpRequestInfo request() {
    return info;
  }

  /** The connection's context. */
  public ChannelHandlerContext ctx() {
    return ctx;
  }

  /** The connection's loop (looked up at each call: only a handshake asks). */
  @Override
  public SessionExecutor executor() {
    return SioEventLoop.executorOf(ctx.channel());
  }

  /** The POST body (may be empty), or {@code null}; the caller releases it. */
  ByteBuf takeBuf() {
    ByteBuf b = body;
    body = null;
    return b;
  }

  @Override
  public RequestBody takeBody() {
    ByteBuf b = takeBuf();
    return b == null ? null : new NettyRequestBody(b);
  }

  void body(ByteBuf body) {
    this.body = body;
  }

  /** True once answered. */
  public boolean answered() {
    return answered.get();
  }

  /**
   * Runs {@code onAbort} (on the connection's event loop) if the client closes the connection
   * before the answer.
   */
  @Override
  public void onAbort(Runnable onAbort) {
    this.onAbort = onAbort;
  }

  /** Runs {@code listener} on the connection's loop once the answer is written (or failed). */
  void onWritten(ChannelFutureListener listener) {
    this.written = listener;
  }

  void connectionClosed() {
    Runnable r = onAbort;
    if (!answered.get() && r != null) {
      r.run();
    }
  }

  @Override
  public boolean respond(int status, ResponseHeaders headers, CharSequence text, boolean close) {
    if (!answered.compareAndSet(false, true)) {
      return false;
    }
    write(HttpResponses.toNetty(ctx.alloc(), status, headers, text, null), close);
    return true;
  }

  @Override
  public boolean respond(int status, ResponseHeaders headers, byte[] body, boolean close) {
    if (!answered.compareAndSet(false, true)) {
      return false;
    }
    write(HttpResponses.toNetty(ctx.alloc(), status, headers, null, body), close);
    return true;
  }

  /** Sends {@code response} (content-length and keep-alive are set here) once; thread-safe. */
  public void answer(FullHttpResponse response) {
    answer(response, false);
  }

  /** Sends {@code response} and closes the connection afterwards when {@code close}. */
  public void answer(FullHttpResponse response, boolean close) {
    if (!answered.compareAndSet(false, true)) {
      response.release();
      return;
    }
    write(response, close);
  }

  private void write(FullHttpResponse response, boolean close) {
    onAbort = null;
    HttpUtil.setContentLength(response, response.content().readableBytes());
    boolean keep = keepAlive && !close;
    if (keep) {
      if ("keep-alive".equalsIgnoreCase(info.header("connection"))) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      }
      notify(ctx.writeAndFlush(response));
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      notify(ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE));
    }
  }

  private void notify(ChannelFuture f) {
    ChannelFutureListener l = written;
    if (l != null) {
      f.addListener(l);
    }
  }
}
