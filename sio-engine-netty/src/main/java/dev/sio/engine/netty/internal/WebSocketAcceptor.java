package dev.sio.engine.netty.internal;

import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.UpgradeVerdict;
import dev.sio.engine.spi.WebSocketInbound;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.util.concurrent.TimeUnit;

/**
 * Answers a WebSocket upgrade that passed the endpoint's checks (Node's {@code ws.handleUpgrade}
 * and {@code onWebSocket}): {@code ws}'s handshake checks, the {@code 101}, and the frame pipeline
 * of the session's {@link WebSocketTransport}; or the refusal, after which the connection ends
 * within a deadline. Runs on the connection's event loop.
 */
final class WebSocketAcceptor {
  /** The pipeline name of the {@link WebSocketCloseGuard}. */
  static final String CLOSE_GUARD = "wsclose";

  /** The pipeline name of the {@link WebSocketFrameHandler}, an upgraded connection's last. */
  static final String FRAMES = "engine-ws";

  /** The pipeline name of the frame aggregator, added at the first fragmented message. */
  static final String AGGREGATOR = "wsaggregator";

  private WebSocketAcceptor() {}

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
    UpgradeBuffer.responseEncoder(ctx);
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
   *
   * <p>Without permessage-deflate (the frame decoder took the HTTP codec's place at the request,
   * {@link UpgradeBuffer#install}) the {@code 101} is {@code ws}'s, written as bytes ({@link
   * UpgradeResponse}) where no HTTP encoder is left, the read backpressure leaves and the frame
   * handler takes the HTTP handler's place. Otherwise Netty's handshaker answers ({@link
   * HandshakerUpgrade}).
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
    ChannelPipeline p = channel.pipeline();
    if (!(p.get(StrictFrameDecoder.NAME) instanceof StrictFrameDecoder decoder)
        || !decoder.isHolding()) {
      HandshakerUpgrade.accept(port, ctx, request, v);
      return;
    }
    String key = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
    // written from the HTTP handler's place: the handlers before it (the frame decoder, the flush
    // coalescer, TLS) let bytes by; the frames written later queue behind it
    ctx.writeAndFlush(UpgradeResponse.encode(ctx.alloc(), key, v.headers()), ctx.voidPromise());
    if (v.closeAfterHandshake()) {
      // a session that is closed, upgrading or already upgraded: as Node (and the official suite,
      // "ignores WebSocket connection with same sid after upgrade"), the 101 and an empty close
      p.addBefore(ctx.name(), "wsencoder", new WebSocket13FrameEncoder(false));
      closeAfterHandshake(port, ctx);
      return;
    }
    decoder.checkUtf8();
    int maxMessage = port.options().maxHttpBufferSize();
    if (maxMessage > 0) {
      decoder.aggregateOnFirstFragment(maxMessage); // added before FRAMES when needed
    } else {
      p.addBefore(ctx.name(), AGGREGATOR, new WebSocketFrameAggregator(maxMessage));
    }
    ChannelHandler backpressure = p.get(ReadBackpressure.class);
    if (backpressure != null) {
      p.remove(backpressure); // the frame handler follows the writability from now on
    }
    WebSocketFrameHandler frames =
        new WebSocketFrameHandler(channel, true, port.options().closeTimeoutMillis());
    frames.handshakeDone(); // no encoder to leave: every frame queues behind the 101
    p.replace(ctx.handler(), FRAMES, frames); // also the close guard (WebSocketFrameHandler#write)
    WebSocketInbound inbound = port.openWebSocket(v, frames);
    if (inbound == null) {
      channel.close(); // the endpoint closed since its verdict
      return;
    }
    frames.inbound(inbound);
  }

  /**
   * Node's answer to a WebSocket for a session it will not move ({@code onWebSocket}: {@code
   * websocket.close()}), once its {@code 101} is written and a frame encoder is in place: a close
   * frame without a code; nothing the client sends is read, and the connection ends as after any
   * close frame, within the close timeout ({@link WebSocketCloseGuard}). The session is untouched.
   */
  static void closeAfterHandshake(EnginePort port, ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    ChannelPipeline p = channel.pipeline();
    p.addBefore(
        ctx.name(), CLOSE_GUARD, new WebSocketCloseGuard(port.options().closeTimeoutMillis()));
    p.remove(ctx.handler());
    channel.config().setAutoRead(false); // nothing the client sends now is read
    channel.writeAndFlush(new CloseWebSocketFrame());
  }
}
