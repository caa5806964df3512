package dev.sio.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as seen by routes, {@code allowRequest} checks and handshakes.
 *
 * @param method the method in upper case ({@code GET}, {@code POST}, ...)
 * @param uri the request URI as received (path and query)
 * @param path the decoded path, without the query
 * @param headers header names in lower case, each with its values in order
 * @param query the query parameters, each with its values in order
 * @param remoteAddress the peer's address
 * @param secure true when the connection is TLS
 */
public record HttpRequestInfo(
    String method,
    String uri,
    String path,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    InetSocketAddress remoteAddress,
    boolean secure) {

  /**
   * {@return the first value of header {@code name} (any case), or {@code null}}
   *
   * @param name the name
   */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * {@return the value of query parameter {@code name}, or {@code null}; a repeated key gives its
   * last value, as Node's {@code Object.fromEntries(url.searchParams)} does}
   *
   * @param name the name
   */
  public String queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }
}
