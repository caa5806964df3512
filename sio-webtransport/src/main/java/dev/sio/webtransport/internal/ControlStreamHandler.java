package dev.sio.webtransport.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3SettingsFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Hears the frames of the client's HTTP/3 control stream (Netty hands them on after its own checks)
 * and tells the connection when the SETTINGS arrive. One per connection.
 */
final class ControlStreamHandler extends ChannelInboundHandlerAdapter {
  private final WebTransportConnection connection;

  ControlStreamHandler(WebTransportConnection connection) {
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Http3SettingsFrame settings) {
      connection.onPeerSettings(settings);
    }
    ReferenceCountUtil.release(msg);
  }
}
