package dev.sio.servlet.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.BodyAdmission;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.RequestBody;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one admitted polling POST body without blocking ({@link ReadListener}), at most {@code
 * maxHttpBufferSize} bytes: past that, the port's {@code 413} (with CORS) and the session closes
 * ("payload too large"); a client that leaves mid-body closes it with "data request connection
 * closed prematurely", as Node. Once read, the session's claim is released and the exchange goes to
 * the port in its session's order ({@link RequestOrder}). Container threads, one callback at a
 * time.
 */
final class BodyReader implements ReadListener {
  private static final Logger log = LoggerFactory.getLogger(BodyReader.class);

  private final EnginePort port;
  private final ServletPollExchange exchange;
  private final BodyAdmission admission;
  private final AsyncContext async;
  private final ServletInputStream in;
  private final int limit;
  private final RequestOrder.Ticket ticket; // the request's place in its session's order, or null
  private final ScheduledExecutorService timer; // the drain's deadline after a 413
  private byte[] buf; // container: the body so far
  private int size; // container: bytes in buf
  private boolean over; // container: the body is refused or failed
  private BodyDrain drain; // container: after a 413, where the rest of the body goes

  BodyReader(
      EnginePort port,
      ServletPollExchange exchange,
      BodyAdmission admission,
      AsyncContext async,
      ServletInputStream in,
      long declared,
      RequestOrder.Ticket ticket,
      ScheduledExecutorService timer) {
    this.port = port;
    this.exchange = exchange;
    this.admission = admission;
    this.async = async;
    this.in = in;
    this.limit = port.options().maxHttpBufferSize();
    this.ticket = ticket;
    this.timer = timer;
    this.buf = new byte[(int) Math.max(0, Math.min(declared < 0 ? 1024 : declared, limit))];
  }

  @Override
  public void onDataAvailable() throws IOException {
    if (drain != null) {
      drain.onDataAvailable();
      return;
    }
    if (over) {
      return;
    }
    while (in.isReady()) {
      if (size == buf.length) {
        if (size >= limit) {
          if (in.read() < 0) {
            break; // exactly at the limit
          }
          tooLarge();
          return;
        }
        buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max(1024L, size * 2L)));
      }
      int n = in.read(buf, size, buf.length - size);
      if (n < 0) {
        break;
      }
      size += n;
    }
  }

  @Override
  public void onAllDataRead() {
    if (drain != null) {
      drain.onAllDataRead();
      return;
    }
    if (over) {
      return;
    }
    over = true;
    admission.release();
    exchange.body(RequestBody.of(size == buf.length ? buf : Arrays.copyOf(buf, size)));
    buf = null;
    EngineFilter.dispatch(port, exchange, ticket);
  }

  @Override
  public void onError(Throwable t) {
    if (drain != null) {
      drain.onError(t);
      return;
    }
    if (over) {
      return;
    }
    over = true;
    log.debug("polling POST body failed", t);
    buf = null;
    endTicket();
    admission.release();
    admission.fail("data request connection closed prematurely");
    try {
      async.complete();
    } catch (IllegalStateException e) {
      // already ended
    }
  }

  /**
   * Node answers 413 to a body over maxHttpBufferSize; the session closes once it is written, and
   * the rest of the body is dropped before the exchange completes ({@link BodyDrain}).
   */
  private void tooLarge() throws IOException {
    over = true;
    buf = null;
    endTicket();
    admission.release();
    HttpRequestInfo info = exchange.request();
    BodyAdmission refusal = port.admitBody(info, Long.MAX_VALUE);
    // the close is queued on the session's loop before the client can read the 413, so that its
    // next request finds the session closed (Netty closes once the 413 is written, on the loop)
    refusal.fail("payload too large");
    try {
      ServletAnswers.write(
          (HttpServletResponse) async.getResponse(),
          refusal.refusalStatus(),
          refusal.refusalHeaders(),
          new byte[0],
          true);
    } catch (IOException | IllegalStateException e) {
      log.debug("cannot answer a body over the limit", e);
      try {
        async.complete();
      } catch (IllegalStateException ended) {
        // already ended
      }
      return;
    }
    drain = BodyDrain.after(async, in, timer);
    drain.onDataAvailable();
  }

  private void endTicket() {
    if (ticket != null) {
      ticket.cancel();
    }
  }
}
