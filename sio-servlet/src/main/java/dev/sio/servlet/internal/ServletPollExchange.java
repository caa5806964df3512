package dev.sio.servlet.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.Utf8;
import dev.sio.engine.spi.PollExchange;
import dev.sio.engine.spi.RequestBody;
import dev.sio.engine.spi.ResponseHeaders;
import dev.sio.engine.spi.SessionExecutor;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Servlet binding's {@link PollExchange}: one asynchronous request ({@code startAsync}, no
 * timeout: a pending GET is answered by the heartbeat within {@code pingInterval}) and its single
 * answer, written without blocking through a {@link WriteListener} from any thread, then {@code
 * complete()}. Neither container reports a client that leaves an idle GET (S0 (a)): {@link
 * #onAbort} runs at a failed write, or at the container's {@code onError} or {@code onTimeout}.
 *
 * <p>Threads: made on a container thread; answered once (the {@code answered} CAS) from any; the
 * response is touched only by the thread that won it and then by the container's write callbacks,
 * which this object's monitor orders. A late answer never writes into a recycled response (Tomcat
 * recycles it after {@code complete()}): the CAS stops it, and a recycled response's {@link
 * IllegalStateException} is caught. An answer that fits the response buffer is written into it at
 * once and sent by the container as it completes the request.
 */
final class ServletPollExchange implements PollExchange, AsyncListener {
  private static final Logger log = LoggerFactory.getLogger(ServletPollExchange.class);

  private final AsyncContext async;
  private final HttpServletResponse response;
  private final HttpRequestInfo info;
  private final Supplier<SessionExecutor> loops;
  private final AtomicBoolean answered = new AtomicBoolean(); // any thread
  private final AtomicBoolean done = new AtomicBoolean(); // any thread: completed or aborted
  private volatile Runnable onAbort; // set by the core (any thread)
  private volatile SessionExecutor executor; // picked at the first ask
  private RequestBody body; // set before dispatch, then taken once by the core
  private byte[] out; // monitor: the answer's bytes while they are written
  private boolean wrote; // monitor: out was handed to the stream

  ServletPollExchange(
      AsyncContext async,
      HttpServletResponse response,
      HttpRequestInfo info,
      Supplier<SessionExecutor> loops) {
    this.async = async;
    this.response = response;
    this.info = info;
    this.loops = loops;
    async.setTimeout(0);
    async.addListener(this);
  }

  @Override
  public HttpRequestInfo request() {
    return info;
  }

  void body(RequestBody body) {
    this.body = body;
  }

  @Override
  public synchronized RequestBody takeBody() {
    RequestBody b = body;
    body = null;
    return b;
  }

  /** The loop a session made by this request gets: picked once, round robin. */
  @Override
  public SessionExecutor executor() {
    SessionExecutor e = executor;
    if (e == null) {
      synchronized (this) {
        e = executor;
        if (e == null) {
          e = loops.get();
          executor = e;
        }
      }
    }
    return e;
  }

  @Override
  public void onAbort(Runnable onAbort) {
    this.onAbort = onAbort;
  }

  @Override
  public boolean respond(int status, ResponseHeaders headers, CharSequence text, boolean close) {
    if (!answered.compareAndSet(false, true)) {
      return false;
    }
    write(status, headers, text == null ? new byte[0] : Utf8.encode(text), close);
    return true;
  }

  @Override
  public boolean respond(int status, ResponseHeaders headers, byte[] body, boolean close) {
    if (!answered.compareAndSet(false, true)) {
      return false;
    }
    write(status, headers, body == null ? new byte[0] : body, close);
    return true;
  }

  private void write(int status, ResponseHeaders headers, byte[] bytes, boolean close) {
    onAbort = null;
    try {
      response.setStatus(status);
      if (headers != null) {
        headers.forEach(
            (name, value) -> {
              if (!"Content-Length".equalsIgnoreCase(name)) {
                response.addHeader(name, value);
              }
            });
      }
      if (close) {
        response.setHeader("Connection", "close");
      }
      response.setContentLength(bytes.length);
      ServletOutputStream stream = response.getOutputStream();
      if (bytes.length <= response.getBufferSize()) {
        // Fits the response buffer: no socket write here, so this never blocks; the container
        // sends it while it completes the request, and reads the connection's next request right
        // after. (Written and flushed here, the client could send its next request on this
        // connection before the container has finished this one, and a request of the same
        // session on another connection would overtake it: the suites' simultaneous requests.)
        stream.write(bytes);
        finish();
        return;
      }
      synchronized (this) {
        out = bytes;
      }
      stream.setWriteListener(new Writer(stream));
    } catch (IOException | IllegalStateException e) { // gone, or recycled
      log.debug("cannot answer {}", info.uri(), e);
      finish();
    }
  }

  /** Writes the answer once the stream is ready, then completes. */
  private final class Writer implements WriteListener {
    private final ServletOutputStream stream;

    Writer(ServletOutputStream stream) {
      this.stream = stream;
    }

    @Override
    public void onWritePossible() throws IOException {
      synchronized (ServletPollExchange.this) {
        if (done.get()) {
          return;
        }
        if (!wrote) {
          wrote = true;
          if (out.length > 0) {
            stream.write(out);
          }
          out = null;
        }
        if (!stream.isReady()) {
          return; // called again once the rest is written
        }
      }
      finish();
    }

    @Override
    public void onError(Throwable t) {
      log.debug("answer to {} failed", info.uri(), t);
      aborted();
    }
  }

  /** Completes the request once. */
  private void finish() {
    if (done.compareAndSet(false, true)) {
      try {
        async.complete();
      } catch (IllegalStateException e) {
        // already completed by the container (an error)
      }
    }
  }

  /** The client went away: the abort hook, then the end of the request. */
  private void aborted() {
    Runnable r = onAbort;
    onAbort = null;
    if (r != null && !answered.get()) {
      r.run();
    }
    finish();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    done.set(true);
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    aborted();
  }

  @Override
  public void onError(AsyncEvent event) {
    aborted();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}
}
