package dev.sio.servlet.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.QueryStrings;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds {@link HttpRequestInfo} from an {@link HttpServletRequest}, copied at once: the container
 * recycles the request after its answer (Tomcat), and a session keeps its handshake's request for
 * its whole life. The query is read from the raw query string with the core's {@link QueryStrings}
 * (as on Netty); {@code getParameter*} is never called, as it would read a form body.
 */
public final class ServletRequestInfos {
  private ServletRequestInfos() {}

  /**
   * {@return the request as the core sees it}
   *
   * @param request the request, on the container thread that received it
   */
  public static HttpRequestInfo of(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Enumeration<String> names = request.getHeaderNames();
    while (names != null && names.hasMoreElements()) {
      String name = names.nextElement();
      String lower = name.toLowerCase(Locale.ROOT);
      List<String> values = headers.computeIfAbsent(lower, k -> new ArrayList<>(1));
      Enumeration<String> vs = request.getHeaders(name);
      while (vs.hasMoreElements()) {
        values.add(vs.nextElement());
      }
    }
    headers.replaceAll((k, v) -> List.copyOf(v));
    String rawPath = request.getRequestURI();
    String rawQuery = request.getQueryString();
    String uri = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    Map<String, List<String>> query;
    try {
      query = rawQuery == null ? Map.of() : QueryStrings.decode(rawQuery);
    } catch (IllegalArgumentException e) { // malformed percent-encoding: no query, as on Netty
      query = Map.of();
    }
    String remote = request.getRemoteAddr();
    return new HttpRequestInfo(
        request.getMethod().toUpperCase(Locale.ROOT),
        uri,
        decodePath(rawPath),
        Collections.unmodifiableMap(headers),
        query,
        remote == null ? null : new InetSocketAddress(remote, request.getRemotePort()),
        request.isSecure());
  }

  /**
   * {@return {@code rawPath} with its {@code %XX} escapes decoded as UTF-8 ({@code +} stays), or
   * {@code rawPath} itself when an escape is malformed}
   *
   * @param rawPath the path as received
   */
  public static String decodePath(String rawPath) {
    if (rawPath.indexOf('%') < 0) {
      return rawPath;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(rawPath.length());
    StringBuilder b = new StringBuilder(rawPath.length());
    for (int i = 0; i < rawPath.length(); ) {
      char c = rawPath.charAt(i);
      if (c != '%') {
        flush(out, b);
        b.append(c);
        i++;
        continue;
      }
      if (i + 2 >= rawPath.length()) {
        return rawPath;
      }
      int hi = Character.digit(rawPath.charAt(i + 1), 16);
      int lo = Character.digit(rawPath.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) {
        return rawPath;
      }
      out.write(hi << 4 | lo);
      i += 3;
    }
    flush(out, b);
    return b.toString();
  }

  private static void flush(ByteArrayOutputStream out, StringBuilder b) {
    if (out.size() > 0) {
      b.append(out.toString(StandardCharsets.UTF_8));
      out.reset();
    }
  }
}
