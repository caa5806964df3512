package dev.sio.webtransport.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3SettingsFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the frames of the client's HTTP/3 control stream (Netty hands them on after its own checks)
 * and tells the connection when the SETTINGS arrive; a frame that fails in Netty's codec closes the
 * connection. One per connection.
 */
final class ControlStreamHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ControlStreamHandler.class);

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

  /**
   * A frame Netty's codec could not take (a SETTINGS value out of range, such as {@code
   * SETTINGS_H3_DATAGRAM = 2}, fails in {@code Http3Settings.put}) is a connection error (RFC 9114
   * §6.2.1): without this, the connection stayed open with its control stream broken.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    boolean settings = false;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      settings |= t instanceof IllegalArgumentException;
    }
    log.info("HTTP/3 control stream of {} failed: {}", ctx.channel().parent(), cause.toString());
    ((QuicStreamChannel) ctx.channel())
        .parent()
        .close(
            true,
            settings
                ? WebTransportProtocol.H3_SETTINGS_ERROR
                : WebTransportProtocol.H3_GENERAL_PROTOCOL_ERROR,
            Unpooled.EMPTY_BUFFER);
  }
}
