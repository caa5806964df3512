package dev.sio.engine.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;

/**
 * Ends a WebSocket connection after its first close frame (RFC 6455 5.5.1: nothing may follow it):
 * the connection is closed once the frame is written, or {@link #CLOSE_TIMEOUT_MILLIS} after it was
 * sent if a client that does not read keeps the write from completing (then with a reset). Later
 * writes are dropped; a later close frame completes with the first. Runs on the channel's loop.
 *
 * <p>A handler of its own only where no frame handler follows (a refused upgrade's close); an
 * upgraded connection's {@link WebSocketFrameHandler} guards its writes itself with {@link
 * #dropAfterClose} and {@link #closing}, one handler fewer in its pipeline.
 */
final class WebSocketCloseGuard extends ChannelOutboundHandlerAdapter {
  /** The deadline of a close frame's write ({@code ws}'s {@code closeTimeout}: 30 s). */
  static final long CLOSE_TIMEOUT_MILLIS = 30_000;

  private final long timeoutMillis;
  private ChannelFuture closeWrite; // channel loop: the first close frame's write, or null

  WebSocketCloseGuard() {
    this(CLOSE_TIMEOUT_MILLIS);
  }

  /** A guard whose close deadline is {@code timeoutMillis} (tests use a short one). */
  WebSocketCloseGuard(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (closeWrite != null) {
      dropAfterClose(closeWrite, msg, promise);
    } else if (!(msg instanceof CloseWebSocketFrame)) {
      ctx.write(msg, promise);
    } else {
      ChannelPromise written = closing(ctx, promise, timeoutMillis);
      closeWrite = written; // before the write, which may end the connection at once
      ctx.write(msg, written);
    }
  }

  /**
   * Drops {@code msg}, written after the close frame whose write is {@code closeWrite}: a later
   * close frame completes with the first, anything else fails.
   */
  static void dropAfterClose(ChannelFuture closeWrite, Object msg, ChannelPromise promise) {
    ReferenceCountUtil.release(msg);
    if (promise.isVoid()) {
      return;
    }
    if (msg instanceof CloseWebSocketFrame) {
      closeWrite.addListener(
          f -> {
            if (f.isSuccess()) {
              promise.trySuccess();
            } else {
              promise.tryFailure(f.cause());
            }
          });
    } else {
      promise.tryFailure(new ClosedChannelException());
    }
  }

  /**
   * The promise to write the first close frame with (from {@code promise}): the connection closes
   * once it is written, or with a reset {@code timeoutMillis} after now.
   */
  static ChannelPromise closing(
      ChannelHandlerContext ctx, ChannelPromise promise, long timeoutMillis) {
    ChannelPromise written = promise.unvoid();
    var deadline =
        ctx.executor().schedule(() -> reset(ctx.channel()), timeoutMillis, TimeUnit.MILLISECONDS);
    // One listener: the write completes (or fails, at the latest when the connection closes, which
    // fails what is still queued), then the deadline goes and the connection closes.
    written.addListener(
        (ChannelFuture f) -> {
          deadline.cancel(false);
          f.channel().close();
        });
    return written;
  }

  /**
   * Ends {@code channel} with a TCP reset (SO_LINGER 0), so that what waits in the socket's send
   * buffer for a client that does not read is dropped at once rather than delivered after the
   * close.
   */
  static void reset(Channel channel) {
    if (!channel.isOpen()) {
      return;
    }
    try {
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
    } catch (RuntimeException e) {
      // a transport without SO_LINGER (e.g. an embedded channel) closes the ordinary way
    }
    channel.close();
  }
}
