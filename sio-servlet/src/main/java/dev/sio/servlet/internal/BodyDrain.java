package dev.sio.servlet.internal;

import dev.sio.engine.spi.ResponseHeaders;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refusal sent before its request body was read (a {@code 413} for a body over {@code
 * maxHttpBufferSize}, a refused POST), then that body read and dropped for at most {@value
 * #LINGER_MILLIS} ms before the exchange completes, as Netty's lingering close and Node's {@code
 * req._dump()}: a container that closes a connection with unread input resets it, and the reset can
 * destroy the answer before the client has read it. Container threads, one callback at a time; the
 * deadline on a Sio loop.
 */
final class BodyDrain implements ReadListener {
  private static final Logger log = LoggerFactory.getLogger(BodyDrain.class);

  /** How long a refused body is read and dropped before the exchange completes regardless. */
  static final long LINGER_MILLIS = 2_000;

  private final AsyncContext async;
  private final ServletInputStream in;
  private final AtomicBoolean done = new AtomicBoolean(); // any thread: completed
  private byte[] scratch; // container: where dropped bytes are read

  private BodyDrain(AsyncContext async, ServletInputStream in, ScheduledExecutorService timer) {
    this.async = async;
    this.in = in;
    timer.schedule(this::complete, LINGER_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Answers {@code status} with {@code Connection: close}, then drops what is left of the request's
   * body (none: the answer is all) before the exchange completes.
   */
  static void refuse(
      HttpServletRequest req,
      HttpServletResponse resp,
      int status,
      ResponseHeaders headers,
      ScheduledExecutorService timer)
      throws IOException {
    if (!hasBody(req)) {
      ServletAnswers.write(resp, status, headers, new byte[0], true);
      return;
    }
    AsyncContext async = req.startAsync();
    async.setTimeout(0); // the drain's own deadline ends it
    try {
      ServletAnswers.write(resp, status, headers, new byte[0], true);
    } catch (IOException | RuntimeException e) {
      async.complete();
      throw e;
    }
    req.getInputStream().setReadListener(new BodyDrain(async, req.getInputStream(), timer));
  }

  /**
   * Drops what is left of a body whose reader has already answered; the reader hands this drain its
   * {@link ReadListener} callbacks from now on.
   */
  static BodyDrain after(
      AsyncContext async, ServletInputStream in, ScheduledExecutorService timer) {
    return new BodyDrain(async, in, timer);
  }

  private static boolean hasBody(HttpServletRequest req) {
    long declared = req.getContentLengthLong();
    return declared > 0 || (declared < 0 && req.getHeader("Transfer-Encoding") != null);
  }

  @Override
  public void onDataAvailable() throws IOException {
    if (scratch == null) {
      scratch = new byte[8192];
    }
    try {
      while (!done.get() && in.isReady()) {
        if (in.read(scratch) < 0) {
          return; // onAllDataRead follows
        }
      }
    } catch (IllegalStateException e) {
      // completed at the deadline meanwhile
    }
  }

  @Override
  public void onAllDataRead() {
    complete();
  }

  @Override
  public void onError(Throwable t) {
    log.debug("refused body failed while dropped", t);
    complete();
  }

  private void complete() {
    if (done.compareAndSet(false, true)) {
      try {
        async.complete();
      } catch (IllegalStateException e) {
        // already ended by the container
      }
    }
  }
}
