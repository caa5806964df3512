package dev.sio.servlet.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a route's reply that does not fit the response buffer without blocking: the request goes
 * async and a {@link WriteListener} writes the body once the socket takes it, then completes. A
 * client that reads slowly or not at all holds no container thread; the request ends at the
 * container's write error, or at {@link #TIMEOUT_MILLIS}. Container threads, one callback at a
 * time.
 */
final class AsyncReplyWriter implements WriteListener, AsyncListener {
  private static final Logger log = LoggerFactory.getLogger(AsyncReplyWriter.class);

  /** The most a reply may take to be written (a client reading nothing is dropped then). */
  static final long TIMEOUT_MILLIS = 60_000;

  private final AsyncContext async;
  private final ServletOutputStream out;
  private byte[] body; // container: the bytes until handed to the stream
  private boolean done; // container: completed

  private AsyncReplyWriter(AsyncContext async, ServletOutputStream out, byte[] body) {
    this.async = async;
    this.out = out;
    this.body = body;
  }

  /** Starts writing {@code body} (status and headers set) for the request of {@code async}. */
  static void start(AsyncContext async, ServletOutputStream out, byte[] body) {
    AsyncReplyWriter w = new AsyncReplyWriter(async, out, body);
    async.setTimeout(TIMEOUT_MILLIS);
    async.addListener(w);
    out.setWriteListener(w);
  }

  @Override
  public synchronized void onWritePossible() throws IOException {
    if (done) {
      return;
    }
    if (body != null) {
      byte[] b = body;
      body = null;
      out.write(b);
    }
    if (out.isReady()) {
      complete();
    } // else called again once the rest is written
  }

  @Override
  public void onError(Throwable t) {
    log.debug("a route's reply failed", t);
    complete();
  }

  private synchronized void complete() {
    if (done) {
      return;
    }
    done = true;
    body = null;
    try {
      async.complete();
    } catch (IllegalStateException e) {
      // already ended
    }
  }

  @Override
  public void onComplete(AsyncEvent event) {}

  @Override
  public void onTimeout(AsyncEvent event) {
    complete();
  }

  @Override
  public void onError(AsyncEvent event) {
    complete();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}
}
