package dev.sio.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/**
 * One Socket.IO client over a raw WebSocket, as cheap per message as we can make it: opens the
 * Engine.IO session straight over WebSocket, sends CONNECT for namespace {@code /}, answers pings,
 * and hands acks and events to a {@link Listener} as the frame's bytes (no String, no JSON tree).
 *
 * <p>Everything runs on the channel's event loop. Writes made while handling a read are flushed
 * once at the end of the read burst.
 */
public final class WsClient extends SimpleChannelInboundHandler<WebSocketFrame> {

  /** What a scenario hears from a client; every call comes on the client's event loop. */
  public interface Listener {
    /** The Socket.IO CONNECT was answered. */
    default void onConnected(WsClient client) {}

    /**
     * An ACK arrived: {@code frame} holds the whole text packet and its arguments start at {@code
     * argsIndex} (the {@code [}). The buffer is only valid during the call.
     */
    default void onAck(WsClient client, long id, ByteBuf frame, int argsIndex) {}

    /** An EVENT arrived; {@code frame} is the whole text packet, valid during the call only. */
    default void onEvent(WsClient client, ByteBuf frame) {}

    /** The connection closed or failed before or after connecting; called at most once. */
    default void onClosed(WsClient client, String reason) {}
  }

  /** How long the tool waits for the 101 answer: longer than any scenario waits for CONNECT. */
  static final long HANDSHAKE_TIMEOUT_MILLIS = 75_000;

  private final Listener listener;
  private final long startNanos = System.nanoTime();
  private Channel channel; // event loop (set before the first read)
  private boolean writtenSinceFlush; // event loop
  private boolean closedReported; // event loop
  private volatile long connectedNanos; // written once by the event loop, read by anyone
  private volatile int pings; // written by the event loop only, read by anyone

  /** Scenario state of this client, owned by its event loop. */
  public Object attachment;

  private WsClient(Listener listener) {
    this.listener = listener;
  }

  /** Opens a client to {@code transport}'s target; the future completes when TCP connects. */
  public static WsClient open(LoadTransport transport, Listener listener) {
    return open(transport, listener, ch -> {});
  }

  /**
   * Opens a client as {@link #open(LoadTransport, Listener)} does, after {@code configure} has set
   * options of its channel before it connects (a receive buffer size, say).
   */
  public static WsClient open(
      LoadTransport transport, Listener listener, java.util.function.Consumer<Channel> configure) {
    WsClient client = new WsClient(listener);
    URI uri =
        URI.create(
            "ws://"
                + transport.target().getAddress().getHostAddress()
                + ":"
                + transport.target().getPort()
                + BenchProtocol.WEBSOCKET_PATH);
    WebSocketClientProtocolConfig config =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .version(WebSocketVersion.V13)
            .allowExtensions(false)
            .maxFramePayloadLength(1 << 20)
            .handleCloseFrames(true)
            .dropPongFrames(true)
            .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
            .absoluteUpgradeUrl(false)
            .generateOriginHeader(false)
            .withUTF8Validator(false) // the tool reads ASCII digits only; skip the per-byte scan
            .build();
    ChannelFuture f =
        transport.connect(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                client.channel = ch;
                configure.accept(ch);
                ch.pipeline()
                    .addLast(new HttpClientCodec())
                    .addLast(new HttpObjectAggregator(65536))
                    .addLast(new WebSocketClientProtocolHandler(config))
                    .addLast(client);
              }
            });
    f.addListener(
        done -> {
          if (!done.isSuccess()) {
            client.reportClosed("connect failed: " + done.cause());
          }
        });
    return client;
  }

  /** The channel, once TCP is connecting. */
  public Channel channel() {
    return channel;
  }

  /** When {@link #open} was called ({@link System#nanoTime()}). */
  public long startNanos() {
    return startNanos;
  }

  /** When the Socket.IO CONNECT was answered, or 0. */
  public long connectedNanos() {
    return connectedNanos;
  }

  /** Engine.IO pings received (each answered with a pong). */
  public int pings() {
    return pings;
  }

  /** Writes one text frame holding {@code packet}; flushed at the end of the read burst. */
  public void write(ByteBuf packet) {
    channel.write(new TextWebSocketFrame(packet), channel.voidPromise());
    writtenSinceFlush = true;
  }

  /** Writes one text frame holding {@code packet} (ASCII). */
  public void write(String packet) {
    write(ByteBufUtil.writeAscii(channel.alloc(), packet));
  }

  /** Flushes now; for writes made outside a read (a timer, another loop's request). */
  public void flush() {
    writtenSinceFlush = false;
    channel.flush();
  }

  /** Closes the connection. */
  public void close() {
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame)) {
      return; // binary frames are not part of the fixture contract
    }
    ByteBuf c = frame.content();
    int r = c.readerIndex();
    int end = c.writerIndex();
    if (end - r < 1) {
      return;
    }
    byte eio = c.getByte(r);
    if (eio == BenchProtocol.EIO_MESSAGE && end - r >= 2) {
      byte sio = c.getByte(r + 1);
      if (sio == BenchProtocol.SIO_ACK) {
        int args = BenchProtocol.skipDigits(c, r + 2, end);
        listener.onAck(this, BenchProtocol.readNumber(c, r + 2, end), c, args);
      } else if (sio == BenchProtocol.SIO_EVENT) {
        listener.onEvent(this, c);
      } else if (sio == BenchProtocol.SIO_CONNECT) {
        connectedNanos = System.nanoTime();
        listener.onConnected(this);
      } else if (sio == BenchProtocol.SIO_CONNECT_ERROR) {
        reportClosed(
            "connect_error " + c.toString(r, end - r, java.nio.charset.StandardCharsets.UTF_8));
        ctx.close();
      } else if (sio == BenchProtocol.SIO_DISCONNECT) {
        reportClosed("io server disconnect");
        ctx.close();
      }
    } else if (eio == BenchProtocol.EIO_PING) {
      pings = pings + 1; // single writer
      write(BenchProtocol.PONG);
    } else if (eio == BenchProtocol.EIO_OPEN) {
      write(BenchProtocol.CONNECT);
    } else if (eio == BenchProtocol.EIO_CLOSE) {
      ctx.close();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (writtenSinceFlush) {
      flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      reportClosed(
          "no WebSocket handshake answer within " + HANDSHAKE_TIMEOUT_MILLIS / 1000 + " s");
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    reportClosed("transport close");
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    reportClosed("transport error: " + cause);
    ctx.close();
  }

  private void reportClosed(String reason) {
    if (!closedReported) {
      closedReported = true;
      listener.onClosed(this, reason);
    }
  }
}
