package dev.sio.engine.netty.internal;

import dev.sio.engine.spi.SessionExecutor;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The session executor of an {@link EmbeddedChannel}'s connection: Netty's embedded loop (a final
 * class, so it cannot be a {@link SioEventLoop}) behind {@link SessionExecutor}, its tasks and
 * timers run by the test's thread on the channel's virtual time. {@link #install} sets it as the
 * channel's {@link SioEventLoop#STAND_IN}; without it a handshake on the channel fails loudly.
 */
final class EmbeddedSessionExecutor extends AbstractExecutorService implements SessionExecutor {
  private final EventLoop loop;
  private Object engineState; // the test's thread

  private EmbeddedSessionExecutor(EventLoop loop) {
    this.loop = loop;
  }

  /**
   * Makes {@code channel}'s loop the session executor of the sessions it handshakes; returns it.
   */
  static <C extends EmbeddedChannel> C install(C channel) {
    channel.attr(SioEventLoop.STAND_IN).set(new EmbeddedSessionExecutor(channel.eventLoop()));
    return channel;
  }

  @Override
  public boolean inExecutor() {
    return loop.inEventLoop();
  }

  @Override
  public long monotonicNanos() {
    return loop.ticker().nanoTime(); // the channel's virtual time
  }

  @Override
  public Queue<Object> newInbox() {
    return SioEventLoop.newMpscInbox(); // the queue of a listener's sessions
  }

  @Override
  public Object engineState() {
    return engineState;
  }

  @Override
  public void engineState(Object state) {
    engineState = state;
  }

  @Override
  public void execute(Runnable task) {
    loop.execute(task);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return loop.schedule(command, delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return loop.schedule(callable, delay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return loop.scheduleAtFixedRate(command, initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return loop.scheduleWithFixedDelay(command, initialDelay, delay, unit);
  }

  @Override
  public void shutdown() {
    throw new UnsupportedOperationException("the channel's loop ends with the channel");
  }

  @Override
  public List<Runnable> shutdownNow() {
    throw new UnsupportedOperationException("the channel's loop ends with the channel");
  }

  @Override
  public boolean isShutdown() {
    return loop.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return loop.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return loop.awaitTermination(timeout, unit);
  }
}
