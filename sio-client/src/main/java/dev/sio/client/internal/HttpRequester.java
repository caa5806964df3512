package dev.sio.client.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Sends the HTTP requests of one polling transport over keep-alive connections: an idle connection
 * is reused, else a new one is opened (polling needs two at once: the long GET and the POSTs). All
 * on the event thread.
 */
final class HttpRequester {
  /** The largest response body accepted (a polling payload). */
  static final int MAX_CONTENT = 64 * 1024 * 1024;

  /** The result of one request. */
  interface Callback {
    /**
     * Called once, with a response or a failure; the response (and its content) is released when
     * the call returns.
     */
    void onResponse(FullHttpResponse response, Throwable failure);
  }

  /** A request body and its {@code Content-Type}. */
  record Body(byte[] bytes, String contentType) {
    /** UTF-8 text as {@code text/plain;charset=UTF-8}, as the Node.js client posts it. */
    static Body text(String text) {
      return new Body(text.getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8");
    }
  }

  private static final AttributeKey<Callback> PENDING = AttributeKey.valueOf("sio.pending");

  private final TransportContext context;
  private final ArrayDeque<Channel> idle = new ArrayDeque<>(); // event thread
  private final Set<Channel> all = new HashSet<>(); // event thread
  private boolean closed; // event thread: no new request, no reuse
  private boolean aborted; // event thread: every connection closes

  HttpRequester(TransportContext context) {
    this.context = context;
  }

  /** Sends one request; {@code body} is null for a GET. */
  void send(HttpMethod method, String pathAndQuery, Body body, Callback callback) {
    if (closed) {
      callback.onResponse(null, new IOException("requester closed"));
      return;
    }
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            method,
            pathAndQuery,
            body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body.bytes()));
    request.headers().set(HttpHeaderNames.HOST, context.endpoint().hostHeader());
    request.headers().set(HttpHeaderNames.ACCEPT, "*/*");
    if (body != null) {
      request.headers().set(HttpHeaderNames.CONTENT_TYPE, body.contentType());
    }
    HttpUtil.setContentLength(request, request.content().readableBytes());
    context.addHeaders(request.headers());
    Channel channel;
    while ((channel = idle.pollFirst()) != null) {
      if (channel.isActive()) {
        write(channel, request, callback);
        return;
      }
    }
    context
        .connect(
            p -> {
              p.addLast(new HttpClientCodec());
              p.addLast(new HttpObjectAggregator(MAX_CONTENT));
              p.addLast(new ResponseHandler());
            })
        .addListener(
            f -> {
              Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
              if (!f.isSuccess()) {
                request.release();
                callback.onResponse(null, f.cause());
              } else if (aborted) {
                request.release();
                ch.close();
                callback.onResponse(null, new IOException("requester closed"));
              } else {
                all.add(ch);
                ch.closeFuture().addListener(c -> all.remove(ch));
                write(ch, request, callback);
              }
            });
  }

  private void write(Channel channel, FullHttpRequest request, Callback callback) {
    channel.attr(PENDING).set(callback);
    channel
        .writeAndFlush(request)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                Callback pending = channel.attr(PENDING).getAndSet(null);
                if (pending != null) {
                  pending.onResponse(null, f.cause());
                }
                channel.close();
              }
            });
  }

  /** Closes idle connections now and busy ones once their response is in. */
  void close() {
    closed = true;
    for (Channel ch : idle) {
      ch.close();
    }
    idle.clear();
  }

  /** Closes every connection now, answered or not. */
  void abort() {
    closed = true;
    aborted = true;
    for (Channel ch : Set.copyOf(all)) {
      ch.close();
    }
    idle.clear();
  }

  private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      Callback callback = ctx.channel().attr(PENDING).getAndSet(null);
      context.readCookies(response.headers());
      boolean keepAlive = HttpUtil.isKeepAlive(response);
      if (keepAlive && !closed) {
        idle.addLast(ctx.channel());
      } else {
        ctx.close();
      }
      if (callback != null) {
        callback.onResponse(response, null);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      idle.remove(ctx.channel());
      Callback callback = ctx.channel().attr(PENDING).getAndSet(null);
      if (callback != null) {
        callback.onResponse(null, new IOException("connection closed before the response"));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      Callback callback = ctx.channel().attr(PENDING).getAndSet(null);
      ctx.close();
      if (callback != null) {
        callback.onResponse(null, cause);
      }
    }
  }
}
