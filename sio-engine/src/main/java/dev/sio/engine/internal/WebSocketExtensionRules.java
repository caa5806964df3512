package dev.sio.engine.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;

/**
 * The RSV rules when permessage-deflate was offered and Netty's frame decoder therefore lets RSV
 * bits through (the rules of {@code ws}'s receiver): RSV2 and RSV3 must be clear, and RSV1 is only
 * allowed on the first frame of a text or binary message, once the extension was negotiated. Sits
 * right after the frame decoder, before the extension's decoder. Runs on the channel's loop.
 */
final class WebSocketExtensionRules extends ChannelInboundHandlerAdapter {
  private Boolean deflate; // channel loop: whether the extension's decoder is in the pipeline
  private boolean failed; // channel loop: a violation was reported; later frames are dropped

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (failed) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof WebSocketFrame frame && frame.rsv() != 0) {
      String violation = violation(ctx, frame);
      if (violation != null) {
        failed = true;
        frame.release();
        throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, violation);
      }
    }
    ctx.fireChannelRead(msg);
  }

  private String violation(ChannelHandlerContext ctx, WebSocketFrame frame) {
    int rsv = frame.rsv();
    if ((rsv & (WebSocketExtension.RSV2 | WebSocketExtension.RSV3)) != 0) {
      return "RSV2 and RSV3 must be clear";
    }
    boolean first = frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame;
    if (!first || !deflateNegotiated(ctx)) {
      return "RSV1 must be clear";
    }
    return null;
  }

  private boolean deflateNegotiated(ChannelHandlerContext ctx) {
    if (deflate == null) {
      boolean found = false;
      for (Map.Entry<String, ChannelHandler> e : ctx.pipeline()) {
        if (e.getValue() instanceof WebSocketExtensionDecoder) {
          found = true;
        }
      }
      deflate = found;
    }
    return deflate;
  }
}
