package dev.sio.server.internal;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.Executor;

/** Runs tasks on a session's event loop, directly when already there. */
public final class Loops {
  private Loops() {}

  /** True when the calling thread is {@code executor}'s event loop (Netty executors only). */
  public static boolean inLoop(Executor executor) {
    return executor instanceof EventExecutor loop && loop.inEventLoop();
  }

  /** Runs {@code task} now when on {@code executor}'s loop, otherwise queues it there. */
  public static void run(Executor executor, Runnable task) {
    if (inLoop(executor)) {
      task.run();
    } else {
      executor.execute(task);
    }
  }
}
