package dev.sio.engine.netty.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.TimeUnit;

/**
 * The last answer on an HTTP connection and its close: over plain TCP a lingering close (FIN, then
 * input read and dropped for at most {@value #LINGER_MILLIS} ms or until the client closes), so
 * that bytes the client is still sending do not reset the connection before it has read the answer;
 * over TLS (and other transports) a plain close. Used by {@link HttpConnectionHandler}, which keeps
 * dropping input meanwhile; static, no state. On the connection's event loop.
 */
final class LingeringClose {
  /** How long input is read and dropped after the FIN before the connection is closed. */
  static final long LINGER_MILLIS = 2_000;

  private LingeringClose() {}

  /**
   * Writes {@code r} with {@code Connection: close} (and its {@code Content-Length}), then runs
   * {@code after} (may be {@code null}) and closes, lingering over plain TCP.
   */
  static void write(ChannelHandlerContext ctx, FullHttpResponse r, Runnable after) {
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    HttpUtil.setContentLength(r, r.content().readableBytes());
    ctx.writeAndFlush(r)
        .addListener(
            f -> {
              if (after != null) {
                after.run();
              }
              if (f.isSuccess()
                  && ctx.channel() instanceof DuplexChannel d
                  && ctx.pipeline().get(SslHandler.class) == null) {
                d.shutdownOutput();
                ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
              } else {
                ctx.close();
              }
            });
  }
}
