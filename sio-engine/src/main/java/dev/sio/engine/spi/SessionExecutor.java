package dev.sio.engine.spi;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one thread that owns an Engine.IO session: its state, its timers and every {@link
 * dev.sio.engine.EngineHandler} call for it. A session's executor never changes, an upgrade to
 * WebSocket included. Tasks run one at a time, in the order they were submitted.
 *
 * <p>On Netty the executor is the connection's event loop itself (a subclass of Netty's {@code
 * SingleThreadIoEventLoop}), so a session reaches it without a wrapper and {@link
 * dev.sio.engine.EngineSocket#executor()} is also an {@code io.netty.channel.EventLoop}.
 *
 * <p>Implemented by a binding, not by applications. The methods of {@link ScheduledExecutorService}
 * may be called from any thread; {@link #engineState()} and {@link #engineState(Object)} on this
 * executor's thread only.
 */
public interface SessionExecutor extends ScheduledExecutorService {
  /**
   * {@return true when the calling thread is this executor's thread (Netty: {@code inEventLoop()})}
   */
  boolean inExecutor();

  /**
   * {@return monotonic nanoseconds, for the heartbeat's deadlines (Netty: the loop's ticker)} Only
   * differences between two values mean something. (Not {@code nanoTime()}: Netty's executors
   * already declare a static method of that name, which an instance method may not override.)
   */
  default long monotonicNanos() {
    return System.nanoTime();
  }

  /**
   * {@return a new inbox for a session owned here: a queue that any thread may offer to and only
   * this executor polls} Netty: JCTools' chunked MPSC queue, starting with 16 slots.
   */
  default Queue<Object> newInbox() {
    return new ConcurrentLinkedQueue<>();
  }

  /**
   * {@return the engine's state for this executor (the broadcast flusher), or {@code null} before
   * {@link #engineState(Object)}} This executor's thread only.
   */
  Object engineState();

  /**
   * Stores the engine's state for this executor. This executor's thread only.
   *
   * @param state the state
   */
  void engineState(Object state);
}
