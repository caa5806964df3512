package dev.sio.engine.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Netty WebSocket client offering permessage-deflate; records whether frames were compressed. */
final class NettyWsClient implements AutoCloseable {
  final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  final java.util.concurrent.atomic.AtomicLong bytesRead =
      new java.util.concurrent.atomic.AtomicLong(); // on the wire
  volatile String extensionsHeader;
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel channel;

  NettyWsClient(URI uri) throws Exception {
    WebSocketClientHandshaker handshaker =
        WebSocketClientHandshakerFactory.newHandshaker(
            uri, WebSocketVersion.V13, null, true, new DefaultHttpHeaders(), 10_000_000);
    CompletableFuture<Void> ready = new CompletableFuture<>();
    channel =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new io.netty.channel.ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                bytesRead.addAndGet(
                                    ((io.netty.buffer.ByteBuf) msg).readableBytes());
                                ctx.fireChannelRead(msg);
                              }
                            })
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(
                            new SimpleChannelInboundHandler<Object>() {
                              @Override
                              protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                if (!handshaker.isHandshakeComplete()) {
                                  FullHttpResponse r = (FullHttpResponse) msg;
                                  extensionsHeader = r.headers().get("sec-websocket-extensions");
                                  handshaker.finishHandshake(ctx.channel(), r);
                                  ready.complete(null);
                                } else if (msg instanceof TextWebSocketFrame t) {
                                  texts.add(t.text());
                                }
                              }
                            })
                        .addAfter(
                            ch.pipeline().context(HttpClientCodec.class).name(),
                            "deflate",
                            WebSocketClientCompressionHandler.INSTANCE);
                  }
                })
            .connect(uri.getHost(), uri.getPort())
            .sync()
            .channel();
    // On the channel's loop: started from another thread, the handshake's write listener (which
    // adds the frame encoder next to the HTTP codec) may run after the response was read and the
    // codec removed, and fail with "ChannelPipeline does not contain an HttpRequestEncoder".
    channel
        .eventLoop()
        .submit(() -> handshaker.handshake(channel))
        .get(10, TimeUnit.SECONDS)
        .sync();
    ready.get(10, TimeUnit.SECONDS);
  }

  void send(String text) {
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  String next() throws InterruptedException {
    return texts.poll(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
