package dev.sio.engine.internal;

import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketCodec;
import dev.sio.protocol.engineio.EnginePacketType;
import dev.sio.protocol.engineio.EngineV3PacketCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;

/**
 * Turns WebSocket frames of one connection into Engine.IO packets for its {@link
 * WebSocketTransport}. Decodes on the connection's loop (one copy of the payload: bytes to String,
 * or bytes to {@code byte[]}), then hands the packet to the session's loop, which is the same
 * thread once the session lives on this connection. A text MESSAGE on the session's own loop goes
 * up as its UTF-8 bytes instead ({@link EngineSession#onMessageBytes}): no String, no packet.
 */
final class WebSocketFrameHandler extends ChannelInboundHandlerAdapter {
  private final WebSocketTransport transport;
  private final EngineSession session;
  private boolean failed; // channel loop: a protocol error was answered; later frames are dropped

  WebSocketFrameHandler(WebSocketTransport transport) {
    this.transport = transport;
    this.session = transport.session;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (failed) {
        return;
      }
      if (session.isV3()
          && (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame)) {
        onFrameV3((io.netty.handler.codec.http.websocketx.WebSocketFrame) msg);
      } else if (msg instanceof TextWebSocketFrame text) {
        onText(text.content());
      } else if (msg instanceof BinaryWebSocketFrame binary) {
        EnginePacket packet = EnginePacket.binary(ByteBufUtil.getBytes(binary.content()));
        deliver(packet);
      } else if (msg instanceof PingWebSocketFrame ping) {
        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
      } else if (msg instanceof CloseWebSocketFrame close) {
        // echo the code and reason, as ws does; WebSocketCloseGuard then ends the connection
        ctx.writeAndFlush(new CloseWebSocketFrame(true, 0, close.content().retain()));
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
    if (type == EnginePacketType.MESSAGE
        && length > 1
        && session.canRunNow()
        && transport.onMessageBytes(content, start + 1, length - 1)) {
      return; // the usual message: its bytes go up as they are, no String, no packet
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

  /** Engine.IO v3: {@code b4<base64>} in text, the type byte first in a binary frame. */
  private void onFrameV3(io.netty.handler.codec.http.websocketx.WebSocketFrame frame) {
    EnginePacket packet;
    try {
      packet =
          frame instanceof TextWebSocketFrame
              ? EngineV3PacketCodec.decodeText(frame.content().toString(StandardCharsets.UTF_8))
              : EngineV3PacketCodec.decodeBinary(ByteBufUtil.getBytes(frame.content()));
    } catch (ProtocolException e) {
      session.execute(() -> transport.onMalformed(e.getMessage()));
      return;
    }
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

  /**
   * A protocol violation is answered as {@code ws} answers it: a close frame with the violation's
   * code (1002, 1007, 1009) and an empty reason, then the connection ends ({@link
   * WebSocketCloseGuard}); the session closes with {@code "transport error"}. Other failures close
   * the connection at once.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    String description = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    int code = closeCode(cause);
    if (failed) {
      return;
    }
    failed = true;
    if (code > 0 && ctx.channel().isActive()) {
      ctx.writeAndFlush(new CloseWebSocketFrame(code, null));
    } else {
      ctx.close();
    }
    session.execute(() -> transport.onChannelError(description));
  }

  /** The close code answering {@code cause}, or -1 when it is no protocol violation. */
  static int closeCode(Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException corrupted) {
      return corrupted.closeStatus().code();
    }
    if (cause instanceof TooLongFrameException) {
      return WebSocketCloseStatus.MESSAGE_TOO_BIG.code(); // a fragmented message over maxPayload
    }
    if (cause instanceof DecoderException) {
      return WebSocketCloseStatus.PROTOCOL_ERROR.code();
    }
    return -1;
  }
}
