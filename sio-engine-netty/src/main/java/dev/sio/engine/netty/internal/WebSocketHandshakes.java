package dev.sio.engine.netty.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker08;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import java.util.List;
import java.util.Locale;

/**
 * The server side of the WebSocket opening handshake, checked as {@code ws} 8 checks it, on Netty's
 * handshakers: the request is refused before any {@code 101} unless it is a GET with a {@code
 * Sec-WebSocket-Key} that is base64 of exactly 16 bytes and {@code Sec-WebSocket-Version} 13 (or
 * 8). The frame decoder it installs rejects the close codes RFC 6455 does not allow on the wire, as
 * {@code ws}'s {@code isValidStatusCode} does.
 */
final class WebSocketHandshakes {
  /** {@code ws}'s answer to a wrong method. */
  static final String INVALID_METHOD = "Invalid HTTP method";

  /** {@code ws}'s answer to a missing or malformed key. */
  static final String INVALID_KEY = "Missing or invalid Sec-WebSocket-Key header";

  /** {@code ws}'s answer to a missing or unsupported version. */
  static final String INVALID_VERSION = "Missing or invalid Sec-WebSocket-Version header";

  /** {@code ws}'s answer to an extension offer it cannot parse (permessage-deflate on). */
  static final String INVALID_EXTENSIONS =
      "Invalid or unacceptable Sec-WebSocket-Extensions header";

  private WebSocketHandshakes() {}

  /**
   * True when {@code header} follows RFC 6455 9.1's {@code Sec-WebSocket-Extensions} grammar as
   * {@code ws}'s {@code extension.parse} reads it: {@code token *(";" token ["=" (token |
   * quoted-string)])}, elements separated by {@code ","}, optional whitespace around separators, no
   * empty element or name. Netty's parser throws on some of what this refuses (a part of only
   * {@code ;}).
   */
  static boolean isValidExtensions(String header) {
    int i = 0;
    int n = header.length();
    while (true) {
      i = skipSpace(header, i);
      int name = i;
      i = skipToken(header, i);
      if (i == name) {
        return false; // an empty extension name
      }
      i = skipSpace(header, i);
      while (i < n && header.charAt(i) == ';') {
        i = skipSpace(header, i + 1);
        int param = i;
        i = skipToken(header, i);
        if (i == param) {
          return false; // an empty parameter name
        }
        i = skipSpace(header, i);
        if (i < n && header.charAt(i) == '=') {
          i = skipSpace(header, i + 1);
          int value = i;
          if (i < n && header.charAt(i) == '"') {
            i = header.indexOf('"', i + 1);
            if (i < 0) {
              return false; // an unterminated quoted string
            }
            i++;
          } else {
            i = skipToken(header, i);
            if (i == value) {
              return false; // an empty value
            }
          }
          i = skipSpace(header, i);
        }
      }
      if (i == n) {
        return true;
      }
      if (header.charAt(i) != ',') {
        return false;
      }
      i++;
    }
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** RFC 7230 {@code tchar}s from {@code i}. */
  private static int skipToken(String s, int i) {
    while (i < s.length()) {
      char c = s.charAt(i);
      boolean tchar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        break;
      }
      i++;
    }
    return i;
  }

  /**
   * The answer {@code ws}'s {@code handleUpgrade} gives a request it will not upgrade (405 or 400,
   * {@code text/html}, {@code Connection: close}), or {@code null} when {@code request} is a valid
   * opening handshake.
   */
  static FullHttpResponse refusal(ByteBufAllocator alloc, HttpRequest request) {
    if (!HttpMethod.GET.equals(request.method())) {
      return HttpResponses.handshakeError(alloc, 405, INVALID_METHOD);
    }
    List<String> keys = request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_KEY);
    if (keys.size() != 1 || !isValidKey(keys.get(0))) {
      return HttpResponses.handshakeError(alloc, 400, INVALID_KEY);
    }
    String version = version(request);
    if (version == null) {
      FullHttpResponse r = HttpResponses.handshakeError(alloc, 400, INVALID_VERSION);
      r.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13, 8");
      return r;
    }
    return null;
  }

  /**
   * {@code ws}'s {@code keyRegex} ({@code ^[+/0-9A-Za-z]{22}==$}): 22 base64 characters and {@code
   * ==}, i.e. 16 bytes; checked without a regular expression (one per handshake).
   */
  static boolean isValidKey(String key) {
    if (key.length() != 24 || key.charAt(22) != '=' || key.charAt(23) != '=') {
      return false;
    }
    for (int i = 0; i < 22; i++) {
      char c = key.charAt(i);
      boolean base64 =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (!base64) {
        return false;
      }
    }
    return true;
  }

  /** {@code "13"} or {@code "8"}, or {@code null} for any other {@code Sec-WebSocket-Version}. */
  private static String version(HttpRequest request) {
    List<String> values = request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
    if (values.size() != 1) {
      return null;
    }
    String v = values.get(0).trim();
    return "13".equals(v) || "8".equals(v) ? v : null;
  }

  /** True when the client offers permessage-deflate (the only extension the server knows). */
  static boolean offersDeflate(HttpRequest request) {
    for (String offer : request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) {
      if (offer.toLowerCase(Locale.ROOT).contains("permessage-deflate")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Netty's handshaker for a request that passed {@link #refusal}, decoding frames with {@link
   * StrictFrameDecoder}.
   */
  static WebSocketServerHandshaker newHandshaker(
      HttpRequest request, String url, WebSocketDecoderConfig config) {
    if ("8".equals(version(request))) {
      return new WebSocketServerHandshaker08(url, null, config) {
        @Override
        protected WebSocketFrameDecoder newWebsocketDecoder() {
          return new StrictFrameDecoder(decoderConfig());
        }
      };
    }
    return new WebSocketServerHandshaker13(url, null, config) {
      @Override
      protected WebSocketFrameDecoder newWebsocketDecoder() {
        return new StrictFrameDecoder(decoderConfig());
      }
    };
  }

  /**
   * True for the close codes an endpoint may send (RFC 6455 7.4, as {@code ws}'s {@code
   * isValidStatusCode}): 1000–1014 but 1004, 1005 and 1006, and 3000–4999. Netty's {@link
   * WebSocketCloseStatus#isValidStatusCode} also accepts 5000 and above (and negative codes, as it
   * reads the code signed), so the upper bound is added here.
   */
  static boolean isValidCloseCode(int code) {
    return code >= 1000 && code <= 4999 && WebSocketCloseStatus.isValidStatusCode(code);
  }
}
