package dev.sio.interop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;
import dev.sio.msgpack.MsgpackParser;
import dev.sio.server.AckTimeoutException;
import dev.sio.server.BroadcastOperator;
import dev.sio.server.ConnectError;
import dev.sio.server.Namespace;
import dev.sio.server.RecoveryOptions;
import dev.sio.server.RemoteSocket;
import dev.sio.server.ServerOptions;
import dev.sio.server.Socket;
import dev.sio.server.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Sio's {@link SocketIoServer} on 127.0.0.1 with the scenario handlers and commands of {@code
 * js/server/node-server.js}, written the way a user would: handlers with {@code socket.on}, a
 * packet middleware that reports each incoming event (Node's {@code onAny}), broadcasts through the
 * operator; standalone ({@code SocketIoServer.create(options).start()}) on 127.0.0.1:0.
 */
final class SioScenarioServer implements ScenarioServer {
  private final EventQueue events = new EventQueue("sio server");
  private final SocketIoServer io;

  private SioScenarioServer(ScenarioOptions options) {
    ServerOptions.Builder builder =
        ServerOptions.builder()
            .host("127.0.0.1")
            .port(0)
            .pingInterval(Duration.ofSeconds(2))
            .pingTimeout(Duration.ofSeconds(2))
            .connectTimeout(Duration.ofMillis(1500))
            .allowEIO3(true); // Socket.IO v2 clients beside v4 ones (V2ClientsIT)
    if (options.recovery()) {
      builder.connectionStateRecovery(
          new RecoveryOptions(Duration.ofMillis(options.recoveryMillis()), true));
    }
    if (options.msgpack()) {
      builder.parser(MsgpackParser.create());
    }
    io = SocketIoServer.create(builder.build());
    handlers();
    io.start();
  }

  static SioScenarioServer start(ScenarioOptions options) {
    return new SioScenarioServer(options);
  }

  private void handlers() {
    io.use(
        (socket, next) -> {
          JsonNode fail = socket.handshake().auth().get("fail");
          if (fail != null) {
            next.reject(new Exception(fail.asText()));
          } else {
            next.accept();
          }
        });
    io.of("/guarded")
        .use(
            (socket, next) -> {
              if ("secret".equals(socket.handshake().auth().path("token").asText(null))) {
                next.accept();
                return;
              }
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("reason", "no token");
              data.put("retry", false);
              next.reject(new ConnectError("unauthorized", data));
            });
    io.of("/slow")
        .use(
            (socket, next) ->
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)
                    .execute(
                        () -> {
                          if ("secret"
                              .equals(socket.handshake().auth().path("token").asText(null))) {
                            next.accept();
                          } else {
                            next.reject(new ConnectError("too slow", Map.of("late", true)));
                          }
                        }));
    for (String name : List.of("/", "/chat", "/guarded", "/slow")) {
      io.of(name).onConnection(this::onConnection);
    }
    io.of(Pattern.compile("^/dyn-\\d+$")).onConnection(this::onConnection);
  }

  private void onConnection(Socket socket) {
    String ns = socket.namespace().name();
    if (!socket.recovered()) {
      socket.data().put("since", socket.id());
    }
    ObjectNode connection = event("connection").put("ns", ns).put("id", socket.id());
    connection.set("auth", socket.handshake().auth());
    connection.put("token", socket.handshake().query().get("token"));
    connection.put("header", socket.handshake().header("x-sio-test"));
    connection.put("recovered", socket.recovered()).put("engine", socket.conn().id());
    connection.set("rooms", sortedRooms(socket));
    connection.set("data", NodeScript.JSON.valueToTree(socket.data()));
    events.add(connection);
    socket.onDisconnect(
        reason ->
            events.add(
                event("disconnect").put("ns", ns).put("id", socket.id()).put("reason", reason)));
    socket.use(
        (incoming, next) -> {
          ObjectNode received = event("received").put("ns", ns).put("id", socket.id());
          received.put("name", incoming.name());
          received.set("args", toJson(incoming.args()));
          received.put("ack", incoming.ack().requested());
          events.add(received);
          next.accept();
        });
    socket.on(
        "echo",
        (args, ack) -> {
          socket.emit("echo", fromJson(args));
          ack.send(fromJson(args));
        });
    socket.on(
        "join",
        (args, ack) -> {
          socket.join(args.get(0).asText());
          ack.send(sortedRooms(socket));
        });
    socket.on(
        "leave",
        (args, ack) -> {
          socket.leave(args.get(0).asText());
          ack.send(sortedRooms(socket));
        });
    socket.on(
        "broadcast",
        (args, ack) -> {
          socket.broadcast().emit(args.get(0).asText(), fromJson(args.subList(1, args.size())));
          ack.send();
        });
    socket.on(
        "toRoom",
        (args, ack) -> {
          socket
              .to(args.get(0).asText())
              .emit(args.get(1).asText(), fromJson(args.subList(2, args.size())));
          ack.send();
        });
    socket.on(
        "exceptRoom",
        (args, ack) -> {
          socket
              .except(args.get(0).asText())
              .emit(args.get(1).asText(), fromJson(args.subList(2, args.size())));
          ack.send();
        });
    socket.on(
        "burst",
        (args, ack) -> {
          for (int i = 0; i < args.get(1).asInt(); i++) {
            socket.emit(args.get(0).asText(), i);
          }
        });
    socket.on(
        "volatileBetween",
        (args, ack) -> {
          socket.emit("n", 1);
          socket.asVolatile().emit("v", 2);
          socket.emit("n", 3);
        });
    socket.on("transport", (args, ack) -> ack.send(socket.conn().transport()));
    socket.on(
        "disconnectMe",
        (args, ack) -> socket.disconnect(!args.isEmpty() && args.get(0).asBoolean()));
    socket.on("noAck", (args, ack) -> {});
  }

  @Override
  public void call(ObjectNode c) {
    String cmd = c.path("cmd").asText();
    Namespace nsp = io.of(c.path("ns").asText("/"));
    switch (cmd) {
      case "emit" -> {
        Object[] args = fromJson(list(c.path("args")));
        String event = c.path("event").asText();
        boolean isVolatile = c.path("volatile").asBoolean();
        if (c.has("socket")) {
          Socket socket = socket(nsp, c);
          if (isVolatile) {
            socket.asVolatile().emit(event, args);
          } else {
            socket.emit(event, args);
          }
        } else {
          BroadcastOperator op = operator(nsp, c);
          (isVolatile ? op.asVolatile() : op).emit(event, args);
        }
      }
      case "emitWithAck" -> {
        int id = c.path("id").asInt();
        Object[] args = fromJson(list(c.path("args")));
        String event = c.path("event").asText();
        Duration timeout = c.has("timeout") ? Duration.ofMillis(c.path("timeout").asLong()) : null;
        if (c.has("socket")) {
          Socket socket = socket(nsp, c);
          CompletableFuture<List<JsonNode>> answer =
              timeout != null
                  ? socket.timeout(timeout).emitWithAck(event, args)
                  : socket.emitWithAck(event, args);
          answer.whenComplete(
              (reply, error) -> {
                if (error != null) {
                  failed(id, error);
                } else {
                  ObjectNode ack = event("ack").put("id", id);
                  ack.set("args", toJson(reply));
                  events.add(ack);
                }
              });
        } else {
          operator(nsp, c)
              .timeout(timeout != null ? timeout : Duration.ofSeconds(10))
              .emitWithAck(event, args)
              .whenComplete(
                  (responses, error) -> {
                    if (error != null) {
                      failed(id, error);
                    } else {
                      List<JsonNode> sorted = new ArrayList<>();
                      for (JsonNode r : responses) {
                        sorted.add(toJson(r));
                      }
                      sorted.sort(Comparator.comparing(JsonNode::toString));
                      ObjectNode ack = event("ack").put("id", id);
                      ack.set("responses", NodeScript.JSON.valueToTree(sorted));
                      events.add(ack);
                    }
                  });
        }
      }
      case "disconnect" -> socket(nsp, c).disconnect(c.path("close").asBoolean());
      case "closeConn" -> socket(nsp, c).conn().close();
      case "socketsJoin" -> operator(nsp, c).socketsJoin(strings(c.path("rooms")));
      case "socketsLeave" -> operator(nsp, c).socketsLeave(strings(c.path("rooms")));
      case "disconnectSockets" -> operator(nsp, c).disconnectSockets(c.path("close").asBoolean());
      case "fetchSockets" -> {
        List<RemoteSocket> sockets = operator(nsp, c).fetchSockets().join();
        ArrayNode list = NodeScript.JSON.createArrayNode();
        sockets.stream()
            .sorted(Comparator.comparing(RemoteSocket::id))
            .forEach(
                r ->
                    list.addObject()
                        .put("id", r.id())
                        .set("rooms", Json.array(r.rooms().stream().sorted().toArray())));
        ObjectNode event = event("sockets").put("ns", nsp.name());
        event.set("sockets", list);
        events.add(event);
      }
      case "rooms" -> {
        Socket socket = nsp.sockets().get(c.path("socket").asText());
        ObjectNode rooms =
            event("rooms").put("ns", nsp.name()).put("id", c.path("socket").asText());
        rooms.set("rooms", socket == null ? null : sortedRooms(socket));
        events.add(rooms);
      }
      default -> throw new IllegalArgumentException("unknown command " + c);
    }
  }

  private void failed(int id, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    events.add(
        event("ack_error")
            .put("id", id)
            .put("timeout", cause instanceof AckTimeoutException)
            .put("message", String.valueOf(cause.getMessage())));
  }

  private static Socket socket(Namespace nsp, JsonNode c) {
    Socket socket = nsp.sockets().get(c.path("socket").asText());
    if (socket == null) {
      throw new AssertionError("no socket " + c.path("socket").asText() + " in " + nsp.name());
    }
    return socket;
  }

  private static BroadcastOperator operator(Namespace nsp, JsonNode c) {
    BroadcastOperator op = nsp.to(strings(c.path("to")));
    String[] except = strings(c.path("except"));
    return except.length > 0 ? op.except(except) : op;
  }

  private static String[] strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values.toArray(String[]::new);
  }

  private static ArrayNode sortedRooms(Socket socket) {
    return Json.array(socket.rooms().stream().sorted().toArray());
  }

  private static ObjectNode event(String name) {
    return NodeScript.JSON.createObjectNode().put("event", name);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> values = new ArrayList<>();
    array.forEach(values::add);
    return values;
  }

  /** Received arguments as JSON lines: binary as {@code {"$bin": base64}}. */
  static ArrayNode toJson(List<JsonNode> args) {
    ArrayNode array = NodeScript.JSON.createArrayNode();
    args.forEach(a -> array.add(toJson(a)));
    return array;
  }

  static JsonNode toJson(JsonNode value) {
    if (value == null) {
      return NodeScript.JSON.nullNode();
    }
    if (value.isBinary()) {
      try {
        return Json.bin(value.binaryValue());
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    if (value.isArray()) {
      ArrayNode array = NodeScript.JSON.createArrayNode();
      value.forEach(v -> array.add(toJson(v)));
      return array;
    }
    if (value.isObject()) {
      ObjectNode object = NodeScript.JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        object.set(field.getKey(), toJson(field.getValue()));
      }
      return object;
    }
    return value;
  }

  /** Arguments to emit as a user would: maps, lists, strings, numbers and {@code byte[]}. */
  static Object[] fromJson(List<JsonNode> args) {
    return args.stream().map(SioScenarioServer::value).toArray();
  }

  private static Object value(JsonNode node) {
    if (node.isBinary()) {
      try {
        return node.binaryValue();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    if (node.isObject()) {
      if (node.size() == 1 && node.path("$bin").isTextual()) {
        return Base64.getDecoder().decode(node.path("$bin").asText());
      }
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(f -> map.put(f.getKey(), value(f.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(v -> list.add(value(v)));
      return list;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    return null;
  }

  @Override
  public ServerKind kind() {
    return ServerKind.SIO;
  }

  @Override
  public int port() {
    return io.port();
  }

  @Override
  public JsonNode await(String event, Predicate<JsonNode> match, Duration timeout) {
    return events.await(
        "an event \"" + event + "\" that matches",
        e -> event.equals(e.path("event").asText()) && match.test(e),
        timeout);
  }

  @Override
  public List<JsonNode> pending() {
    return events.pending();
  }

  @Override
  public void close() {
    io.close();
  }

  @Override
  public String toString() {
    return "Sio on port " + port();
  }
}
