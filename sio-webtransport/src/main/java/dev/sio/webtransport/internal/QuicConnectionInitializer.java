package dev.sio.webtransport.internal;

import dev.sio.engine.netty.HttpListener;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http3.Http3ServerConnectionHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A new QUIC connection's pipeline: the {@link StreamTypeSniffer}, then Netty's HTTP/3 server
 * handler with Sio's SETTINGS, a {@link ControlStreamHandler} and a {@link ConnectHandler} per
 * request stream, all sharing one {@link WebTransportConnection}.
 */
public final class QuicConnectionInitializer extends ChannelInitializer<QuicChannel> {
  private final HttpListener http;
  private final ListenerConfig config;
  private final Set<WebTransportConnection> open = ConcurrentHashMap.newKeySet(); // any thread

  /**
   * An initializer for connections that serve {@code http}'s Engine.IO endpoints.
   *
   * @param http the listener whose endpoints are served
   * @param config the timers
   */
  public QuicConnectionInitializer(HttpListener http, ListenerConfig config) {
    this.http = http;
    this.config = config;
  }

  @Override
  protected void initChannel(QuicChannel quic) {
    WebTransportConnection connection = new WebTransportConnection(quic, http, config);
    open.add(connection);
    quic.closeFuture().addListener(f -> open.remove(connection));
    quic.pipeline()
        .addLast(
            new StreamTypeSniffer(connection),
            new Http3ServerConnectionHandler(
                new ChannelInitializer<QuicStreamChannel>() {
                  @Override
                  protected void initChannel(QuicStreamChannel stream) {
                    stream.pipeline().addLast(new ConnectHandler(connection));
                  }
                },
                new ControlStreamHandler(connection),
                null,
                WebTransportSettings.server(),
                true,
                WebTransportSettings::keep));
  }

  /**
   * Closes every open connection as a server close does (each session's capsule and FIN first, so
   * that a browser hears a close, not a lost connection) and waits until they are closed, at most
   * {@code closeTimeout} and a second. Any thread but a QUIC loop.
   */
  public void closeAll() {
    List<WebTransportConnection> connections = List.copyOf(open);
    for (WebTransportConnection c : connections) {
      c.quic().eventLoop().execute(c::closeGracefully);
    }
    long deadline =
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.closeTimeoutMillis() + 1000);
    for (WebTransportConnection c : connections) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !c.quic().closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
        break;
      }
    }
  }
}
