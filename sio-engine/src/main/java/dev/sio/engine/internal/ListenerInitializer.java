package dev.sio.engine.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Builds each accepted connection's pipeline: [TLS], flush coalescing, HTTP/1.1, dispatch. */
public final class ListenerInitializer extends ChannelInitializer<Channel> {
  private final Router router;
  private final SslContext ssl; // null for plain HTTP
  private final Set<Channel> channels; // every open connection, for shutdown
  private final long idleMillis;

  /** An initializer for {@code router}'s connections. */
  public ListenerInitializer(
      Router router, SslContext ssl, Set<Channel> channels, long idleMillis) {
    this.router = router;
    this.ssl = ssl;
    this.channels = channels;
    this.idleMillis = idleMillis;
  }

  @Override
  protected void initChannel(Channel ch) {
    channels.add(ch);
    ch.closeFuture().addListener(f -> channels.remove(ch));
    ChannelPipeline p = ch.pipeline();
    if (ssl != null) {
      p.addLast("tls", ssl.newHandler(ch.alloc()));
    }
    p.addLast("idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
    p.addLast("flush", new FlushConsolidationHandler(256, true));
    p.addLast(
        "http",
        new HttpServerCodec(
            new HttpDecoderConfig()
                .setMaxInitialLineLength(8192)
                .setMaxHeaderSize(16384)
                .setMaxChunkSize(65536)));
    if (router.anyDeflate()) {
      p.addLast("wsdeflategate", new DeflateGate(router));
      p.addLast("wsdeflate", new WebSocketServerCompressionHandler(0));
    }
    p.addLast("engine", new HttpConnectionHandler(router, ssl != null));
  }
}
