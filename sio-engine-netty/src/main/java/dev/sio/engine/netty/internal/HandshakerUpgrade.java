package dev.sio.engine.netty.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.EngineProtocol;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.UpgradeVerdict;
import dev.sio.engine.spi.WebSocketInbound;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An accepted upgrade answered by Netty's {@link WebSocketServerHandshaker}, for a connection whose
 * pipeline has Netty's WebSocket compression handler (permessage-deflate on for some endpoint):
 * that handler negotiates the extension on the handshaker's response object as it passes and
 * installs the inflater and deflater then. Without it, {@link WebSocketAcceptor} writes {@code
 * ws}'s {@code 101} itself ({@link UpgradeResponse}). Runs on the connection's event loop.
 */
final class HandshakerUpgrade {
  private static final Logger log = LoggerFactory.getLogger(HandshakerUpgrade.class);

  private HandshakerUpgrade() {}

  /**
   * The {@code 101} through Netty's handshaker and the frame pipeline, then {@link
   * EnginePort#openWebSocket}; or, with {@link UpgradeVerdict#closeAfterHandshake}, the {@code 101}
   * and an empty close frame. {@code ctx} is the HTTP handler's; {@code ws}'s checks have passed.
   */
  static void accept(
      EnginePort port, ChannelHandlerContext ctx, HttpRequest request, UpgradeVerdict v) {
    Channel channel = ctx.channel();
    HttpRequestInfo info = v.request();
    boolean deflate = v.deflate() && WebSocketHandshakes.offersDeflate(request);
    String scheme = info.secure() ? "wss://" : "ws://";
    String host = info.header("host") == null ? "localhost" : info.header("host");
    WebSocketServerHandshaker handshaker =
        WebSocketHandshakes.newHandshaker(
            request,
            scheme + host + info.path(),
            StrictFrameDecoder.config(port.options().maxHttpBufferSize(), deflate));
    FullHttpRequest full =
        new DefaultFullHttpRequest(
            request.protocolVersion(),
            request.method(),
            request.uri(),
            Unpooled.EMPTY_BUFFER,
            request.headers(),
            EmptyHttpHeaders.INSTANCE);
    if (v.closeAfterHandshake()) {
      try {
        handshaker.handshake(
            channel, full, HttpResponses.toNetty(v.headers()), channel.newPromise());
      } catch (Exception e) {
        log.debug("WebSocket handshake failed", e);
        WebSocketAcceptor.abort(ctx, EngineProtocol.BAD_REQUEST, null);
        return;
      }
      WebSocketAcceptor.closeAfterHandshake(port, ctx);
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
        WebSocketAcceptor.abort(ctx, EngineProtocol.BAD_REQUEST, null);
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
   * for HTTP).
   */
  private static void installFrameHandlers(
      EnginePort port,
      ChannelHandlerContext ctx,
      ChannelPipeline p,
      WebSocketFrameHandler last,
      boolean deflate) {
    StrictFrameDecoder decoder = p.get(StrictFrameDecoder.class);
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
      p.addBefore(
          ctx.name(), WebSocketAcceptor.AGGREGATOR, new WebSocketFrameAggregator(maxMessage));
    }
    p.replace(ctx.handler(), WebSocketAcceptor.FRAMES, last); // also the close guard
  }
}
