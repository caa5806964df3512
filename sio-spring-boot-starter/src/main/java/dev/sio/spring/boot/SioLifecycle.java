package dev.sio.spring.boot;

import dev.sio.server.SocketIoServer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the auto-configured {@link SocketIoServer} with the application context.
 *
 * <p>Its phase, {@link #PHASE}, is above Boot's graceful web server shutdown ({@code
 * SmartLifecycle.DEFAULT_PHASE - 1024}), so it stops first: every socket gets its disconnect
 * ({@code "server shutting down"}) and pending long polls are answered before the web server waits
 * for its requests to end, which they then no longer hold up.
 */
public final class SioLifecycle implements SmartLifecycle {
  /** The phase: {@code SmartLifecycle.DEFAULT_PHASE - 512}. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

  private final SocketIoServer io;
  private final boolean ownListener;
  private final Runnable afterClose;
  // Any thread: whether start() ran and stop() did not yet.
  private final AtomicBoolean running = new AtomicBoolean();

  /**
   * A lifecycle for {@code io}.
   *
   * @param io the server
   * @param ownListener whether {@code io} has its own listener to start ({@code sio.mode=netty});
   *     otherwise its host (the Servlet container) starts with the web server
   * @param afterClose run after {@code io} closed (the Servlet host's loops stop there)
   */
  public SioLifecycle(SocketIoServer io, boolean ownListener, Runnable afterClose) {
    this.io = io;
    this.ownListener = ownListener;
    this.afterClose = afterClose;
  }

  @Override
  public void start() {
    if (running.compareAndSet(false, true) && ownListener) {
      io.start();
    }
  }

  /**
   * Disconnects every socket, closes the adapters, the engine and an own listener, then runs {@code
   * afterClose}.
   */
  @Override
  public void stop() {
    if (running.compareAndSet(true, false)) {
      try {
        io.close();
      } finally {
        afterClose.run();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
