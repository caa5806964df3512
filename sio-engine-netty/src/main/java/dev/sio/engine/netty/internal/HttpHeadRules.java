package dev.sio.engine.netty.internal;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules a request head that Netty's decoder accepted must still pass before it is served, as
 * Node's llhttp applies them: framing (RFC 9112 6.1), version (HTTP/1.x) and {@code Host} (RFC 9112
 * 3.2). Applied by {@link HttpConnectionHandler} to each head; static, no state.
 */
final class HttpHeadRules {
  // the handler's logger: the category that configurations name for these refusals stays the same
  private static final Logger log = LoggerFactory.getLogger(HttpConnectionHandler.class);

  private HttpHeadRules() {}

  /**
   * {@code 0} when {@code request} may be served, else the status that refuses it ({@code 400}, or
   * {@code 505} for a version other than HTTP/1.x), the reason logged at debug for {@code channel}.
   */
  static int refusal(HttpRequest request, Channel channel) {
    if (badFraming(request)) {
      log.debug("{} bad Transfer-Encoding", channel.id());
      return 400;
    }
    HttpVersion version = request.protocolVersion();
    if (version.majorVersion() != 1 || version.minorVersion() > 1) {
      log.debug("{} unsupported version {}", channel.id(), version);
      return 505; // RFC 9110 15.6.6
    }
    int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
    if (hosts > 1 || (hosts == 0 && version.minorVersion() == 1)) {
      log.debug("{} {} Host headers", channel.id(), hosts);
      return 400; // RFC 9112 3.2: exactly one Host in HTTP/1.1, at most one else
    }
    return 0;
  }

  /** Whether {@code request} asks for a WebSocket ({@code Upgrade: websocket}). */
  static boolean isWebSocketUpgrade(HttpRequest request) {
    String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
    return upgrade != null && "websocket".equalsIgnoreCase(upgrade.trim());
  }

  /**
   * RFC 9112 6.1 (and Node's llhttp): Transfer-Encoding whose last coding is not chunked, or with
   * Content-Length, cannot be framed safely. (Netty refuses chunked with Content-Length itself.)
   */
  private static boolean badFraming(HttpRequest request) {
    String te = request.headers().get(HttpHeaderNames.TRANSFER_ENCODING);
    if (te == null) {
      return false;
    }
    if (request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      return true;
    }
    String all = String.join(",", request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING));
    int comma = all.lastIndexOf(',');
    String lastCoding = (comma < 0 ? all : all.substring(comma + 1)).trim();
    return !lastCoding.toLowerCase(Locale.ROOT).equals("chunked");
  }
}
