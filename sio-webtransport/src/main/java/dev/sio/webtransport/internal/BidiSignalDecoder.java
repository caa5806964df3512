package dev.sio.webtransport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a client's bidirectional stream: reads its first varint. {@code 0x41} (a
 * WebTransport stream) and a session id: every HTTP/3 handler after it is removed and an {@link
 * EngineStreamHandler} takes the stream, or the stream is reset when no session of this connection
 * takes it. Anything else (an HTTP/3 request, whose first frame type is never {@code 0x41}): it
 * removes itself, which hands the bytes it holds to Netty's frame codec unchanged.
 */
final class BidiSignalDecoder extends ByteToMessageDecoder {
  static final String NAME = "sioBidiSignal";
  private static final Logger log = LoggerFactory.getLogger(BidiSignalDecoder.class);

  private final WebTransportConnection connection;

  BidiSignalDecoder(WebTransportConnection connection) {
    this.connection = connection;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!in.isReadable()) {
      return;
    }
    int start = in.readerIndex();
    int typeLength = WebTransportProtocol.varintLength(in.getByte(start));
    if (in.readableBytes() < typeLength) {
      return;
    }
    long type = WebTransportProtocol.readVarint(in.duplicate());
    if (type != WebTransportProtocol.WEBTRANSPORT_STREAM) {
      ctx.pipeline().remove(this); // the cumulation goes on to Http3FrameCodec as it is
      return;
    }
    if (in.readableBytes() < typeLength + 1) {
      return;
    }
    int idLength = WebTransportProtocol.varintLength(in.getByte(start + typeLength));
    if (in.readableBytes() < typeLength + idLength) {
      return;
    }
    in.skipBytes(typeLength);
    long sessionId = WebTransportProtocol.readVarint(in);
    QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
    WebTransportSession session = connection.session(sessionId);
    ChannelPipeline p = ctx.pipeline();
    for (String name : p.names()) {
      ChannelHandler h = p.get(name);
      if (h != null && h != this) {
        p.remove(name);
      }
    }
    EngineStreamHandler handler = session == null ? null : new EngineStreamHandler(session, stream);
    if (handler == null || !session.attach(handler)) {
      log.debug("WebTransport stream {} for session {} refused", stream.streamId(), sessionId);
      in.skipBytes(in.readableBytes());
      stream.shutdown(WebTransportProtocol.STREAM_REJECTED);
      return;
    }
    p.addLast(handler);
    p.remove(this); // what follows the session id goes on to the handler
  }
}
