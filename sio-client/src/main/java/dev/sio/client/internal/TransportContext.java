package dev.sio.client.internal;

import dev.sio.client.ClientOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * What every transport of one Engine.IO connection shares: the options, the endpoint, the event
 * thread, the TLS context and the cookie jar. Connects channels on the event thread, so that all
 * channels of one client live on its one thread.
 */
public final class TransportContext {
  private final ClientOptions options;
  private final Endpoint endpoint;
  private final ClientLoop loop;
  private final CookieJar cookies; // null unless withCredentials; event thread
  private final SslContext sslContext; // null for plain connections
  private final EngineFraming framing;

  /** The context of connections to {@code endpoint}. */
  public TransportContext(ClientOptions options, Endpoint endpoint, ClientLoop loop) {
    this.options = options;
    this.endpoint = endpoint;
    this.loop = loop;
    this.cookies = options.withCredentials() ? new CookieJar() : null;
    this.sslContext = endpoint.secure() ? sslContext(options.sslContext()) : null;
    this.framing = EngineFraming.of(options.protocol());
  }

  private static SslContext sslContext(SSLContext jdk) {
    try {
      SSLContext context = jdk != null ? jdk : SSLContext.getDefault();
      return new JdkSslContext(
          context,
          true,
          null,
          IdentityCipherSuiteFilter.INSTANCE,
          null,
          ClientAuth.NONE,
          null,
          false);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  /** The client options. */
  public ClientOptions options() {
    return options;
  }

  /** Where the connections go. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** The Engine.IO framing of the options' protocol generation. */
  EngineFraming framing() {
    return framing;
  }

  /** The event thread of the connections. */
  public ClientLoop loop() {
    return loop;
  }

  /** Adds the extra headers and the cookies to a request. */
  void addHeaders(HttpHeaders headers) {
    options.extraHeaders().forEach(headers::set);
    if (cookies != null) {
      String cookie = cookies.header();
      if (cookie != null) {
        headers.set("cookie", cookie);
      }
    }
  }

  /** Keeps the cookies of a response. */
  void readCookies(HttpHeaders headers) {
    if (cookies != null) {
      List<String> values = headers.getAll("set-cookie");
      if (!values.isEmpty()) {
        cookies.parse(values);
      }
    }
  }

  /**
   * Connects a new channel to the endpoint; {@code init} adds the handlers after TLS.
   *
   * @return the connect future (its listeners run on the event thread)
   */
  ChannelFuture connect(Consumer<ChannelPipeline> init) {
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loop.eventLoop())
            .channel(ClientLoop.channelClass())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20_000)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (sslContext != null) {
                      SSLEngine engine =
                          sslContext.newEngine(ch.alloc(), endpoint.host(), endpoint.port());
                      if (options.hostnameVerification()) {
                        SSLParameters params = engine.getSSLParameters();
                        params.setEndpointIdentificationAlgorithm("HTTPS");
                        engine.setSSLParameters(params);
                      }
                      ch.pipeline().addLast("tls", new SslHandler(engine));
                    }
                    init.accept(ch.pipeline());
                  }
                });
    return bootstrap.connect(endpoint.host(), endpoint.port());
  }

  /** The Engine.IO path with {@code query} (already holding EIO, transport and sid). */
  String pathAndQuery(java.util.Map<String, String> query) {
    return options.path() + QueryStrings.encode(query);
  }
}
