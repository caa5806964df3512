package dev.sio.engine.netty.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.EngineProtocol;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.ResponseHeaders;
import dev.sio.engine.spi.UpgradeVerdict;
import dev.sio.engine.spi.WebSocketInbound;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a WebSocket upgrade that passed the endpoint's checks (Node's {@code ws.handleUpgrade}
 * and {@code onWebSocket}): {@code ws}'s handshake checks, the {@code 101}, and the frame pipeline
 * of the session's {@link WebSocketTransport}; or the refusal, after which the connection ends
 * within a deadline. Runs on the connection's event loop.
 */
final class WebSocketAcceptor {
  private static final Logger log = LoggerFactory.getLogger(WebSocketAcceptor.class);

  /** The pipeline name of the {@link WebSocketCloseGuard}. */
  static final String CLOSE_GUARD = "wsclose";

  /** The pipeline name of the {@link WebSocketFrameHandler}, an upgraded connection's last. */
  static final String FRAMES = "engine-ws";

  /** The pipeline name of the frame aggregator, added at the first fragmented message. */
  static final String AGGREGATOR = "wsaggregator";

  private WebSocketAcceptor() {}

  // The last frame decoder settings made, without and with permessage-deflate: immutable, so any
  // thread may reuse them; a server's endpoints usually share one maxHttpBufferSize, so an upgrade
  // builds none.
  private static volatile WebSocketDecoderConfig lastPlain;
  private static volatile WebSocketDecoderConfig lastDeflate;

  private static WebSocketDecoderConfig decoderConfig(int maxPayload, boolean deflate) {
    WebSocketDecoderConfig c = deflate ? lastDeflate : lastPlain;
    if (c != null && c.maxFramePayloadLength() == maxPayload) {
      return c;
    }
    c =
        WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(maxPayload)
            .allowExtensions(deflate) // RSV bits only with permessage-deflate
            .allowMaskMismatch(false)
            .closeOnProtocolViolation(false) // WebSocketFrameHandler answers as ws does
            .build();
    if (deflate) {
      lastDeflate = c;
    } else {
      lastPlain = c;
    }
    return c;
  }

  /** The port's refusal, then the connection ends (as {@link #refuseUpgrade}). */
  static void refuse(ChannelHandlerContext ctx, UpgradeVerdict v) {
    refuseUpgrade(
        ctx,
        HttpResponses.toNetty(ctx.alloc(), v.refusalStatus(), v.headers(), v.refusalBody(), null));
  }

  /** Node's {@code abortUpgrade}: a 400 with the error's message, then the connection ends. */
  static void abort(ChannelHandlerContext ctx, int code, String message) {
    refuseUpgrade(ctx, HttpResponses.upgradeError(ctx.alloc(), code, message));
  }

