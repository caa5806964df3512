package dev.sio.engine.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.PollExchange;
import dev.sio.engine.spi.ResponseHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The engine's HTTP answers as values ({@link HttpAnswer}): empty ones, text, Node's error JSON and
 * {@code ws}'s handshake refusals; and the compression of bodies as Node's polling transport does
 * it (the encoding {@code accepts} would choose, gzip or zlib deflate with {@code java.util.zip}).
 * Stateless.
 */
public final class Responses {
  private Responses() {}

  /**
   * Answers {@code exchange} with {@code answer} (its text or its bytes), keeping the connection.
   *
   * @return {@code false} when the exchange was already answered
   */
  public static boolean answer(PollExchange exchange, HttpAnswer answer) {
    CharSequence text = answer.text();
    return text != null
        ? exchange.respond(answer.status(), answer.headers(), text, false)
        : exchange.respond(answer.status(), answer.headers(), answer.bytes(), false);
  }

  /** {@return an empty answer with {@code status}} */
  public static HttpAnswer empty(int status) {
    return new HttpAnswer(status, new ResponseHeaders(), null, null);
  }

  /** {@return an answer with a text body of {@code contentType}} */
  public static HttpAnswer text(int status, String contentType, CharSequence body) {
    ResponseHeaders h = new ResponseHeaders();
    h.set("Content-Type", contentType);
    return new HttpAnswer(status, h, body, null);
  }

  /** Node's {@code abortRequest}: {@code {"code":N,"message":"…"}} as 400 (403 for FORBIDDEN). */
  public static HttpAnswer error(int code, String message) {
    String body =
        "{\"code\":"
            + code
            + ",\"message\":"
            + jsonString(message == null ? EngineProtocol.message(code) : message)
            + "}";
    return text(EngineProtocol.httpStatus(code), "application/json", body);
  }

  /** Node's {@code abortUpgrade}: a plain 400 with the message, before closing the connection. */
  public static HttpAnswer upgradeError(int code, String message) {
    return handshakeError(400, message == null ? EngineProtocol.message(code) : message);
  }

  /**
   * {@code ws}'s {@code abortHandshake}: {@code status} with {@code message} as {@code text/html},
   * {@code Connection: close} and its length, before closing the connection.
   */
  public static HttpAnswer handshakeError(int status, String message) {
    HttpAnswer a = text(status, "text/html", message);
    a.headers().set("Connection", "close");
    a.headers().set("Content-Length", Integer.toString(Utf8.length(message)));
    return a;
  }

  /** {@return {@code s} as a JSON string literal} */
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

  /** {@return {@code body} compressed with {@code encoding}: gzip, else zlib deflate} */
  public static byte[] compress(byte[] body, String encoding) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 2));
    try (OutputStream os =
        "gzip".equals(encoding)
            ? new GZIPOutputStream(out, 8192)
            : new DeflaterOutputStream(out, true)) {
      os.write(body);
    } catch (IOException e) {
      throw new IllegalStateException("compression failed", e); // not thrown by memory streams
    }
    return out.toByteArray();
  }
}
