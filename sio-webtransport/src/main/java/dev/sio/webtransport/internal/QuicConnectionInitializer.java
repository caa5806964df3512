package dev.sio.webtransport.internal;

import dev.sio.engine.netty.HttpListener;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http3.Http3ServerConnectionHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;

/**
 * A new QUIC connection's pipeline: the {@link StreamTypeSniffer}, then Netty's HTTP/3 server
 * handler with Sio's SETTINGS, a {@link ControlStreamHandler} and a {@link ConnectHandler} per
 * request stream, all sharing one {@link WebTransportConnection}.
 */
public final class QuicConnectionInitializer extends ChannelInitializer<QuicChannel> {
  private final HttpListener http;
  private final ListenerConfig config;

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
}
