package dev.sio.engine.internal;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.ResponseHeaders;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a WebSocket upgrade that passed the endpoint's checks (Node's {@code ws.handleUpgrade}
 * and {@code onWebSocket}): {@code ws}'s handshake checks, the {@code 101}, and the frame pipeline
 * of the session's {@link WebSocketTransport}; or the refusal, after which the connection ends
 * within a deadline. Runs on the connection's event loop.
 */
final class WebSocketAcceptor {
  private static final Logger log = LoggerFactory.getLogger(WebSocketAcceptor.class);

  /** The pipeline name of the {@link WebSocketCloseGuard}. */
  static final String CLOSE_GUARD = "wsclose";

  /** The pipeline name of the frame aggregator, added at the first fragmented message. */
  static final String AGGREGATOR = "wsaggregator";

  private final EngineEndpoint endpoint;
  // The frame decoder's settings, with and without permessage-deflate (immutable, shared).
  private final WebSocketDecoderConfig plainFrames;
  private final WebSocketDecoderConfig deflateFrames;

  WebSocketAcceptor(EngineEndpoint endpoint) {
    this.endpoint = endpoint;
    this.plainFrames = decoderConfig(endpoint.options().maxHttpBufferSize(), false);
    this.deflateFrames = decoderConfig(endpoint.options().maxHttpBufferSize(), true);
  }

  private static WebSocketDecoderConfig decoderConfig(int maxPayload, boolean deflate) {
    return WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength(maxPayload)
        .allowExtensions(deflate) // RSV bits only with permessage-deflate
        .allowMaskMismatch(false)
        .closeOnProtocolViolation(false) // WebSocketFrameHandler answers as ws does
        .build();
  }

  /** Node's {@code abortUpgrade}: a 400 with the error's message, then the connection ends. */
  static void abort(ChannelHandlerContext ctx, int code, String message) {
    refuseUpgrade(ctx, HttpResponses.upgradeError(ctx.alloc(), code, message));
  }

