package dev.sio.client.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a client connects: host, port and whether TLS is used, taken from a URI the way the Node.js
 * client reads it ({@code http}/{@code ws} on port 80, {@code https}/{@code wss} on 443 by
 * default).
 *
 * @param secure true for {@code https} and {@code wss}
 * @param host the host name or address (IPv6 without brackets)
 * @param port the port
 * @param namespace the URI path, which names the namespace ({@code "/"} when empty)
 * @param query the URI's query parameters, decoded
 */
public record Endpoint(
    boolean secure, String host, int port, String namespace, Map<String, String> query) {

  /**
   * Reads {@code uri}; throws {@link IllegalArgumentException} for a scheme that is not
   * HTTP(S)/WS(S).
   */
  public static Endpoint of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    boolean secure;
    switch (scheme) {
      case "http", "ws" -> secure = false;
      case "https", "wss" -> secure = true;
      default ->
          throw new IllegalArgumentException(
              "unsupported URI scheme (expected http, https, ws or wss): " + uri);
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("URI has no host: " + uri);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    Map<String, String> query = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        query.put(QueryStrings.decode(name), QueryStrings.decode(value));
      }
    }
    return new Endpoint(secure, host, port, path, Map.copyOf(query));
  }

  /** {@code host:port} for a {@code Host} header (the port only when not the default). */
  public String hostHeader() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    boolean defaultPort = secure ? port == 443 : port == 80;
    return defaultPort ? h : h + ":" + port;
  }

  /**
   * The URI of {@code path} with {@code query} on this endpoint, for {@code http} or {@code ws}.
   */
  public String uri(String scheme, String pathAndQuery) {
    return scheme + (secure ? "s" : "") + "://" + hostHeader() + pathAndQuery;
  }
}
