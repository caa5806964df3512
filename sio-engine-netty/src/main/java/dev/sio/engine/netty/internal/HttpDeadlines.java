package dev.sio.engine.netty.internal;

import dev.sio.engine.netty.HttpListenerOptions;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of one HTTP/1.1 connection, placed before the HTTP decoder so that it sees the
 * first byte of each request (Node's {@code headersTimeout}, {@code requestTimeout}, {@code
 * keepAliveTimeout} and {@code server.timeout}):
 *
 * <ul>
 *   <li>a request head must be complete {@code headersTimeout} after its first byte (a new
 *       connection: after it opened), a whole request {@code requestTimeout} after its first byte:
 *       else {@link Expiry#REQUEST_TIMEOUT} (the HTTP handler answers 408 and closes);
 *   <li>between an answer and the next request, {@code keepAliveTimeout}; no byte of a request for
 *       {@code idleTimeout}, or a response not read for {@code idleTimeout}: {@link Expiry#CLOSE}.
 * </ul>
 *
 * <p>The time the server takes to answer (a pending long-polling GET) is never counted. The HTTP
 * handler reports the head, the end of a request and whether it owes answers; it removes this
 * handler on a WebSocket upgrade. One timer per connection, re-armed lazily. Confined to the
 * connection's event loop.
 */
public final class HttpDeadlines extends ChannelInboundHandlerAdapter {
  /** What a deadline asks of the HTTP handler, fired as a user event. */
  public enum Expiry {
    /** Answer {@code 408 Request Timeout} (unless answers are owed) and close. */
    REQUEST_TIMEOUT,
    /** Close without an answer. */
    CLOSE
  }

  private enum Phase {
    WAITING, // no byte of the next request yet
    HEAD, // reading a request head
    BODY // reading a request body
  }

  private final long headersNanos;
  private final long requestNanos; // 0: none
  private final long keepAliveNanos;
  private final long idleNanos;

  private ChannelHandlerContext ctx; // loop
  private Phase phase = Phase.WAITING; // loop
  private boolean first = true; // loop: no request yet on this connection
  private boolean owed; // loop: the server owes answers (dispatched or waiting requests)
  private long since; // loop: start of the phase (WAITING: when it began; else the first byte)
  private long lastByte; // loop: when the last byte arrived
  private long unwritableSince; // loop: when the connection stopped being writable
  private ScheduledFuture<?> timer; // loop: the one timer, or null
  private long timerDue; // loop: when it fires

  /** Deadlines from {@code options}. */
  public HttpDeadlines(HttpListenerOptions options) {
    this.headersNanos = options.headersTimeout().toNanos();
    this.requestNanos = options.requestTimeout().toNanos();
    this.keepAliveNanos = options.keepAliveTimeout().toNanos();
    this.idleNanos = options.idleTimeout().toNanos();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    long now = System.nanoTime();
    since = now;
    lastByte = now;
    unwritableSince = now;
    if (ctx.channel().isActive() || ctx.channel().isRegistered()) {
      arm();
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    long now = System.nanoTime();
    lastByte = now;
    if (phase == Phase.WAITING) {
      phase = Phase.HEAD;
      since = now;
      arm();
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (!ctx.channel().isWritable()) {
      unwritableSince = System.nanoTime();
      arm();
    }
    ctx.fireChannelWritabilityChanged();
  }

  /** The head of the current request has arrived. */
  public void headReceived() {
    if (phase == Phase.HEAD) {
      phase = Phase.BODY;
    }
  }

  /** The current request has arrived whole: the next byte starts the next one. */
  public void requestReceived() {
    first = false;
    phase = Phase.WAITING;
    since = System.nanoTime();
    arm();
  }

  /**
   * Whether the server owes answers on this connection; keep-alive counts from when it no longer
   * does.
   */
  public void owed(boolean owed) {
    if (this.owed != owed) {
      this.owed = owed;
      if (!owed && phase == Phase.WAITING) {
        since = System.nanoTime();
      }
      arm();
    }
  }

  /** The earliest deadline now, or {@code Long.MAX_VALUE}. */
  private long due() {
    long idle = lastByte + idleNanos;
    switch (phase) {
      case HEAD -> {
        long d = Math.min(since + headersNanos, idle);
        return requestNanos > 0 ? Math.min(d, since + requestNanos) : d;
      }
      case BODY -> {
        return requestNanos > 0 ? Math.min(since + requestNanos, idle) : idle;
      }
      default -> {
        if (owed) {
          return ctx.channel().isWritable() ? Long.MAX_VALUE : unwritableSince + idleNanos;
        }
        return Math.min(since + (first ? headersNanos : keepAliveNanos), idle);
      }
    }
  }

  private Expiry expiry(long now) {
    return switch (phase) {
      case HEAD ->
          now - lastByte >= idleNanos && now - since < headersNanos
              ? Expiry.CLOSE
              : Expiry.REQUEST_TIMEOUT;
      case BODY ->
          requestNanos > 0 && now - since >= requestNanos ? Expiry.REQUEST_TIMEOUT : Expiry.CLOSE;
      default ->
          !owed && first && now - since >= headersNanos ? Expiry.REQUEST_TIMEOUT : Expiry.CLOSE;
    };
  }

  private void arm() {
    if (ctx == null) {
      return;
    }
    long due = due();
    if (due == Long.MAX_VALUE) {
      return; // a running timer finds nothing due and stops
    }
    if (timer != null && timerDue <= due) {
      return; // it fires first and re-arms for the rest
    }
    cancel();
    timerDue = due;
    timer =
        ctx.executor()
            .schedule(this::fire, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void fire() {
    timer = null;
    if (!ctx.channel().isActive()) {
      return;
    }
    long now = System.nanoTime();
    long due = due();
    if (due == Long.MAX_VALUE) {
      return;
    }
    if (now < due) {
      arm();
      return;
    }
    Expiry e = expiry(now);
    phase = Phase.WAITING;
    owed = true; // nothing more is timed: the connection is closing
    ctx.fireUserEventTriggered(e);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
