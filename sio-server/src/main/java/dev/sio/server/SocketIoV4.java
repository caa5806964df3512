package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.server.internal.Args;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * What differs in the Socket.IO protocol v4, spoken by Socket.IO v2 clients over Engine.IO v3
 * (Node's {@code conn.protocol === 3} branches): the main namespace is joined implicitly at the
 * handshake, a CONNECT names its namespace with a query ({@code 0/chat?token=abc,}) instead of a
 * payload, the CONNECT answer has no payload, a CONNECT_ERROR carries the error's data or its
 * message, and the socket id is the Engine.IO sid ({@code /chat#<sid>} outside the main namespace).
 * Events, acks and binary attachments are the same as in v5.
 */
final class SocketIoV4 {
  private SocketIoV4() {}

  /** A namespace and the auth made of its query. */
  record Target(String namespace, JsonNode auth) {}

  /**
   * Splits a v4 CONNECT's namespace {@code /chat?a=1&b=2} into {@code /chat} and {@code
   * {"a":"1","b":"2"}} (Node's {@code _parseNamespace}: URL path and search parameters).
   */
  static Target parseNamespace(String nsp) {
    ObjectNode auth = JsonNodeFactory.instance.objectNode();
    int q = nsp.indexOf('?');
    String path = q < 0 ? nsp : nsp.substring(0, q);
    if (q >= 0) {
      for (String pair : nsp.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        auth.put(key, value); // Object.fromEntries: the last value of a key wins
      }
    }
    return new Target(path, auth);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Node's v2 socket id: the Engine.IO sid, prefixed by {@code nsp#} outside {@code /}. */
  static String socketId(String namespace, String engineId) {
    return "/".equals(namespace) ? engineId : namespace + "#" + engineId;
  }

  /** Node's v2 CONNECT_ERROR payload: {@code err.data || err.message}. */
  static JsonNode connectError(ObjectMapper mapper, Exception error) {
    if (error instanceof ConnectError c && c.data() != null) {
      return Args.toNode(mapper, c.data());
    }
    String message = error.getMessage();
    return message == null
        ? JsonNodeFactory.instance.nullNode()
        : JsonNodeFactory.instance.textNode(message);
  }
}
