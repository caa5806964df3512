package dev.sio.admin.internal;

import dev.sio.server.Handshake;
import dev.sio.server.RemoteSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** A socket as the UI sees it: {@code serialize()} of {@code @socket.io/admin-ui}. */
public final class SocketSerializer {
  private SocketSerializer() {}

  /**
   * {@code {id, clientId, transport, nsp, data, handshake, rooms}}; {@code clientId} and {@code
   * transport} come from {@code data._admin}, so remote sockets (cluster) carry them too.
   */
  public static Map<String, Object> serialize(RemoteSocket socket, String nsp) {
    Object data = socket.dataValue();
    Object admin = data instanceof Map<?, ?> map ? map.get(AdminProtocol.ADMIN_DATA) : null;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", socket.id());
    if (admin instanceof Map<?, ?> fields) {
      putIfPresent(out, "clientId", fields.get("clientId"));
      putIfPresent(out, "transport", fields.get("transport"));
    }
    out.put("nsp", nsp);
    out.put("data", serializeData(data));
    Handshake h = socket.handshake();
    String address = h.header("cf-connecting-ip");
    if (address == null) {
      address = h.header("x-forwarded-for");
    }
    if (address == null) {
      address = h.address();
    }
    Map<String, Object> handshake = new LinkedHashMap<>();
    handshake.put("address", address);
    handshake.put("headers", h.headers());
    handshake.put("query", h.query());
    handshake.put("issued", h.issued());
    handshake.put("secure", h.secure());
    handshake.put("time", h.time());
    handshake.put("url", h.url());
    handshake.put("xdomain", h.xdomain());
    out.put("handshake", handshake);
    out.put("rooms", new ArrayList<>(socket.rooms()));
    return out;
  }

  /**
   * The socket's data without the admin's own fields ({@code serializeData}): a map is copied
   * without {@code _admin}; any other value is shown as it is (Node spreads it into an object: a
   * string into its characters, {@code null} throws).
   */
  public static Object serializeData(Object data) {
    if (!(data instanceof Map<?, ?> map)) {
      return data;
    }
    Map<Object, Object> copy = new LinkedHashMap<>(map);
    copy.remove(AdminProtocol.ADMIN_DATA);
    return copy;
  }

  private static void putIfPresent(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }
}
