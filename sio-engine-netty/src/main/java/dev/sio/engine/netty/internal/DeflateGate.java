package dev.sio.engine.netty.internal;

import dev.sio.engine.internal.EngineEndpoint;
import dev.sio.engine.internal.Router;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits before Netty's WebSocket compression handler: hides the client's extension offer when the
 * target endpoint has permessage-deflate off, so compression is negotiated per endpoint; refuses an
 * offer it cannot parse with {@code ws}'s 400 when it is on (Netty's parser would throw on it).
 */
final class DeflateGate extends ChannelInboundHandlerAdapter {
  private final Router router;
  private boolean refused; // the connection's loop: a refusal was written, the rest is dropped

  DeflateGate(Router router) {
    this.router = router;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request
        && request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) {
      EngineEndpoint endpoint = router.endpoint(request.uri());
      if (endpoint == null || !endpoint.options().perMessageDeflate()) {
        request.headers().remove(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
      } else if (!request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS).stream()
          .allMatch(WebSocketHandshakes::isValidExtensions)) {
        refused = true;
        ReferenceCountUtil.release(msg);
        WebSocketAcceptor.refuseUpgrade(
            ctx,
            HttpResponses.handshakeError(ctx.alloc(), 400, WebSocketHandshakes.INVALID_EXTENSIONS));
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }
}
