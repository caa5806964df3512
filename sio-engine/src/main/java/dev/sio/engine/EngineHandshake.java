package dev.sio.engine;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The HTTP request that opened an Engine.IO session, as the layers above need it (Socket.IO's
 * {@code socket.handshake}).
 *
 * @param url the request URI (path and query) as received
 * @param headers header names in lower case, each with its values in order
 * @param query the query parameters of {@code url}, each with its values in order
 * @param remoteAddress the peer's address
 * @param secure true when the connection is TLS
 * @param time when the handshake was received
 */
public record EngineHandshake(
    String url,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    InetSocketAddress remoteAddress,
    boolean secure,
    Instant time) {

  /**
   * {@return the first value of header {@code name} (any case), or {@code null}}
   *
   * @param name the name
   */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
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
