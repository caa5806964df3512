package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio.engine.EngineHandshake;
import dev.sio.server.internal.NodeDates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Node's {@code socket.handshake} from the Engine.IO handshake and the CONNECT payload. */
final class Handshakes {
  private Handshakes() {}

  static Handshake of(EngineHandshake request, JsonNode auth) {
    Map<String, String> headers = new LinkedHashMap<>();
    request
        .headers()
        .forEach(
            (name, values) ->
                headers.put(name, values.size() == 1 ? values.get(0) : String.join(", ", values)));
    Map<String, String> query = new LinkedHashMap<>();
    request
        .query()
        .forEach((name, values) -> query.put(name, values.isEmpty() ? "" : lastOf(values)));
    String address =
        request.remoteAddress() == null || request.remoteAddress().getAddress() == null
            ? ""
            : request.remoteAddress().getAddress().getHostAddress();
    return new Handshake(
        headers,
        NodeDates.toJsString(request.time()),
        address,
        request.header("origin") != null,
        request.secure(),
        request.time().toEpochMilli(),
        request.url(),
        query,
        auth != null && auth.isObject() ? auth : JsonNodeFactory.instance.objectNode());
  }

  // Node reads the query with Object.fromEntries(url.searchParams): a repeated key keeps its last
  // value (?a=1&a=2 gives "2").
  private static String lastOf(List<String> values) {
    return values.get(values.size() - 1);
  }
}
