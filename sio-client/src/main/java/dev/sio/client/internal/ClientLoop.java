package dev.sio.client.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one event thread of a {@code Manager}: its Netty channels, its timers and every user callback
 * run there, in order. The thread is a daemon and exists only while the manager needs it: {@link
 * #release()} stops it, and the next {@link #execute} starts a fresh one (after the old one has
 * finished, so two threads never touch the manager's state at once).
 */
public final class ClientLoop {
  private static final boolean EPOLL = Epoll.isAvailable();

  private final String threadName;
  private volatile EventLoopGroup group; // written under this, read by any thread
  private volatile EventLoop loop; // written under this, read by any thread
  private int pendingTimers; // event thread
  private volatile Runnable idleCheck = () -> {}; // set once by the owner

  /** A loop whose thread is named {@code threadName}; no thread is started yet. */
  public ClientLoop(String threadName) {
    this.threadName = threadName;
  }

  /** The channel class matching the loop's transport (epoll when available, else NIO). */
  public static Class<? extends SocketChannel> channelClass() {
    return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /** The current event loop, started on demand. */
  public EventLoop eventLoop() {
    EventLoop current = loop;
    if (current != null && !current.isShuttingDown()) {
      return current;
    }
    return restart(current);
  }

  private synchronized EventLoop restart(EventLoop seen) {
    EventLoop current = loop;
    if (current != null && current != seen && !current.isShuttingDown()) {
      return current;
    }
    EventLoopGroup previous = group;
    IoHandlerFactory factory = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName, true), factory);
    EventLoop next = group.next();
    if (previous != null) {
      // The old thread may still be running its last tasks: start only once it is gone.
      next.execute(() -> previous.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS));
    }
    loop = next;
    return next;
  }

  /** True when the caller runs on the live event thread (not one that is stopping). */
  public boolean inLoop() {
    EventLoop current = loop;
    return current != null && current.inEventLoop() && !current.isShuttingDown();
  }

  /** Runs {@code task} on the event thread: now when already there, else queued. */
  public void run(Runnable task) {
    if (inLoop()) {
      task.run();
    } else {
      execute(task);
    }
  }

  /**
   * Queues {@code task} on the event thread, starting one when needed. A task that finds its thread
   * stopping moves on to the next thread, so that the state is never touched by two.
   */
  public void execute(Runnable task) {
    for (int i = 0; i < 3; i++) {
      EventLoop current = eventLoop();
      try {
        current.execute(
            () -> {
              if (current.isShuttingDown()) {
                execute(task);
              } else {
                task.run();
              }
            });
        return;
      } catch (RejectedExecutionException e) {
        // shut down between the check and the call: take the next loop
      }
    }
    throw new RejectedExecutionException("the client event thread cannot be started");
  }

  /**
   * Runs {@code task} after {@code delayMillis} on the event thread; counted until it has run or is
   * cancelled. Event thread only.
   */
  public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
    boolean[] done = {false};
    ScheduledFuture<?> future =
        eventLoop()
            .schedule(
                () -> {
                  try {
                    task.run();
                  } finally {
                    if (!done[0]) {
                      done[0] = true;
                      pendingTimers--;
                    }
                    idleCheck.run();
                  }
                },
                delayMillis,
                TimeUnit.MILLISECONDS);
    pendingTimers++;
    future.addListener(
        f -> {
          if (f.isCancelled() && !done[0]) {
            done[0] = true;
            pendingTimers--;
          }
        });
    return future;
  }

  /** What to run after each timer, to stop the thread once idle (the manager's check). */
  public void idleCheck(Runnable check) {
    this.idleCheck = check;
  }

  /** Timers scheduled and neither run nor cancelled yet. Event thread. */
  public int pendingTimers() {
    return pendingTimers;
  }

  /**
   * Stops the event thread once its queued tasks have run. Called on the event thread when the
   * manager is closed and waits for nothing; a later {@link #execute} starts a new thread.
   */
  public synchronized void release() {
    EventLoopGroup g = group;
    if (g != null && !g.isShuttingDown()) {
      g.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS);
    }
  }

  /** Completes when the current thread (if any) has stopped; for tests and orderly exits. */
  public boolean awaitReleased(long timeoutMillis) throws InterruptedException {
    EventLoopGroup g = group;
    return g == null || g.terminationFuture().await(timeoutMillis);
  }
}
