package dev.sio.client.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Query-string encoding as the Node.js client does it ({@code encodeURIComponent}). */
public final class QueryStrings {
  private QueryStrings() {}

  /** {@code ?a=1&b=2}, or an empty string when {@code query} is empty. */
  public static String encode(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("?");
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (out.length() > 1) {
        out.append('&');
      }
      out.append(component(e.getKey())).append('=').append(component(e.getValue()));
    }
    return out.toString();
  }

  /** One name or value encoded like JavaScript's {@code encodeURIComponent}. */
  static String component(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%21", "!")
        .replace("%27", "'")
        .replace("%28", "(")
        .replace("%29", ")")
        .replace("%7E", "~");
  }

  static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
