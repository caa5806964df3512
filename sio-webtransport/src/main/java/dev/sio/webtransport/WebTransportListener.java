package dev.sio.webtransport;

import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.internal.SioEventLoopGroup;
import dev.sio.engine.spi.EnginePort;
import dev.sio.webtransport.internal.ListenerConfig;
import dev.sio.webtransport.internal.QuicConnectionInitializer;
import dev.sio.webtransport.internal.QuicTls;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.Quic;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the Engine.IO endpoints of an {@link HttpListener} over WebTransport: HTTP/3 on QUIC, on a
 * UDP socket of the same host and (by default) the same port number. An endpoint takes WebTransport
 * sessions when its {@code EngineOptions.transports} include {@code webtransport}; from {@link
 * #start} on, its polling handshakes offer the upgrade to it.
 *
 * <pre>{@code
 * HttpListener http = HttpListener.create(listenerOptions);
 * EngineServer.attach(http, EngineOptions.builder()
 *     .transports("polling", "websocket", "webtransport").build(), handler);
 * http.start();
 * EphemeralCertificate cert = EphemeralCertificate.generate();
 * WebTransportListener wt = WebTransportListener.start(http,
 *     WebTransportOptions.builder().certificate(cert.privateKey(), cert.certificate()).build());
 * }</pre>
 *
 * <p>One UDP socket is one event loop for every QUIC connection on it; a session opened by
 * WebTransport lives there, one upgraded from polling stays on its TCP loop (docs/CONCURRENCY.md).
 * Needs Netty's native QUIC library ({@code netty-codec-native-quic} for the platform).
 */
public final class WebTransportListener implements AutoCloseable {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final HttpListener http;
  private final EventLoopGroup group;
  private final Channel channel;
  private final QuicConnectionInitializer connections;
  private final AtomicBoolean closed = new AtomicBoolean(); // any thread

  private WebTransportListener(
      HttpListener http,
      EventLoopGroup group,
      Channel channel,
      QuicConnectionInitializer connections) {
    this.http = http;
    this.group = group;
    this.channel = channel;
    this.connections = connections;
  }

  /**
   * Binds the UDP socket beside {@code http}, which must be started, and starts serving.
   *
   * @param http the started listener whose endpoints are served
   * @param options the options
   * @return the listener
   * @throws IllegalStateException when Netty's QUIC library is not available here, or {@code http}
   *     is not started
   * @throws UncheckedIOException when the UDP port cannot be bound
   */
  public static WebTransportListener start(HttpListener http, WebTransportOptions options) {
    if (!Quic.isAvailable()) {
      Throwable cause = Quic.unavailabilityCause();
      throw new IllegalStateException(
          "WebTransport needs Netty's native QUIC library, which is not available here: " + cause,
          cause);
    }
    if (!http.isRunning()) {
      throw new IllegalStateException("the HttpListener must be started first");
    }
    QuicSslContext ssl =
        QuicTls.serverContext(options.privateKey(), options.certificateChain(), http.options());
    ListenerConfig config =
        new ListenerConfig(options.settingsTimeout().toMillis(), options.closeTimeout().toMillis());
    QuicConnectionInitializer connections = new QuicConnectionInitializer(http, config);
    ChannelHandler codec =
        Http3.newQuicServerCodecBuilder()
            .sslContext(ssl)
            .maxIdleTimeout(options.maxIdleTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .initialMaxData(16L << 20)
            .initialMaxStreamDataBidirectionalLocal(4L << 20)
            .initialMaxStreamDataBidirectionalRemote(4L << 20)
            .initialMaxStreamsBidirectional(16)
            .datagram(16, 16) // the draft wants max_datagram_frame_size > 0; none is read
            .tokenHandler(null) // no address validation tokens (not the example's insecure ones)
            .handler(connections)
            .build();
    EventLoopGroup group =
        new SioEventLoopGroup( // a SioEventLoop owns the sessions that WebTransport opens
            1,
            new DefaultThreadFactory("sio-quic-" + IDS.incrementAndGet(), false),
            NioIoHandler.newFactory());
    int port = options.port() == -1 ? http.port() : options.port();
    String host = http.options().host();
    Channel channel;
    try {
      channel =
          new Bootstrap()
              .group(group)
              .channel(NioDatagramChannel.class)
              .handler(codec)
              .bind(host, port)
              .syncUninterruptibly()
              .channel();
    } catch (Exception e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
      throw new UncheckedIOException(
          new IOException("cannot listen on udp " + host + ":" + port + ": " + e.getMessage(), e));
    }
    for (EnginePort p : http.enginePorts()) {
      p.webTransportAttached(true);
    }
    return new WebTransportListener(http, group, channel, connections);
  }

  /** {@return the bound UDP address} */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** {@return the bound UDP port} */
  public int port() {
    return localAddress().getPort();
  }

  /**
   * Stops serving: polling handshakes no longer offer WebTransport; every session closes as a
   * server close does (the close capsule and FIN: a browser hears a close, not a lost connection,
   * and its Engine.IO session "transport close"); once their QUIC connections closed, or after
   * {@code closeTimeout} and a second, the UDP socket closes. Idempotent; blocks, so not on an
   * event loop.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (EnginePort p : http.enginePorts()) {
      p.webTransportAttached(false);
    }
    connections.closeAll();
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
