package dev.sio.bench.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Warms the load tool's own connect path (TCP connect, WebSocket handshake, Engine.IO OPEN and
 * Socket.IO CONNECT) before a storm, against a stand-in Engine.IO endpoint inside the tool's
 * process, so that the server under test still meets its first connections cold while the tool does
 * not spend its first storm in the interpreter and the JIT compiler.
 */
public final class ToolWarmup {
  private static final String OPEN =
      "0{\"sid\":\"warmup\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,"
          + "\"maxPayload\":1000000}";

  private ToolWarmup() {}

  /**
   * Opens and closes {@code clients} clients {@code rounds} times against the stand-in, with {@code
   * threads} event loops on the tool's side; answers how many connected in all.
   */
  public static long run(int clients, int rounds, int threads) {
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    long connected = 0;
    try {
      Channel server =
          new ServerBootstrap()
              .group(group)
              .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(65536))
                          .addLast(
                              new WebSocketServerProtocolHandler(
                                  WebSocketServerProtocolConfig.newBuilder()
                                      .websocketPath("/socket.io/")
                                      .checkStartsWith(true)
                                      .build()))
                          .addLast(new StandIn());
                    }
                  })
              .bind(new InetSocketAddress("127.0.0.1", 0))
              .syncUninterruptibly()
              .channel();
      int port = ((InetSocketAddress) server.localAddress()).getPort();
      try (LoadTransport transport =
          new LoadTransport("127.0.0.1", port, threads, java.util.List.of())) {
        for (int i = 0; i < rounds; i++) {
          ClientPool pool = new ClientPool(new WsClient.Listener() {});
          connected +=
              pool.open(
                  transport, clients, ClientPool.AT_ONCE, Duration.ofSeconds(30), l -> {}, "");
          pool.closeAll();
        }
      }
      server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
    return connected;
  }

  /** Answers the WebSocket handshake with OPEN and {@code 40} with a CONNECT answer. */
  private static final class StandIn extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        ctx.writeAndFlush(new TextWebSocketFrame(OPEN));
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      if (frame.text().equals(BenchProtocol.CONNECT)) {
        ctx.writeAndFlush(new TextWebSocketFrame("40{\"sid\":\"warmup\"}"));
      }
    }
  }
}
