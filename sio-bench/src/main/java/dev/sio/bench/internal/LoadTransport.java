package dev.sio.bench.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event loops and the bootstrap of one load run: native epoll when available, loopback targets
 * only, local source addresses used in turn (each loopback address has its own ~28k ephemeral
 * ports).
 */
public final class LoadTransport implements AutoCloseable {
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final InetSocketAddress target;
  private final List<InetAddress> sources;
  private final AtomicInteger nextSource = new AtomicInteger(); // any thread

  /**
   * @param host the server's address; must be a loopback address
   * @param threads event loop threads
   * @param sources local addresses to connect from, used in turn; empty for the system's choice
   */
  public LoadTransport(String host, int port, int threads, List<String> sources) {
    InetAddress address = loopback(host);
    this.target = new InetSocketAddress(address, port);
    this.sources = new ArrayList<>();
    for (String s : sources) {
      this.sources.add(loopback(s));
    }
    boolean epoll = Epoll.isAvailable();
    this.group =
        new MultiThreadIoEventLoopGroup(
            threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    this.bootstrap =
        new Bootstrap()
            .group(group)
            .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
  }

  /** True when the native epoll transport is in use. */
  public static boolean epoll() {
    return Epoll.isAvailable();
  }

  /** The server's address. */
  public InetSocketAddress target() {
    return target;
  }

  /** Opens one TCP connection to the target with {@code handler} as its pipeline initializer. */
  public ChannelFuture connect(ChannelHandler handler) {
    return connect(handler, null);
  }

  /**
   * Opens one TCP connection registered on {@code loop} (or any loop of the group when {@code
   * null}), so that two connections of one client can share a thread.
   */
  public ChannelFuture connect(ChannelHandler handler, EventLoop loop) {
    Bootstrap b = (loop == null ? bootstrap.clone() : bootstrap.clone(loop)).handler(handler);
    if (sources.isEmpty()) {
      return b.connect(target);
    }
    InetAddress local = sources.get(Math.floorMod(nextSource.getAndIncrement(), sources.size()));
    return b.connect(target, new InetSocketAddress(local, 0));
  }

  /** The event loops, for barrier tasks. */
  public List<EventExecutor> loops() {
    List<EventExecutor> loops = new ArrayList<>();
    group.forEach(loops::add);
    return loops;
  }

  /**
   * Runs {@code task} on every event loop and waits (bounded): the tasks see everything each loop
   * did before, and the caller sees what the tasks wrote.
   */
  public void onEveryLoop(Runnable task) {
    List<Future<?>> done = new ArrayList<>();
    for (EventExecutor loop : loops()) {
      done.add(loop.submit(task));
    }
    for (Future<?> f : done) {
      f.awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }

  private static InetAddress loopback(String host) {
    try {
      InetAddress a = InetAddress.getByName(host);
      if (!a.isLoopbackAddress()) {
        throw new IllegalArgumentException("load targets and sources must be loopback: " + host);
      }
      return a;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host: " + host, e);
    }
  }
}
