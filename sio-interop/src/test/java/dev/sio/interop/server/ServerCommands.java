package dev.sio.interop.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;

/** The commands a {@link ScenarioServer} runs (see {@code js/server/node-server.js}). */
final class ServerCommands {
  private ServerCommands() {}

  /** A broadcast of {@code event} to the whole namespace {@code "/"}; add "to"/"except". */
  static ObjectNode broadcast(String event, Object... args) {
    ObjectNode c = NodeScript.command("emit").put("ns", "/").put("event", event);
    c.set("args", Json.array(args));
    return c;
  }

  /** {@code broadcast} to {@code rooms} of {@code "/"}. */
  static ObjectNode to(String[] rooms, String event, Object... args) {
    ObjectNode c = broadcast(event, args);
    c.set("to", Json.array((Object[]) rooms));
    return c;
  }

  /** {@code socket.emit(event, ...args)} on socket {@code id} of {@code "/"}. */
  static ObjectNode emitTo(String id, String event, Object... args) {
    return broadcast(event, args).put("socket", id);
  }

  /**
   * {@code socket.timeout(ms).emit(event, ...args, callback)}: answers {@code ack}/{@code
   * ack_error}.
   */
  static ObjectNode emitWithAck(
      int ackId, String id, Integer timeoutMs, String event, Object... args) {
    ObjectNode c =
        NodeScript.command("emitWithAck").put("id", ackId).put("ns", "/").put("event", event);
    if (id != null) {
      c.put("socket", id);
    }
    if (timeoutMs != null) {
      c.put("timeout", timeoutMs);
    }
    c.set("args", Json.array(args));
    return c;
  }

  /** {@code socket.disconnect(close)}. */
  static ObjectNode disconnect(String ns, String id, boolean close) {
    return NodeScript.command("disconnect").put("ns", ns).put("socket", id).put("close", close);
  }

  /** {@code socket.conn.close()}. */
  static ObjectNode closeConn(String ns, String id) {
    return NodeScript.command("closeConn").put("ns", ns).put("socket", id);
  }

  /** Prints {@code rooms {ns,id,rooms}}. */
  static ObjectNode rooms(String ns, String id) {
    return NodeScript.command("rooms").put("ns", ns).put("socket", id);
  }

  /** {@code io.in(to).socketsJoin(rooms)} ({@code to} empty: every socket). */
  static ObjectNode socketsJoin(String[] to, String... rooms) {
    return roomCommand("socketsJoin", to, rooms);
  }

  /** {@code io.in(to).socketsLeave(rooms)}. */
  static ObjectNode socketsLeave(String[] to, String... rooms) {
    return roomCommand("socketsLeave", to, rooms);
  }

  /** {@code io.in(to).disconnectSockets(close)}. */
  static ObjectNode disconnectSockets(String[] to, boolean close) {
    ObjectNode c = NodeScript.command("disconnectSockets").put("ns", "/").put("close", close);
    c.set("to", Json.array((Object[]) to));
    return c;
  }

  /** {@code io.in(to).fetchSockets()}: prints {@code sockets {ns,sockets:[{id,rooms}]}}. */
  static ObjectNode fetchSockets(String... to) {
    ObjectNode c = NodeScript.command("fetchSockets").put("ns", "/");
    c.set("to", Json.array((Object[]) to));
    return c;
  }

  private static ObjectNode roomCommand(String cmd, String[] to, String[] rooms) {
    ObjectNode c = NodeScript.command(cmd).put("ns", "/");
    c.set("to", Json.array((Object[]) to));
    c.set("rooms", Json.array((Object[]) rooms));
    return c;
  }
}