  /**
   * Writes {@code response} and closes the connection once it is written, or after {@link
   * WebSocketCloseGuard#CLOSE_TIMEOUT_MILLIS} if a client that does not read holds the write up.
   */
  static void refuseUpgrade(ChannelHandlerContext ctx, FullHttpResponse response) {
    Channel channel = ctx.channel();
    if (!channel.isActive()) {
      response.release();
      channel.close();
      return;
    }
    var deadline =
        ctx.executor()
            .schedule(
                () -> channel.close(),
                WebSocketCloseGuard.CLOSE_TIMEOUT_MILLIS,
                TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(f -> deadline.cancel(false));
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * Answers an upgrade the port accepted: {@code ws}'s handshake checks, then the {@code 101} and
   * the frame pipeline, then {@link EnginePort#openWebSocket}. A request for another transport is
   * refused with {@code 400} once the checks passed, before any {@code 101} (Node answers the
   * {@code 101} and an empty close frame); one for a session that cannot be upgraded (closed,
   * upgrading, upgraded) gets the {@code 101} and an empty close frame, as Node gives it, and the
   * session is untouched. Runs on the connection's loop, the verdict's owner.
   */
  static void accept(
      EnginePort port, ChannelHandlerContext ctx, HttpRequest request, UpgradeVerdict v) {
    Channel channel = ctx.channel();
    if (!channel.isActive() || ctx.isRemoved()) {
      channel.close(); // the client left while allowRequest decided or the connection moved
      return;
    }
    FullHttpResponse refusal = WebSocketHandshakes.refusal(ctx.alloc(), request);
    if (refusal != null) {
      refuseUpgrade(ctx, refusal);
      return;
    }
    if (v.refused()) { // a WebSocket for another transport
      refuse(ctx, v);
      return;
    }
    HttpRequestInfo info = v.request();
    boolean deflate = v.deflate() && WebSocketHandshakes.offersDeflate(request);
    String scheme = info.secure() ? "wss://" : "ws://";
    String host = info.header("host") == null ? "localhost" : info.header("host");
    WebSocketServerHandshaker handshaker =
        WebSocketHandshakes.newHandshaker(
            request,
            scheme + host + info.path(),
            decoderConfig(port.options().maxHttpBufferSize(), deflate));
    FullHttpRequest full =
        new DefaultFullHttpRequest(
            request.protocolVersion(),
            request.method(),
            request.uri(),
            Unpooled.EMPTY_BUFFER,
            request.headers(),
            EmptyHttpHeaders.INSTANCE);
    if (v.closeAfterHandshake()) {
      // a session that is closed, upgrading or already upgraded: as Node (and the official suite,
      // "ignores WebSocket connection with same sid after upgrade"), the 101 and an empty close
      refuseAfterHandshake(port, ctx, handshaker, full, v.headers());
      return;
    }
    ChannelPipeline p = channel.pipeline();
    WebSocketFrameHandler frames =
        new WebSocketFrameHandler(channel, !deflate, port.options().closeTimeoutMillis());
    ChannelPromise handshaken = channel.newPromise();
    handshaken.addListener(
        f -> {
          if (f.isSuccess()) {
            frames.handshakeDone();
          }
        });
    boolean answered = false;
    try {
      handshaker.handshake(channel, full, HttpResponses.toNetty(v.headers()), handshaken);
      answered = true;
      installFrameHandlers(port, ctx, p, frames, deflate);
    } catch (Exception e) {
      log.debug("WebSocket handshake failed", e);
      if (answered || ctx.isRemoved()) {
        channel.close();
      } else {
        abort(ctx, EngineProtocol.BAD_REQUEST, null);
      }
      return;
    }
    WebSocketInbound inbound = port.openWebSocket(v, frames);
    if (inbound == null) {
      channel.close(); // the endpoint closed since its verdict
      return;
    }
    frames.inbound(inbound);
  }

  /**
   * Replaces the HTTP handler {@code ctx} with the WebSocket frame pipeline ending in {@code last}.
   * Without permessage-deflate, the frame decoder checks UTF-8 itself, and {@code last} (the frame
   * handler) takes over the read backpressure ({@link ReadBackpressure}, which holds reading only
   * for HTTP): an idle connection keeps two handlers fewer.
   */
  private static void installFrameHandlers(
      EnginePort port,
      ChannelHandlerContext ctx,
      ChannelPipeline p,
      ChannelHandler last,
      boolean deflate) {
    WebSocketHandshakes.StrictFrameDecoder decoder =
        p.get(WebSocketHandshakes.StrictFrameDecoder.class);
    if (decoder != null && !deflate) {
      decoder.checkUtf8();
    } else {
      p.addBefore(ctx.name(), "wsutf8", new Utf8FrameValidator(false)); // after the inflater
    }
    ReadBackpressure backpressure = p.get(ReadBackpressure.class);
    if (backpressure != null) {
      p.remove(backpressure); // the frame handler follows the writability from now on
    }
    int maxMessage = port.options().maxHttpBufferSize();
    if (decoder != null && maxMessage > 0) {
      decoder.aggregateOnFirstFragment(maxMessage); // added before FRAMES when needed
    } else {
      p.addBefore(ctx.name(), AGGREGATOR, new WebSocketFrameAggregator(maxMessage));
    }
    p.replace(ctx.handler(), FRAMES, last); // also the close guard (WebSocketFrameHandler#write)
  }

  /**
   * Node's answer to a WebSocket for a session it will not move ({@code onWebSocket}: {@code
   * websocket.close()}): the {@code 101}, then a close frame without a code; nothing the client
   * sends is read, and the connection ends as after any close frame, within the close timeout
   * ({@link WebSocketCloseGuard}). The session is untouched.
   */
  private static void refuseAfterHandshake(
      EnginePort port,
      ChannelHandlerContext ctx,
      WebSocketServerHandshaker handshaker,
      FullHttpRequest full,
      ResponseHeaders extra) {
    Channel channel = ctx.channel();
    try {
      handshaker.handshake(channel, full, HttpResponses.toNetty(extra), channel.newPromise());
    } catch (Exception e) {
      log.debug("WebSocket handshake failed", e);
      abort(ctx, EngineProtocol.BAD_REQUEST, null);
      return;
    }
    ChannelPipeline p = channel.pipeline();
    p.addBefore(
        ctx.name(), CLOSE_GUARD, new WebSocketCloseGuard(port.options().closeTimeoutMillis()));
    p.remove(ctx.handler());
    channel.config().setAutoRead(false); // nothing the client sends now is read
    channel.writeAndFlush(new CloseWebSocketFrame());
  }
}
