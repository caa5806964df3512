package dev.sio.webtransport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;

/**
 * On a QUIC connection's pipeline, before Netty's {@code Http3ServerConnectionHandler}: puts a
 * {@link BidiSignalDecoder} first in every bidirectional stream the client opens, so that a
 * WebTransport stream ({@code 0x41}) is taken away from Netty's HTTP/3 frame codec, which would
 * read its bytes as frames (docs/design/WEBTRANSPORT.md §3, §10.5). Netty registers a stream only
 * at the pipeline's tail, after both handlers ran, so no byte is read before. QUIC datagrams, which
 * also arrive here, are dropped. One per connection.
 */
final class StreamTypeSniffer extends ChannelInboundHandlerAdapter {
  private final WebTransportConnection connection;

  StreamTypeSniffer(WebTransportConnection connection) {
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf datagram) {
      datagram.release(); // a QUIC datagram: Engine.IO sends none, WebTransport's are not read
      return;
    }
    if (msg instanceof QuicStreamChannel s
        && s.type() == QuicStreamType.BIDIRECTIONAL
        && !s.isLocalCreated()) {
      s.pipeline().addFirst(BidiSignalDecoder.NAME, new BidiSignalDecoder(connection));
    }
    ctx.fireChannelRead(msg);
  }
}
