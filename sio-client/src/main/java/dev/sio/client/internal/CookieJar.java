package dev.sio.client.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cookies a server set on one connection ({@code withCredentials}), kept by name the way the
 * Node.js client's jar does: {@code Expires} and {@code Max-Age} are honoured, other attributes
 * ignored. Used on the event thread only.
 */
public final class CookieJar {
  private final Map<String, Cookie> cookies = new LinkedHashMap<>(); // event thread

  private record Cookie(String value, Instant expires) {}

  /** Stores the cookies of {@code Set-Cookie} header values. */
  public void parse(List<String> setCookies) {
    for (String header : setCookies) {
      String[] parts = header.split("; ");
      int eq = parts[0].indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = parts[0].substring(0, eq).trim();
      if (name.isEmpty()) {
        continue;
      }
      String value = parts[0].substring(eq + 1).trim();
      if (value.length() >= 2 && value.charAt(0) == '"') {
        value = value.substring(1, value.length() - 1);
      }
      Instant expires = null;
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].split("=");
        if (kv.length != 2) {
          continue;
        }
        String key = kv[0].trim();
        String v = kv[1].trim();
        try {
          if (key.equalsIgnoreCase("Max-Age")) {
            expires = Instant.now().plusSeconds(Long.parseLong(v));
          } else if (key.equalsIgnoreCase("Expires") && expires == null) {
            expires =
                java.time.ZonedDateTime.parse(
                        v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
          }
        } catch (RuntimeException e) {
          // an unreadable attribute is ignored, as browsers do
        }
      }
      cookies.put(name, new Cookie(value, expires));
    }
  }

  /** The {@code Cookie} header value, or null when the jar holds no live cookie. */
  public String header() {
    Instant now = Instant.now();
    cookies.values().removeIf(c -> c.expires() != null && c.expires().isBefore(now));
    if (cookies.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    cookies.forEach(
        (name, c) -> {
          if (out.length() > 0) {
            out.append("; ");
          }
          out.append(name).append('=').append(c.value());
        });
    return out.toString();
  }
}
