package dev.sio.engine.netty.internal;

import dev.sio.engine.internal.Router;
import dev.sio.engine.netty.HttpListenerOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import java.util.Set;

/**
 * Builds each accepted connection's pipeline: [TLS], read backpressure, deadlines, flush
 * coalescing, HTTP/1.1, dispatch.
 */
public final class ListenerInitializer extends ChannelInitializer<Channel> {
  private final Router router;
  private final StaticReplies replies = new StaticReplies(); // thread-safe: every connection's
  private final SslContext ssl; // null for plain HTTP
  private final Set<Channel> channels; // every open connection, for shutdown
  private final HttpListenerOptions options;
  // One listener for every connection (rather than a lambda each): a closed one leaves the set.
  private final ChannelFutureListener forget;
  // Read by each new connection's codec (which copies what it needs); never changed after this.
  private final HttpDecoderConfig decoderConfig =
      new HttpDecoderConfig()
          .setMaxInitialLineLength(8192)
          .setMaxHeaderSize(16384)
          .setMaxChunkSize(65536)
          // strict framing, whatever the system properties say (Netty's defaults today)
          .setUseRfc9112TransferEncoding(true)
          .setAllowDuplicateContentLengths(false)
          .setStrictLineParsing(true);

  /** An initializer for {@code router}'s connections. */
  public ListenerInitializer(
      Router router, SslContext ssl, Set<Channel> channels, HttpListenerOptions options) {
    this.router = router;
    this.ssl = ssl;
    this.channels = channels;
    this.options = options;
    this.forget = f -> channels.remove(f.channel());
  }

  @Override
  protected void initChannel(Channel ch) {
    channels.add(ch);
    ch.closeFuture().addListener(forget);
    ChannelPipeline p = ch.pipeline();
    if (ssl != null) {
      p.addLast("tls", ssl.newHandler(ch.alloc()));
    }
    p.addLast("backpressure", new ReadBackpressure()); // removed on a WebSocket upgrade
    p.addLast("deadlines", new HttpDeadlines(options)); // removed on a WebSocket upgrade
    p.addLast(WebSocketFrameHandler.FLUSH_HANDLER, new FlushConsolidationHandler(256, true));
    p.addLast("http", new HttpServerCodec(decoderConfig));
    if (router.anyDeflate()) {
      p.addLast("wsdeflategate", new DeflateGate(router));
      p.addLast("wsdeflate", new WebSocketServerCompressionHandler(0));
    }
    p.addLast(
        "engine",
        new HttpConnectionHandler(router, replies, ssl != null, options.maxPipelinedRequests()));
  }
}
