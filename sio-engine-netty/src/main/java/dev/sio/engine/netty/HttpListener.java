package dev.sio.engine.netty;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineHost;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.HttpRoute;
import dev.sio.engine.internal.EngineEndpoint;
import dev.sio.engine.internal.Router;
import dev.sio.engine.netty.internal.ListenerInitializer;
import dev.sio.engine.netty.internal.NettyBindingDefaults;
import dev.sio.engine.netty.internal.SioEventLoopGroup;
import dev.sio.engine.spi.EnginePort;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.internal.SystemPropertyUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;

/**
 * One HTTP/1.1 listener (with WebSocket upgrades, optionally TLS) shared by any number of Engine.IO
 * endpoints on different paths and plain {@link HttpRoute}s.
 *
 * <pre>{@code
 * HttpListener listener = HttpListener.create(HttpListenerOptions.builder().port(3000).build());
 * listener.attach(EngineOptions.defaults(), handler);
 * listener.start();
 * ...
 * listener.close();
 * }</pre>
 *
 * <p>Thread-safe. Its event loop threads are named {@code sio-eventloop-N-M}; each loop is also the
 * {@link dev.sio.engine.spi.SessionExecutor} of the sessions it owns.
 */
public final class HttpListener implements EngineHost, AutoCloseable {
  private static final AtomicInteger IDS = new AtomicInteger();
  // Netty's default read sizing (adaptive, 16 reads per wake-up as its socket channels' metadata
  // says), one object for every connection: stateless, each channel's state lives in its handle.
  private static final RecvByteBufAllocator SHARED_READS =
      new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(16);

  private final HttpListenerOptions options;
  private final Router router = new Router();

  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
  private final List<EngineEndpoint> endpoints = new ArrayList<>(); // guarded by this
  private EventLoopGroup group; // guarded by this
  private Channel serverChannel; // guarded by this
  private volatile int port = -1; // written by start()
  private boolean closed; // guarded by this

