package dev.sio.engine.internal;

import dev.sio.engine.HttpRequestInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Builds the engine's HTTP responses and compresses bodies as Node's polling transport does. */
public final class HttpResponses {
  private HttpResponses() {}

  /** An empty response with {@code status}. */
  public static FullHttpResponse empty(int status) {
    return new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.EMPTY_BUFFER);
  }

  /** A response with a UTF-8 body. */
  public static FullHttpResponse text(
      ByteBufAllocator alloc, int status, String contentType, CharSequence body) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(status),
            ByteBufUtil.writeUtf8(alloc, body));
    r.headers().set("Content-Type", contentType);
    return r;
  }

  /** Node's {@code abortRequest}: {@code {"code":N,"message":"…"}} as 400 (403 for FORBIDDEN). */
  public static FullHttpResponse error(ByteBufAllocator alloc, int code, String message) {
    String body =
        "{\"code\":"
            + code
            + ",\"message\":"
            + jsonString(message == null ? EngineProtocol.message(code) : message)
            + "}";
    return text(alloc, EngineProtocol.httpStatus(code), "application/json", body);
  }

  /** Node's {@code abortUpgrade}: a plain 400 with the message, before closing the connection. */
  public static FullHttpResponse upgradeError(ByteBufAllocator alloc, int code, String message) {
    return handshakeError(alloc, 400, message == null ? EngineProtocol.message(code) : message);
  }

  /**
   * {@code ws}'s {@code abortHandshake}: {@code status} with {@code message} as {@code text/html},
   * {@code Connection: close} and its length, before closing the connection.
   */
  public static FullHttpResponse handshakeError(
      ByteBufAllocator alloc, int status, String message) {
    FullHttpResponse r = text(alloc, status, "text/html", message);
    r.headers().set("Connection", "close");
    r.headers().setInt("Content-Length", r.content().readableBytes());
    return r;
  }

  /** A JSON string literal. */
  public static String jsonString(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * The encoding to use for a client's {@code Accept-Encoding}: {@code "gzip"}, {@code "deflate"},
   * or {@code null}. Highest q wins; gzip before deflate on a tie, as {@code accepts} orders them.
   */
  public static String negotiateEncoding(HttpRequestInfo request) {
    String header = request.header("accept-encoding");
    if (header == null || header.isEmpty()) {
      return null;
    }
    double gzip = -1;
    double deflate = -1;
    double star = -1;
    for (String part : header.split(",")) {
      // limit -1: a part made only of ';' gives empty fields, never an empty array
      String[] fields = part.trim().split(";", -1);
      String name = fields[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < fields.length; i++) {
        String f = fields[i].trim();
        if (f.startsWith("q=")) {
          try {
            q = Double.parseDouble(f.substring(2));
            q = q >= 0 && q <= 1 ? q : 0; // NaN, Infinity and out-of-range weights: not acceptable
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      switch (name) {
        case "gzip" -> gzip = q;
        case "deflate" -> deflate = q;
        case "*" -> star = q;
        default -> {}
      }
    }
    if (gzip < 0) {
      gzip = star;
    }
    if (deflate < 0) {
      deflate = star;
    }
    if (gzip <= 0 && deflate <= 0) {
      return null;
    }
    return gzip >= deflate ? "gzip" : "deflate";
  }

  /** Compresses {@code body} (not released) with {@code encoding}; gzip or zlib deflate. */
  public static ByteBuf compress(ByteBufAllocator alloc, ByteBuf body, String encoding) {
    ByteBuf out = alloc.buffer(Math.max(64, body.readableBytes() / 2));
    try (OutputStream os =
        "gzip".equals(encoding)
            ? new GZIPOutputStream(new ByteBufOutputStream(out), 8192)
            : new DeflaterOutputStream(new ByteBufOutputStream(out), true)) {
      body.getBytes(body.readerIndex(), os, body.readableBytes());
    } catch (IOException e) {
      out.release();
      throw new IllegalStateException("compression failed", e);
    }
    return out;
  }

  /** The UTF-8 bytes of {@code s} in a new buffer. */
  public static ByteBuf utf8(ByteBufAllocator alloc, CharSequence s) {
    return ByteBufUtil.writeUtf8(alloc, s);
  }

  /** Bytes of an ASCII string. */
  public static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
