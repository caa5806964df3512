package dev.sio.cluster.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The broadcast options as they cross the cluster: {@code {rooms: [], except: [], flags: {}}}.
 * {@code rooms} is a union (empty: every socket), {@code except} removes sockets in any of its
 * rooms, {@code flags} is passed as received ({@code volatile}, {@code compress}, {@code timeout},
 * …).
 *
 * @param rooms target rooms, in order
 * @param except excluded rooms, in order
 * @param flags the flags object, never null
 */
public record WireOptions(List<String> rooms, List<String> except, ObjectNode flags) {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public WireOptions {
    rooms = List.copyOf(rooms);
    except = List.copyOf(except);
    flags = flags == null ? NODES.objectNode() : flags;
  }

  /** Options without flags. */
  public static WireOptions of(List<String> rooms, List<String> except) {
    return new WireOptions(rooms, except, NODES.objectNode());
  }

  /** {@code {rooms, except, flags}}: the adapters' order. */
  public ObjectNode toNode() {
    ObjectNode node = NODES.objectNode();
    node.set("rooms", strings(rooms));
    node.set("except", strings(except));
    node.set("flags", flags);
    return node;
  }

  /** {@code {rooms, except}}: the classic adapter's JSON requests, which carry no flags. */
  public ObjectNode toNodeWithoutFlags() {
    ObjectNode node = NODES.objectNode();
    node.set("rooms", strings(rooms));
    node.set("except", strings(except));
    return node;
  }

  /** {@code {rooms, flags, except}}: the order of {@code @socket.io/redis-emitter}. */
  public ObjectNode toEmitterNode() {
    ObjectNode node = NODES.objectNode();
    node.set("rooms", strings(rooms));
    node.set("flags", flags);
    node.set("except", strings(except));
    return node;
  }

  /**
   * Reads options in any key order; missing parts are empty.
   *
   * @throws IllegalArgumentException when {@code node} is not an object
   */
  public static WireOptions fromNode(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("broadcast options must be an object");
    }
    JsonNode flags = node.get("flags");
    return new WireOptions(
        stringList(node.get("rooms")),
        stringList(node.get("except")),
        flags != null && flags.isObject() ? (ObjectNode) flags : NODES.objectNode());
  }

  /** A JSON array of strings. */
  public static ArrayNode strings(Iterable<String> values) {
    ArrayNode array = NODES.arrayNode();
    for (String v : values) {
      array.add(v);
    }
    return array;
  }

  /** The elements of an array as strings (numbers in their text form); empty when absent. */
  public static List<String> stringList(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode v : array) {
        out.add(v.isTextual() ? v.textValue() : v.asText());
      }
    }
    return out;
  }
}
