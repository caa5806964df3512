package dev.sio.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.internal.MsgpackValues;
import dev.sio.cluster.internal.WireOptions;
import java.util.Base64;
import java.util.List;

/**
 * The streams adapter's stored session: {@code SET <prefix><pid> base64(msgpack({sid, pid, rooms,
 * data})) PX <ms>}.
 */
public final class SessionCodec {
  private SessionCodec() {}

  /** A persisted session. */
  public record Session(String sid, String pid, List<String> rooms, JsonNode data) {
    public Session {
      rooms = List.copyOf(rooms);
    }
  }

  /** The stored value. */
  public static String encode(Session session) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("sid", session.sid());
    n.put("pid", session.pid());
    n.set("rooms", WireOptions.strings(session.rooms()));
    n.set("data", session.data() == null ? JsonNodeFactory.instance.nullNode() : session.data());
    return Base64.getEncoder().encodeToString(MsgpackValues.encode(n));
  }

  /**
   * Reads a stored value.
   *
   * @throws IllegalArgumentException when it is not a session
   */
  public static Session decode(String value) {
    JsonNode n = MsgpackValues.decode(Base64.getDecoder().decode(value));
    if (!n.isObject() || !n.path("sid").isTextual() || !n.path("pid").isTextual()) {
      throw new IllegalArgumentException("stored session lacks sid or pid");
    }
    return new Session(
        n.get("sid").textValue(),
        n.get("pid").textValue(),
        WireOptions.stringList(n.get("rooms")),
        n.get("data"));
  }
}
