package dev.sio.engine.netty.internal;

import dev.sio.engine.spi.SessionExecutor;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.AttributeKey;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * A listener's Netty event loop, which is also the {@link SessionExecutor} of the sessions it owns:
 * a session's {@code owner} is this very object (no wrapper per session), and as the only
 * implementation in a Netty JVM its interface calls stay monomorphic. Made by {@link
 * SioEventLoopGroup}.
 */
final class SioEventLoop extends SingleThreadIoEventLoop implements SessionExecutor {
  // The inbox starts small: most sessions never receive work from another thread, and Netty's
  // default MPSC queue allocates a 1024-slot chunk (4 KB) up front.
  private static final int INBOX_CHUNK = 16;
  private static final int INBOX_MAX = 1 << 30; // unbounded in practice; offer never fails

  /**
   * The session executor of a connection whose event loop is not a {@link SessionExecutor}: Netty's
   * {@code EmbeddedChannel} in tests, whose loop class is final. {@link
   * dev.sio.engine.netty.HttpListener} never sets it: every loop of its group is a {@link
   * SioEventLoop}.
   */
  static final AttributeKey<SessionExecutor> STAND_IN =
      AttributeKey.valueOf(SioEventLoop.class, "standIn");

  private Object engineState; // this loop: the engine's per-loop state (FanOutFlusher)

  SioEventLoop(IoEventLoopGroup parent, Executor executor, IoHandlerFactory ioHandlerFactory) {
    super(parent, executor, ioHandlerFactory);
  }

  @Override
  public boolean inExecutor() {
    return inEventLoop();
  }

  @Override
  public long monotonicNanos() {
    return ticker().nanoTime();
  }

  @Override
  public Queue<Object> newInbox() {
    return newMpscInbox();
  }

  /** JCTools' chunked MPSC queue with a small first chunk (the inbox of a session on Netty). */
  static Queue<Object> newMpscInbox() {
    return PlatformDependent.newMpscQueue(INBOX_CHUNK, INBOX_MAX);
  }

  @Override
  public Object engineState() {
    return engineState;
  }

  @Override
  public void engineState(Object state) {
    engineState = state;
  }

  /**
   * {@return the session executor of {@code channel}'s connection: its event loop, or the stand-in
   * a test set} A session made for the connection is owned by it.
   *
   * @throws IllegalStateException when the loop is not a {@link SessionExecutor} (a connection that
   *     no {@link dev.sio.engine.netty.HttpListener} made) and no stand-in was set
   */
  static SessionExecutor executorOf(Channel channel) {
    EventLoop loop = channel.eventLoop();
    if (loop instanceof SessionExecutor executor) {
      return executor;
    }
    SessionExecutor standIn = channel.attr(STAND_IN).get();
    if (standIn != null) {
      return standIn;
    }
    throw new IllegalStateException(
        "an Engine.IO session needs an event loop of HttpListener (a SessionExecutor), not a "
            + loop.getClass().getName());
  }

  /** {@return {@link #executorOf}, or {@code null} where it would throw} */
  static SessionExecutor executorOrNull(Channel channel) {
    EventLoop loop = channel.eventLoop();
    return loop instanceof SessionExecutor executor ? executor : channel.attr(STAND_IN).get();
  }

  /**
   * {@return the event loop that {@code executor} is, to register a connection on it}
   *
   * @throws IllegalStateException when {@code executor} is not an event loop (a test's stand-in)
   */
  static EventLoop eventLoop(SessionExecutor executor) {
    if (executor instanceof EventLoop loop) {
      return loop;
    }
    throw new IllegalStateException(
        "a connection cannot move to a session executor that is not an event loop: " + executor);
  }
}
