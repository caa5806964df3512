package dev.sio.servlet.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one daemon thread {@code sio-servlet-closer} of a host, where WebSocket closes run: the
 * Jakarta API allows {@code Session.close()} to block (Tomcat writes the close frame in blocking
 * mode, up to its {@code BLOCKING_SEND_TIMEOUT}), and a Sio loop must never wait. Bound: one close
 * per session, each bounded by the container's close timeout.
 */
public final class ServletCloser {
  private static final Logger log = LoggerFactory.getLogger(ServletCloser.class);

  private final ExecutorService thread =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "sio-servlet-closer");
            t.setDaemon(true);
            return t;
          });

  /**
   * Runs {@code close} on the closer thread; what it throws is logged at debug (a session that is
   * already gone).
   *
   * @param close the close
   */
  public void run(Runnable close) {
    try {
      thread.execute(
          () -> {
            try {
              close.run();
            } catch (Exception e) {
              log.debug("WebSocket close failed", e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      close.run(); // the host is closing: close here
    }
  }

  /** Stops the thread once the closes queued so far ran (at most {@code millis} waited). */
  public void shutdown(long millis) {
    thread.shutdown();
    try {
      thread.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
