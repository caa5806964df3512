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
    request.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
    Map<String, String> query = new LinkedHashMap<>();
    request
        .query()
        .forEach((name, values) -> query.put(name, values.isEmpty() ? "" : firstOf(values)));
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

  private static String firstOf(List<String> values) {
    return values.get(0);
  }
}
