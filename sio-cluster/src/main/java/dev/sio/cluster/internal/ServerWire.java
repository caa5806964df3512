package dev.sio.cluster.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.server.BroadcastFlags;
import dev.sio.server.BroadcastOptions;
import dev.sio.server.Handshake;
import dev.sio.server.Namespace;
import dev.sio.server.RemoteSocket;
import dev.sio.server.SocketDetails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Converts the server's adapter types to their cluster wire form and back. */
public final class ServerWire {
  private static final Logger LOG = LoggerFactory.getLogger(ServerWire.class);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ServerWire() {}

  /**
   * The wire options of {@code opts}. Flags carry only what Node would set: {@code volatile},
   * {@code compress} when false, {@code timeout} in ms, {@code expectSingleResponse}; never {@code
   * local} (a local operation is not published).
   */
  public static WireOptions toWire(BroadcastOptions opts) {
    ObjectNode flags = NODES.objectNode();
    BroadcastFlags f = opts.flags();
    if (f.isVolatile()) {
      flags.put("volatile", true);
    }
    if (!f.compress()) {
      flags.put("compress", false);
    }
    if (f.timeout() != null) {
      flags.put("timeout", f.timeout().toMillis());
    }
    if (f.expectSingleResponse()) {
      flags.put("expectSingleResponse", true);
    }
    return new WireOptions(List.copyOf(opts.rooms()), List.copyOf(opts.except()), flags);
  }

  /** The server options of wire options received from another node. */
  public static BroadcastOptions fromWire(WireOptions opts) {
    JsonNode f = opts.flags();
    JsonNode timeout = f.get("timeout");
    BroadcastFlags flags =
        new BroadcastFlags(
            f.path("volatile").asBoolean(false),
            f.path("compress").asBoolean(true),
            false,
            timeout != null && timeout.isNumber() ? Duration.ofMillis(timeout.asLong()) : null,
            f.path("expectSingleResponse").asBoolean(false));
    return new BroadcastOptions(
        new LinkedHashSet<>(opts.rooms()), new LinkedHashSet<>(opts.except()), flags);
  }

  /** A fetchSockets element: {@code {id, handshake, rooms, data}}. */
  public static ObjectNode socketNode(RemoteSocket socket) {
    ObjectNode n = NODES.objectNode();
    n.put("id", socket.id());
    n.set("handshake", handshakeNode(socket.handshake()));
    n.set("rooms", WireOptions.strings(socket.rooms()));
    n.set("data", dataNode(socket.dataValue()));
    return n;
  }

  /**
   * A socket's {@code data} (any value, as in Node) as JSON; values Jackson cannot write become
   * {@code null} rather than failing the whole answer (in a map: that entry's value).
   */
  public static JsonNode dataNode(Object value) {
    if (!(value instanceof Map<?, ?> data)) {
      try {
        JsonNode node = JsonValues.MAPPER.valueToTree(value);
        return node == null ? NODES.nullNode() : node;
      } catch (IllegalArgumentException notSerializable) {
        return NODES.nullNode();
      }
    }
    try {
      return JsonValues.MAPPER.valueToTree(data);
    } catch (IllegalArgumentException e) {
      ObjectNode out = NODES.objectNode();
      data.forEach(
          (k, v) -> {
            try {
              out.set(String.valueOf(k), JsonValues.MAPPER.valueToTree(v));
            } catch (IllegalArgumentException notSerializable) {
              out.putNull(String.valueOf(k));
            }
          });
      return out;
    }
  }

  /** The fetchSockets elements of {@code sockets}. */
  public static ArrayNode socketNodes(List<? extends RemoteSocket> sockets) {
    ArrayNode array = NODES.arrayNode();
    for (RemoteSocket s : sockets) {
      array.add(socketNode(s));
    }
    return array;
  }

  /** Node's {@code socket.handshake} object, keys in Node's order. */
  public static ObjectNode handshakeNode(Handshake h) {
    ObjectNode n = NODES.objectNode();
    ObjectNode headers = n.putObject("headers");
    h.headers().forEach(headers::put);
    n.put("time", h.time());
    n.put("address", h.address());
    n.put("xdomain", h.xdomain());
    n.put("secure", h.secure());
    n.put("issued", h.issued());
    n.put("url", h.url());
    ObjectNode query = n.putObject("query");
    h.query().forEach(query::put);
    n.set("auth", h.auth());
    return n;
  }

  /**
   * Reads a fetchSockets element sent by another node.
   *
   * @throws IllegalArgumentException when it has no id
   */
  public static SocketDetails socketDetails(JsonNode n) {
    if (n == null || !n.path("id").isTextual()) {
      throw new IllegalArgumentException("socket element has no id");
    }
    JsonNode h = n.path("handshake");
    Handshake handshake =
        new Handshake(
            textMap(h.get("headers")),
            h.path("time").asText(""),
            h.path("address").asText(""),
            h.path("xdomain").asBoolean(false),
            h.path("secure").asBoolean(false),
            h.path("issued").asLong(0),
            h.path("url").asText(""),
            textMap(h.get("query")),
            h.has("auth") && h.get("auth").isObject() ? h.get("auth") : NODES.objectNode());
    Set<String> rooms = new LinkedHashSet<>(WireOptions.stringList(n.get("rooms")));
    return new SocketDetails(n.get("id").textValue(), handshake, rooms, dataValue(n.get("data")));
  }

  /**
   * A socket's {@code data} as another node sent it, any JSON value as in Node: an object as a
   * {@code Map} (keys in order), a string, number, boolean, array as what Jackson reads them to; an
   * absent value as an empty map (Node's default {@code {}}), JSON {@code null} as null.
   */
  public static Object dataValue(JsonNode d) {
    if (d == null || d.isMissingNode()) {
      return new LinkedHashMap<String, Object>();
    }
    if (d.isNull()) {
      return null;
    }
    return JsonValues.MAPPER.convertValue(d, Object.class);
  }

  private static Map<String, String> textMap(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n != null && n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
        var e = it.next();
        JsonNode v = e.getValue();
        if (v.isArray()) { // Node keeps repeated headers such as set-cookie as arrays
          StringBuilder sb = new StringBuilder();
          for (JsonNode item : v) {
            sb.append(sb.length() == 0 ? "" : ", ").append(item.asText());
          }
          out.put(e.getKey(), sb.toString());
        } else {
          out.put(e.getKey(), v.asText());
        }
      }
    }
    return out;
  }

  /** The arguments of a server-side emit as a JSON array. */
  public static ArrayNode array(List<JsonNode> items) {
    ArrayNode a = NODES.arrayNode();
    items.forEach(a::add);
    return a;
  }

  /**
   * The local sockets followed by those the other servers answered a fetchSockets request with; an
   * element that is not a valid socket description is left out (logged at debug).
   */
  public static List<RemoteSocket> withRemoteSockets(
      Namespace nsp, List<RemoteSocket> local, List<JsonNode> remote) {
    List<RemoteSocket> all = new ArrayList<>(local);
    for (JsonNode n : remote) {
      try {
        all.add(RemoteSocket.remote(nsp, socketDetails(n)));
      } catch (IllegalArgumentException e) {
        LOG.debug("ignoring an invalid fetchSockets element: {}", e.getMessage());
      }
    }
    return all;
  }
}
