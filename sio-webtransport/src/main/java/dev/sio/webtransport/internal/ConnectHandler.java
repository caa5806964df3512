package dev.sio.webtransport.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.QueryStrings;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.SessionExecutor;
import dev.sio.engine.spi.WebTransportVerdict;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's HTTP/3 request stream: an extended CONNECT with {@code :protocol webtransport} to an
 * Engine.IO path opens a WebTransport session (200 without FIN, {@code
 * sec-webtransport-http3-draft: draft02}); its DATA frames are capsules; its FIN or close capsule
 * ends the session. Every other request gets 404 (a wrong path, a GET) or 400 (another {@code
 * :protocol}) with FIN. The checks wait for the client's SETTINGS (the draft's rule). The
 * connection's loop.
 */
final class ConnectHandler extends Http3RequestStreamInboundHandler {
  private static final Logger log = LoggerFactory.getLogger(ConnectHandler.class);

  private final WebTransportConnection connection;
  private WebTransportSession session; // the loop: once accepted
  private CapsuleParser capsules; // the loop: once accepted
  private boolean answered; // the loop: a headers frame was handled

  ConnectHandler(WebTransportConnection connection) {
    this.connection = connection;
  }

  @Override
  protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
    if (answered) {
      return; // trailers: nothing to do
    }
    answered = true;
    Http3Headers h = frame.headers();
    String path = h.path() == null ? "" : h.path().toString();
    if (!"CONNECT".contentEquals(h.method() == null ? "" : h.method())) {
      respond(ctx, 404, "Not Found");
      return;
    }
    CharSequence protocol = h.protocol();
    if (protocol == null
        || !(WebTransportProtocol.PROTOCOL.contentEquals(protocol)
            || WebTransportProtocol.PROTOCOL_H3.contentEquals(protocol))) {
      respond(ctx, 400, "Unsupported :protocol");
      return;
    }
    EnginePort port = connection.http().enginePort(path);
    if (port == null) {
      log.info("WebTransport CONNECT to {} refused: 404 (no Engine.IO endpoint)", path);
      respond(ctx, 404, "Not Found");
      return;
    }
    HttpRequestInfo info = requestOf(h, path);
    connection.afterSettings(
        () -> {
          if (connection.peerSettings() == null) {
            log.info("WebTransport CONNECT to {} refused: 400 (no SETTINGS from the client)", path);
            respond(ctx, 400, "No SETTINGS");
            return;
          }
          port.verifyWebTransport(info, (SessionExecutor) ctx.channel().eventLoop())
              .whenComplete(
                  (verdict, t) -> ctx.executor().execute(() -> decided(ctx, port, verdict, t)));
        });
  }

  private void decided(
      ChannelHandlerContext ctx, EnginePort port, WebTransportVerdict verdict, Throwable t) {
    if (!ctx.channel().isActive()) {
      return;
    }
    if (t != null) {
      log.warn("WebTransport CONNECT check failed", t);
      respond(ctx, 500, "Internal Server Error");
      return;
    }
    if (verdict.refused()) {
      log.info(
          "WebTransport CONNECT to {} refused: {} {}",
          verdict.request().uri(),
          verdict.refusalStatus(),
          verdict.refusalBody());
      respond(ctx, verdict.refusalStatus(), verdict.refusalBody());
      return;
    }
    QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
    session = new WebTransportSession(connection, stream, verdict.request(), port);
    capsules = new CapsuleParser(ctx.alloc());
    connection.add(session);
    DefaultHttp3HeadersFrame ok = new DefaultHttp3HeadersFrame();
    ok.headers().status("200").add(WebTransportProtocol.DRAFT_HEADER, "draft02");
    verdict.headers().forEach((name, value) -> ok.headers().add(name.toLowerCase(), value));
    ctx.writeAndFlush(ok); // no FIN: the stream lives as long as the session
    session.accepted();
  }

  private static void respond(ChannelHandlerContext ctx, int status, String body) {
    DefaultHttp3HeadersFrame headers = new DefaultHttp3HeadersFrame();
    headers.headers().status(Integer.toString(status)).add("content-type", "text/plain");
    ctx.write(headers);
    ctx.writeAndFlush(new DefaultHttp3DataFrame(ByteBufUtil.writeUtf8(ctx.alloc(), body)))
        .addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
  }

  private HttpRequestInfo requestOf(Http3Headers h, String path) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (h.authority() != null) {
      headers.put("host", new ArrayList<>(List.of(h.authority().toString())));
    }
    h.forEach(
        e -> {
          String name = e.getKey().toString();
          if (!name.startsWith(":")) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(e.getValue().toString());
          }
        });
    int q = path.indexOf('?');
    String rawPath = q < 0 ? path : path.substring(0, q);
    Map<String, List<String>> query = QueryStrings.decode(q < 0 ? "" : path.substring(q + 1));
    InetSocketAddress remote =
        connection.quic().remoteSocketAddress() instanceof InetSocketAddress a ? a : null;
    return new HttpRequestInfo("CONNECT", path, rawPath, headers, query, remote, true);
  }

  @Override
  protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
    if (session == null) {
      ReferenceCountUtil.release(frame);
      return;
    }
    String malformed =
        capsules.read(
            frame.content(),
            (code, reason) -> {
              log.debug(
                  "WebTransport session {} closed by the client: {} {}",
                  session.id(),
                  code,
                  reason);
              session.onPeerClosed();
            });
    if (malformed != null) {
      log.debug("WebTransport session {}: {}", session.id(), malformed);
      session.close();
    }
  }

  @Override
  protected void channelInputClosed(ChannelHandlerContext ctx) {
    if (session != null) {
      session.onPeerClosed();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (session != null) {
      session.onPeerClosed();
      capsules.release();
    }
    super.channelInactive(ctx);
  }
}
