package dev.sio.client.internal;

import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.List;

/**
 * The WebSocket transport: one text frame per text packet, one binary frame per binary message (no
 * prefix in Engine.IO v4, the type byte {@code 4} first in v3; see {@link EngineFraming}). Event
 * thread only.
 */
final class WebSocketTransport extends Transport {
  private Channel channel; // event thread
  private boolean closing; // event thread: we closed it, so the close is not an error

  WebSocketTransport(TransportContext context, String sid) {
    super(context, sid);
  }

  @Override
  String name() {
    return "websocket";
  }

  @Override
  protected void doOpen() {
    URI uri = URI.create(context.endpoint().uri("ws", context.pathAndQuery(query)));
    HttpHeaders headers = new DefaultHttpHeaders();
    context.addHeaders(headers);
    WebSocketClientHandshaker handshaker =
        WebSocketClientHandshakerFactory.newHandshaker(
            uri, WebSocketVersion.V13, null, true, headers, HttpRequester.MAX_CONTENT);
    ChannelFuture connect =
        context.connect(
            p -> {
              p.addLast(new HttpClientCodec());
              p.addLast(new HttpObjectAggregator(64 * 1024));
              if (context.options().perMessageDeflate()) {
                p.addLast(
                    WebSocketDeflate.clientHandler(
                        context.options().perMessageDeflateThreshold(), HttpRequester.MAX_CONTENT));
              }
              p.addLast("sio-ws", new FrameHandler(handshaker));
            });
    channel = connect.channel();
    connect.addListener(
        f -> {
          if (!f.isSuccess() && state == State.OPENING) {
            onError("websocket error", f.cause());
          }
        });
  }

  @Override
  protected void write(List<EnginePacket> packets) {
    writable = false;
    ChannelFuture last = null;
    for (EnginePacket packet : packets) {
      last =
          channel.write(
              WebSocketDeflate.frame(packet, !uncompressed.test(packet), context.framing()));
    }
    channel.flush();
    if (last == null) {
      writable = true;
      listener.onDrain();
      return;
    }
    last.addListener(
        f -> {
          if (state == State.CLOSED) {
            return;
          }
          if (f.isSuccess()) {
            writable = true;
            listener.onDrain();
          } else {
            onError("websocket error", f.cause());
          }
        });
  }

  @Override
  protected void doClose() {
    closing = true;
    if (channel != null) {
      if (channel.isActive() && state == State.OPEN) {
        channel.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> channel.close());
      } else {
        channel.close();
      }
    }
  }

  private final class FrameHandler extends SimpleChannelInboundHandler<Object> {
    private final WebSocketClientHandshaker handshaker;

    FrameHandler(WebSocketClientHandshaker handshaker) {
      this.handshaker = handshaker;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      handshaker.handshake(ctx.channel());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
      if (!handshaker.isHandshakeComplete()) {
        FullHttpResponse response = (FullHttpResponse) msg;
        context.readCookies(response.headers());
        try {
          handshaker.finishHandshake(ctx.channel(), response);
        } catch (RuntimeException e) {
          ctx.close();
          if (state == State.OPENING) {
            onError("websocket error", e);
          }
          return;
        }
        ctx.pipeline()
            .addBefore(
                "sio-ws", "ws-aggregator", new WebSocketFrameAggregator(HttpRequester.MAX_CONTENT));
        if (state == State.OPENING) {
          onOpen();
        }
        return;
      }
      if (state == State.CLOSED) {
        return;
      }
      try {
        if (msg instanceof TextWebSocketFrame text) {
          onPacket(context.framing().decodeText(text.text()));
        } else if (msg instanceof BinaryWebSocketFrame binary) {
          onPacket(context.framing().decodeBinary(ByteBufUtil.getBytes(binary.content())));
        } else if (msg instanceof PingWebSocketFrame ping) {
          ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (msg instanceof CloseWebSocketFrame) {
          ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> ctx.close());
        }
      } catch (ProtocolException e) {
        onError("websocket error", e);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (state == State.OPEN || state == State.OPENING) {
        if (!handshaker.isHandshakeComplete() && !closing) {
          onError("websocket error", new TransportException("connection closed", null));
        } else {
          onClose("websocket connection closed");
        }
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
      if (state == State.OPEN || state == State.OPENING) {
        onError("websocket error", cause);
      }
    }
  }
}
