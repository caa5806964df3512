package dev.sio.engine.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Sits before Netty's WebSocket compression handler: hides the client's extension offer when the
 * target endpoint has permessage-deflate off, so compression is negotiated per endpoint.
 */
final class DeflateGate extends ChannelInboundHandlerAdapter {
  private final Router router;

  DeflateGate(Router router) {
    this.router = router;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request
        && request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) {
      EngineEndpoint endpoint = router.endpoint(request.uri());
      if (endpoint == null || !endpoint.options().perMessageDeflate()) {
        request.headers().remove(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
      }
    }
    ctx.fireChannelRead(msg);
  }
}