  private HttpListener(HttpListenerOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * {@return a listener with {@code options}; nothing is bound until {@link #start()}}
   *
   * @param options the options
   */
  public static HttpListener create(HttpListenerOptions options) {
    return new HttpListener(options);
  }

  /** {@return the options} */
  public HttpListenerOptions options() {
    return options;
  }

  /**
   * Serves plain HTTP requests whose path starts with {@code pathPrefix}. Routes are tried longest
   * prefix first, before the Engine.IO endpoints.
   *
   * @param pathPrefix the path prefix
   * @param route the route
   * @return this listener
   */
  @Override
  public HttpListener route(String pathPrefix, HttpRoute route) {
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    Objects.requireNonNull(route, "route");
    router.add(pathPrefix, route);
    return this;
  }

  /**
   * Binds the port and starts the event loops.
   *
   * @return this listener
   * @throws UncheckedIOException when the port cannot be bound or TLS material cannot be read
   */
  public synchronized HttpListener start() {
    if (closed) {
      throw new IllegalStateException("listener is closed");
    }
    if (serverChannel != null) {
      return this;
    }
    SslContext ssl = options.tls() ? sslContext(options) : null;
    boolean epoll = options.nativeTransport() && Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> channelClass =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    group = // every loop a SioEventLoop: the acceptor's and the connections' alike
        new SioEventLoopGroup(
            eventLoops(options.eventLoopThreads()),
            new DefaultThreadFactory("sio-eventloop-" + IDS.incrementAndGet(), false),
            io);
    try {
      ServerBootstrap b =
          new ServerBootstrap()
              .group(group)
              .channel(channelClass)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(ChannelOption.RCVBUF_ALLOCATOR, SHARED_READS)
              .childOption(
                  ChannelOption.WRITE_BUFFER_WATER_MARK,
                  new WriteBufferWaterMark(
                      options.writeBufferLowWaterMark(), options.writeBufferHighWaterMark()))
              .childHandler(new ListenerInitializer(router, ssl, channels, options));
      if (options.allocator() != null) {
        b.option(ChannelOption.ALLOCATOR, options.allocator())
            .childOption(ChannelOption.ALLOCATOR, options.allocator());
      }
      serverChannel = b.bind(options.host(), options.port()).syncUninterruptibly().channel();
      port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    } catch (Exception e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
      group = null;
      throw new UncheckedIOException(
          new IOException(
              "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(),
              e));
    }
    return this;
  }

  /**
   * The event loop count: the configured one, else {@code io.netty.eventLoopThreads} when set, else
   * one loop per available processor. Netty's own default is two per processor, which on a server
   * pinned to one CPU means two loops taking turns on it: a message for one waits while the other
   * runs, up to a scheduler tick when the other is busy. Node.js runs one thread.
   *
   * @param configured the configured count (0: the default)
   * @return the event loop count
   */
  static int eventLoops(int configured) {
    if (configured > 0) {
      return configured;
    }
    return Math.max(
        1,
        SystemPropertyUtil.getInt("io.netty.eventLoopThreads", NettyRuntime.availableProcessors()));
  }

  /**
   * {@return the Engine.IO endpoint serving {@code rawUri} (the longest path prefix), as a binding
   * of another protocol drives it, or {@code null}} For bindings such as sio-webtransport, which
   * serves this listener's endpoints over HTTP/3 on the same port number; not for applications.
   *
   * @param rawUri a request's raw URI (path and query)
   */
  public EnginePort enginePort(String rawUri) {
    return router.endpoint(rawUri);
  }

  /** {@return the Engine.IO endpoints attached now, as {@link #enginePort} gives them} */
  public List<EnginePort> enginePorts() {
    return List.copyOf(router.endpoints());
  }

  /** {@return the bound port; only after {@link #start()}} */
  public int port() {
    int p = port;
    if (p < 0) {
      throw new IllegalStateException("listener not started");
    }
    return p;
  }

  /** {@return true once started and until closed} */
  public synchronized boolean isRunning() {
    return serverChannel != null && !closed;
  }

  /**
   * Closes gracefully: every attached {@link EngineServer} closes its sessions with reason {@code
   * "server shutting down"}, then the port and every connection close and the event loop threads
   * stop. Blocks until done (a few seconds at most); called from one of its own event loops (a
   * handler), it returns at once and closes on a new thread. Idempotent.
   */
  @Override
  public void close() {
    if (onOwnEventLoop()) { // a handler asked: closing waits for this very thread, so hand it off
      Thread closer = new Thread(this::close, "sio-listener-close");
      closer.start();
      return;
    }
    List<EngineEndpoint> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(endpoints);
    }
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (EngineEndpoint e : toClose) {
      done.add(detach(e));
    }
    try {
      CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // sessions that did not close in time are dropped with their connections below
    }
    synchronized (this) {
      if (serverChannel != null) {
        serverChannel.close().syncUninterruptibly();
      }
      for (Channel ch : List.copyOf(channels)) {
        ch.close();
      }
      if (group != null) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      }
    }
  }

  /** True when the calling thread is one of this listener's event loops. */
  synchronized boolean onOwnEventLoop() {
    if (group == null) {
      return false;
    }
    for (io.netty.util.concurrent.EventExecutor loop : group) {
      if (loop.inEventLoop()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Serves {@code options.path()} on this listener (started or not) with {@code handler}.
   *
   * @throws IllegalStateException when the path is taken or the listener is closed
   */
  @Override
  public synchronized EngineServer attach(EngineOptions options, EngineHandler handler) {
    if (closed) {
      throw new IllegalStateException("listener is closed");
    }
    EngineEndpoint endpoint =
        (EngineEndpoint)
            EnginePort.create(options, handler, NettyBindingDefaults.totalBufferedBytes());
    router.add(endpoint);
    endpoints.add(endpoint);
    return EngineServer.bound(this, endpoint, () -> detach(endpoint));
  }

  /**
   * Creates a listener with {@code listenerOptions}, attaches an endpoint and starts it; the
   * server's {@link EngineServer#close()} then closes the listener too.
   *
   * @param listenerOptions the listener options
   * @param options the options
   * @param handler the handler
   * @return the new engine server; its {@link EngineServer#host()} is the listener
   */
  public static EngineServer listen(
      HttpListenerOptions listenerOptions, EngineOptions options, EngineHandler handler) {
    HttpListener listener = create(listenerOptions);
    EngineEndpoint endpoint;
    synchronized (listener) {
      endpoint =
          (EngineEndpoint)
              EnginePort.create(options, handler, NettyBindingDefaults.totalBufferedBytes());
      listener.router.add(endpoint);
      listener.endpoints.add(endpoint);
    }
    try {
      listener.start();
    } catch (RuntimeException e) {
      listener.close();
      throw e;
    }
    return EngineServer.bound(
        listener,
        endpoint,
        () -> {
          listener.close();
          return CompletableFuture.completedFuture(null);
        });
  }

  @Override
  public boolean onOwnThread() {
    return onOwnEventLoop();
  }

  private CompletableFuture<Void> detach(EngineEndpoint endpoint) {
    synchronized (this) {
      router.remove(endpoint);
      endpoints.remove(endpoint);
    }
    return endpoint.close();
  }

  private static SslContext sslContext(HttpListenerOptions options) {
    try {
      SslContextBuilder builder;
      if (options.certificatePem() != null) {
        try (InputStream cert = Files.newInputStream(options.certificatePem());
            InputStream key = Files.newInputStream(options.privateKeyPem())) {
          builder = SslContextBuilder.forServer(cert, key);
        }
      } else {
        char[] password = options.keyStorePassword();
        KeyStore ks = KeyStore.getInstance(options.keyStore().toFile(), password);
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        builder = SslContextBuilder.forServer(kmf);
      }
      return builder.build();
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new UncheckedIOException(
          new IOException("cannot load the TLS certificate: " + e.getMessage(), e));
    }
  }
}
