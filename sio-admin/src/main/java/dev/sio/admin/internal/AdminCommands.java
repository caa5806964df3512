package dev.sio.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.server.Ack;
import dev.sio.server.BroadcastOperator;
import dev.sio.server.Namespace;
import dev.sio.server.Socket;
import dev.sio.server.SocketIoServer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands of the UI ({@code registerFeatureHandlers} of {@code @socket.io/admin-ui}): {@code
 * emit}, {@code join}, {@code leave} and {@code _disconnect}, each on a namespace and optionally a
 * room filter. A malformed command (a missing or mistyped argument, an unknown namespace, a
 * reserved event name) changes nothing; it is logged, and answered with {@code {error}} when the
 * sender asked for an acknowledgement. Unlike Node, a command never creates a namespace.
 */
public final class AdminCommands {
  private static final Logger LOG = LoggerFactory.getLogger(AdminCommands.class);

  private final SocketIoServer io;

  /** Commands acting on {@code io}. */
  public AdminCommands(SocketIoServer io) {
    this.io = io;
  }

  /** Registers the command handlers on an admin socket. */
  public void register(Socket socket) {
    socket.on(AdminProtocol.CMD_EMIT, (args, ack) -> run(socket, "emit", args, ack, this::emit));
    socket.on(AdminProtocol.CMD_JOIN, (args, ack) -> run(socket, "join", args, ack, this::join));
    socket.on(AdminProtocol.CMD_LEAVE, (args, ack) -> run(socket, "leave", args, ack, this::leave));
    socket.on(
        AdminProtocol.CMD_DISCONNECT,
        (args, ack) -> run(socket, "_disconnect", args, ack, this::disconnect));
  }

  /** Refuses every command (read-only mode): nothing changes, the sender is told when it asks. */
  public static void refuseAll(Socket socket) {
    for (String command :
        List.of(
            AdminProtocol.CMD_EMIT,
            AdminProtocol.CMD_JOIN,
            AdminProtocol.CMD_LEAVE,
            AdminProtocol.CMD_DISCONNECT)) {
      socket.on(
          command,
          (args, ack) -> {
            LOG.debug("admin socket {}: {} refused, read-only", socket.id(), command);
            if (ack.requested()) {
              ack.send(java.util.Map.of("error", "read-only"));
            }
          });
    }
  }

  @FunctionalInterface
  private interface Command {
    void apply(List<JsonNode> args);
  }

  private static void run(Socket socket, String name, List<JsonNode> args, Ack ack, Command c) {
    try {
      c.apply(args);
      if (ack.requested()) {
        ack.send();
      }
    } catch (IllegalArgumentException e) {
      LOG.debug("admin socket {}: {} refused: {}", socket.id(), name, e.getMessage());
      if (ack.requested()) {
        ack.send(java.util.Map.of("error", e.getMessage()));
      }
    }
  }

  /** {@code (nsp, filter, event, ...args)}. */
  private void emit(List<JsonNode> args) {
    BroadcastOperator target = target(args, 0, 1);
    String event = text(args, 2, "event");
    Object[] rest = args.subList(3, args.size()).toArray();
    target.emit(event, rest); // a reserved name throws IllegalArgumentException
  }

  /** {@code (nsp, room, filter)}. */
  private void join(List<JsonNode> args) {
    BroadcastOperator target = target(args, 0, 2);
    target.socketsJoin(text(args, 1, "room"));
  }

  /** {@code (nsp, room, filter)}. */
  private void leave(List<JsonNode> args) {
    BroadcastOperator target = target(args, 0, 2);
    target.socketsLeave(text(args, 1, "room"));
  }

  /** {@code (nsp, close, filter)}. */
  private void disconnect(List<JsonNode> args) {
    BroadcastOperator target = target(args, 0, 2);
    JsonNode close = args.size() > 1 ? args.get(1) : null;
    if (close != null && !close.isBoolean() && !close.isNull()) {
      throw new IllegalArgumentException("close must be a boolean");
    }
    target.disconnectSockets(close != null && close.asBoolean());
  }

  /** The namespace at {@code nspIndex} (must exist) narrowed to the room filter, when given. */
  private BroadcastOperator target(List<JsonNode> args, int nspIndex, int filterIndex) {
    String name = text(args, nspIndex, "namespace");
    if (!io.namespaceNames().contains(name)) {
      throw new IllegalArgumentException("unknown namespace \"" + name + "\"");
    }
    Namespace nsp = io.of(name);
    JsonNode filter = args.size() > filterIndex ? args.get(filterIndex) : null;
    if (filter == null || filter.isNull() || (filter.isTextual() && filter.asText().isEmpty())) {
      return nsp.in(new String[0]);
    }
    if (!filter.isTextual()) {
      throw new IllegalArgumentException("the room filter must be a string");
    }
    return nsp.in(filter.asText());
  }

  private static String text(List<JsonNode> args, int index, String what) {
    JsonNode value = args.size() > index ? args.get(index) : null;
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException(what + " must be a non-empty string");
    }
    return value.asText();
  }
}
