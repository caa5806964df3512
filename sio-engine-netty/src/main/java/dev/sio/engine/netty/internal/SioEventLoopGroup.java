package dev.sio.engine.netty.internal;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * A listener's event loop group: Netty's {@link MultiThreadIoEventLoopGroup} whose every loop is a
 * {@link SioEventLoop}, so that whichever loop accepts or serves a connection can own its sessions.
 */
public final class SioEventLoopGroup extends MultiThreadIoEventLoopGroup {
  /**
   * A group of {@code threads} loops.
   *
   * @param threads the loop count
   * @param threadFactory makes the loops' threads
   * @param ioHandlerFactory epoll or NIO
   */
  public SioEventLoopGroup(
      int threads, ThreadFactory threadFactory, IoHandlerFactory ioHandlerFactory) {
    super(threads, threadFactory, ioHandlerFactory);
  }

  // Called by the super constructor, once per loop: no field of this class may be read here.
  @Override
  protected IoEventLoop newChild(
      Executor executor, IoHandlerFactory ioHandlerFactory, Object... args) {
    return new SioEventLoop(this, executor, ioHandlerFactory);
  }
}
