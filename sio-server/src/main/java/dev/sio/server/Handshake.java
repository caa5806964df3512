package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * The request that opened a socket, as Node's {@code socket.handshake}. These are also the fields
 * of a socket's {@code handshake} on the cluster wire ({@code fetchSockets}).
 *
 * @param headers the request headers, names in lower case, repeated values joined by {@code ", "}
 * @param time when the handshake happened, as JavaScript's {@code Date#toString()}
 * @param address the client's IP address
 * @param xdomain true when the request had an {@code Origin} header
 * @param secure true when the connection is TLS
 * @param issued when the handshake happened, epoch milliseconds
 * @param url the request URI (path and query)
 * @param query the query parameters; a repeated key keeps its last value, as in Node
 * @param auth the payload of the client's CONNECT packet, an object ({@code {}} when there was
 *     none)
 */
public record Handshake(
    Map<String, String> headers,
    String time,
    String address,
    boolean xdomain,
    boolean secure,
    long issued,
    String url,
    Map<String, String> query,
    JsonNode auth) {

  /**
   * Copies the maps and checks that everything is given.
   *
   * @param headers the headers
   * @param time when the handshake happened, as JavaScript's {@code Date.toString()}
   * @param address the address
   * @param xdomain whether the request came from another origin
   * @param secure whether the connection is secure
   * @param issued when the handshake happened, in milliseconds since the epoch
   * @param url the address
   * @param query the query parameters
   * @param auth the auth payload
   */
  public Handshake {
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    query = Map.copyOf(Objects.requireNonNull(query, "query"));
    Objects.requireNonNull(auth, "auth");
  }

  /**
   * {@return the value of header {@code name} (any case), or {@code null}}
   *
   * @param name the name
   */
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }
}
