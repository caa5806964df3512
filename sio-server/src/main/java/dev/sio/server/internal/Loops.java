package dev.sio.server.internal;

import dev.sio.engine.spi.SessionExecutor;
import java.util.concurrent.Executor;

/** Runs tasks on a session's executor, directly when already there. */
public final class Loops {
  private Loops() {}

  /**
   * True when the calling thread is {@code executor}'s thread ({@link SessionExecutor}s only: on
   * Netty, the session's event loop).
   */
  public static boolean inLoop(Executor executor) {
    return executor instanceof SessionExecutor loop && loop.inExecutor();
  }

  /** Runs {@code task} now when on {@code executor}'s thread, otherwise queues it there. */
  public static void run(Executor executor, Runnable task) {
    if (inLoop(executor)) {
      task.run();
    } else {
      executor.execute(task);
    }
  }
}