  /**
   * Writes {@code response} and closes the connection once it is written, or after {@link
   * WebSocketCloseGuard#CLOSE_TIMEOUT_MILLIS} if a client that does not read holds the write up.
   */
  static void refuseUpgrade(ChannelHandlerContext ctx, FullHttpResponse response) {
    Channel channel = ctx.channel();
    if (!channel.isActive()) {
      response.release();
      channel.close();
      return;
    }
    var deadline =
        ctx.executor()
            .schedule(
                () -> channel.close(),
                WebSocketCloseGuard.CLOSE_TIMEOUT_MILLIS,
                TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(f -> deadline.cancel(false));
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * Answers an upgrade that passed Node's {@code verify}: {@code ws}'s handshake checks, then the
   * {@code 101}. A request for another transport is refused with {@code 400} before any {@code 101}
   * (Node answers the {@code 101} and an empty close frame); one for a session that cannot be
   * upgraded (closed, upgrading, upgraded) gets the {@code 101} and an empty close frame, as Node
   * gives it, and the session is untouched. Runs on the connection's loop, the session's when
   * {@code existing} is set.
   */
  void accept(
      ChannelHandlerContext ctx,
      HttpRequest request,
      HttpRequestInfo info,
      ResponseHeaders extra,
      EngineSession existing) {
    Channel channel = ctx.channel();
    if (!channel.isActive() || ctx.isRemoved()) {
      channel.close(); // the client left while allowRequest decided or the connection moved
      return;
    }
    FullHttpResponse refusal = WebSocketHandshakes.refusal(ctx.alloc(), request);
    if (refusal != null) {
      refuseUpgrade(ctx, refusal);
      return;
    }
    boolean isEngineWs = EngineOptions.WEBSOCKET.equals(info.queryParam("transport"));
    if (!isEngineWs) {
      // a WebSocket for another transport: refused before any 101 (Node answers the 101, then
      // closes)
      abort(ctx, EngineProtocol.BAD_REQUEST, null);
      return;
    }
    boolean deflate =
        endpoint.options().perMessageDeflate() && WebSocketHandshakes.offersDeflate(request);
    String scheme = info.secure() ? "wss://" : "ws://";
    String host = info.header("host") == null ? "localhost" : info.header("host");
    WebSocketServerHandshaker handshaker =
        WebSocketHandshakes.newHandshaker(
            request, scheme + host + info.path(), deflate ? deflateFrames : plainFrames);
    FullHttpRequest full =
        new DefaultFullHttpRequest(
            request.protocolVersion(),
            request.method(),
            request.uri(),
            Unpooled.EMPTY_BUFFER,
            request.headers(),
            EmptyHttpHeaders.INSTANCE);
    if (existing != null && !existing.acceptsUpgrade()) {
      // a session that is closed, upgrading or already upgraded: as Node (and the official suite,
      // "ignores WebSocket connection with same sid after upgrade"), the 101 and an empty close
      refuseAfterHandshake(ctx, handshaker, full, extra);
      return;
    }
    EngineSession session = existing;
    String newSid = null;
    if (session == null) {
      session =
          endpoint.newSession(info, SioEventLoop.executorOf(channel), endpoint.protocolOf(info));
      if (session == null) {
        abort(ctx, EngineProtocol.BAD_REQUEST, null);
        return;
      }
      newSid = session.id();
      endpoint.addCookie(extra, newSid);
    }
    ResponseHeaderListeners.apply(endpoint.options(), info, extra, newSid != null);
    ChannelPipeline p = channel.pipeline();
    WebSocketFrameHandler frames = new WebSocketFrameHandler(channel, !deflate);
    WebSocketTransport ws = new WebSocketTransport(session, frames);
    frames.inbound(ws);
    ws.request(info);
    ws.configure(info);
    ChannelPromise handshaken = channel.newPromise();
    handshaken.addListener(
        f -> {
          if (f.isSuccess()) {
            frames.handshakeDone();
          }
        });
    boolean answered = false;
    try {
      handshaker.handshake(channel, full, HttpResponses.toNetty(extra), handshaken);
      answered = true;
      installFrameHandlers(ctx, p, deflate, frames);
    } catch (Exception e) {
      log.debug("WebSocket handshake failed", e);
      if (newSid != null) {
        endpoint.remove(session); // never opened: nobody was told about it
      }
      if (answered || ctx.isRemoved()) {
        channel.close();
      } else {
        abort(ctx, EngineProtocol.BAD_REQUEST, null);
      }
      return;
    }
    EngineSession s = session;
    if (existing != null) {
      s.execute(
          () -> {
            s.maybeUpgrade(ws);
            UpgradeBuffer.release(p); // frames sent with the request (a probe) come now
          });
    } else if (s.isV3()) {
      // Engine.IO v3 clients (and the v3 suite) listen for the open packet only once the socket
      // is open: it goes in its own write, after the 101 has left, as Node's ws writes it.
      handshaken.addListener(
          f -> {
            if (!f.isSuccess() || !channel.isActive()) {
              endpoint.remove(s); // never opened: nobody was told about it
              channel.close();
              return;
            }
            s.open(ws);
            s.notifyOpen();
            UpgradeBuffer.release(p);
          });
    } else {
      s.open(ws);
      s.notifyOpen();
      UpgradeBuffer.release(p);
    }
  }

  /**
   * Replaces the HTTP handler {@code ctx} with the WebSocket frame pipeline ending in {@code last}.
   */
  private void installFrameHandlers(
      ChannelHandlerContext ctx, ChannelPipeline p, boolean deflate, ChannelHandler last) {
    p.addBefore(ctx.name(), "wsutf8", new Utf8FrameValidator(false));
    int maxMessage = endpoint.options().maxHttpBufferSize();
    WebSocketHandshakes.StrictFrameDecoder decoder =
        p.get(WebSocketHandshakes.StrictFrameDecoder.class);
    if (decoder != null && maxMessage > 0) {
      decoder.aggregateOnFirstFragment(maxMessage); // added before CLOSE_GUARD when needed
    } else {
      p.addBefore(ctx.name(), AGGREGATOR, new WebSocketFrameAggregator(maxMessage));
    }
    p.addBefore(
        ctx.name(), CLOSE_GUARD, new WebSocketCloseGuard(endpoint.options().closeTimeoutMillis()));
    p.replace(ctx.handler(), "engine-ws", last);
  }

  /**
   * Node's answer to a WebSocket for a session it will not move ({@code onWebSocket}: {@code
   * websocket.close()}): the {@code 101}, then a close frame without a code; nothing the client
   * sends is read, and the connection ends as after any close frame, within the close timeout
   * ({@link WebSocketCloseGuard}). The session is untouched.
   */
  private void refuseAfterHandshake(
      ChannelHandlerContext ctx,
      WebSocketServerHandshaker handshaker,
      FullHttpRequest full,
      ResponseHeaders extra) {
    Channel channel = ctx.channel();
    try {
      handshaker.handshake(channel, full, HttpResponses.toNetty(extra), channel.newPromise());
    } catch (Exception e) {
      log.debug("WebSocket handshake failed", e);
      abort(ctx, EngineProtocol.BAD_REQUEST, null);
      return;
    }
    ChannelPipeline p = channel.pipeline();
    p.addBefore(
        ctx.name(), CLOSE_GUARD, new WebSocketCloseGuard(endpoint.options().closeTimeoutMillis()));
    p.remove(ctx.handler());
    channel.config().setAutoRead(false); // nothing the client sends now is read
    channel.writeAndFlush(new CloseWebSocketFrame());
  }
}
