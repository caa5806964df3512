package dev.sio.engine.internal;

import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketCodec;
import dev.sio.protocol.engineio.EnginePacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;

/**
 * Turns WebSocket frames of one connection into Engine.IO packets for its {@link
 * WebSocketTransport}. Decodes on the connection's loop (one copy of the payload: bytes to String,
 * or bytes to {@code byte[]}), then hands the packet to the session's loop, which is the same
 * thread once the session lives on this connection.
 */
final class WebSocketFrameHandler extends ChannelInboundHandlerAdapter {
  private final WebSocketTransport transport;
  private final EngineSession session;

  WebSocketFrameHandler(WebSocketTransport transport) {
    this.transport = transport;
    this.session = transport.session;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof TextWebSocketFrame text) {
        onText(text.content());
      } else if (msg instanceof BinaryWebSocketFrame binary) {
        EnginePacket packet = EnginePacket.binary(ByteBufUtil.getBytes(binary.content()));
        deliver(packet);
      } else if (msg instanceof PingWebSocketFrame ping) {
        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
      } else if (msg instanceof CloseWebSocketFrame close) {
        ctx.writeAndFlush(new CloseWebSocketFrame(true, 0, close.content().retain()))
            .addListener(ChannelFutureListener.CLOSE);
      }
    } finally {
      io.netty.util.ReferenceCountUtil.release(msg);
    }
  }

  private void onText(ByteBuf content) {
    int length = content.readableBytes();
    if (length == 0) {
      session.execute(() -> transport.onMalformed("Empty packet"));
      return;
    }
    int start = content.readerIndex();
    byte first = content.getByte(start);
    if (first == EnginePacketCodec.BINARY_PREFIX) {
      String base64 = content.toString(start + 1, length - 1, StandardCharsets.US_ASCII);
      try {
        EnginePacket packet = EnginePacket.binary(EnginePacketCodec.decodeBase64(base64));
        deliver(packet);
      } catch (ProtocolException e) {
        session.execute(() -> transport.onMalformed(e.getMessage()));
      }
      return;
    }
    EnginePacketType type = EnginePacketType.fromCode(first);
    if (type == null) {
      String description = "Unknown packet type '" + (char) (first & 0xff) + "'";
      session.execute(() -> transport.onMalformed(description));
      return;
    }
    EnginePacket packet =
        length == 1
            ? (type == EnginePacketType.MESSAGE
                ? EnginePacket.message("")
                : EnginePacket.of(type, null))
            : EnginePacket.of(
                type, content.toString(start + 1, length - 1, StandardCharsets.UTF_8));
    deliver(packet);
  }

  private void deliver(EnginePacket packet) {
    if (session.canRunNow()) {
      transport.onDecoded(packet); // the session lives on this connection's loop: no hop
    } else {
      session.execute(() -> transport.onDecoded(packet));
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    session.execute(transport::onWritabilityChanged); // maxBufferedBytes and the budget's share
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    session.execute(transport::onChannelClosed);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    String description = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    session.execute(() -> transport.onChannelError(description));
    ctx.close();
  }
}
