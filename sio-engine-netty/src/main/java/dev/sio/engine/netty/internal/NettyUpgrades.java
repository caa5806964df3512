package dev.sio.engine.netty.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.UpgradeVerdict;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty half of a WebSocket upgrade of an {@link EnginePort}: asks the port for its verdict
 * while the frame decoder (or the {@link UpgradeBuffer}) holds what follows the request, cancels
 * the verdict when the connection closes first, moves the connection to the session's event loop,
 * and hands the rest to {@link WebSocketAcceptor}. Runs on the connection's event loop.
 */
final class NettyUpgrades {
  private static final Logger log = LoggerFactory.getLogger(NettyUpgrades.class);

  private NettyUpgrades() {}

  /** Handles a WebSocket upgrade request; {@code ctx} is the connection's HTTP handler. */
  static void handle(
      EnginePort port, ChannelHandlerContext ctx, HttpRequest request, HttpRequestInfo info) {
    Channel channel = ctx.channel();
    CompletableFuture<UpgradeVerdict> verdict =
        port.verifyUpgrade(info, SioEventLoop.executorOrNull(channel)).toCompletableFuture();
    if (verdict.isDone()) {
      onVerdict(port, ctx, request, verdict.join());
      return;
    }
    ChannelFutureListener gone = f -> verdict.cancel(false); // nobody is left to answer
    channel.closeFuture().addListener(gone);
    verdict.whenComplete(
        (v, t) -> {
          if (v == null) {
            if (!(t instanceof CancellationException)) {
              log.debug("WebSocket upgrade verdict failed", t);
              channel.close();
            }
            return;
          }
          EventLoop loop = channel.eventLoop();
          Runnable go =
              () -> {
                channel.closeFuture().removeListener(gone);
                onVerdict(port, ctx, request, v);
              };
          if (loop.inEventLoop()) {
            go.run();
          } else {
            loop.execute(go);
          }
        });
  }

  private static void onVerdict(
      EnginePort port, ChannelHandlerContext ctx, HttpRequest request, UpgradeVerdict v) {
    if (v.refused() && !v.refuseAfterChecks()) {
      WebSocketAcceptor.refuse(ctx, v);
      return;
    }
    if (!v.refused() && SioEventLoop.executorOrNull(ctx.channel()) != v.owner()) {
      moveThenAccept(port, ctx, request, v);
      return;
    }
    WebSocketAcceptor.accept(port, ctx, request, v);
  }

  /**
   * Re-registers the upgrading connection on the session's event loop before its WebSocket
   * handshake, so that once upgraded the session and its socket share one thread (no hop per
   * message). Nothing is written on the connection while it moves.
   */
  private static void moveThenAccept(
      EnginePort port, ChannelHandlerContext ctx, HttpRequest request, UpgradeVerdict v) {
    Channel channel = ctx.channel();
    EventLoop target = SioEventLoop.eventLoop(v.owner());
    channel
        .deregister()
        .addListener(
            deregistered -> {
              if (!deregistered.isSuccess()) {
                channel.close();
                return;
              }
              target
                  .register(channel)
                  .addListener(
                      registered -> {
                        if (!registered.isSuccess()) {
                          log.debug("cannot move an upgrading connection", registered.cause());
                          channel.close();
                          return;
                        }
                        WebSocketAcceptor.accept(port, ctx, request, v);
                      });
            });
  }
}
