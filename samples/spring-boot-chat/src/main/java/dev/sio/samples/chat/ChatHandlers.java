package dev.sio.samples.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.server.Ack;
import dev.sio.server.ConnectionMiddleware;
import dev.sio.server.Namespace;
import dev.sio.server.RemoteSocket;
import dev.sio.server.Socket;
import dev.sio.spring.boot.SioConnectionHandler;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chat's events, as beans (the page is {@code static/chat.js}).
 *
 * <p>A handler reaches the server through {@code socket.namespace()}: a handler bean that took the
 * {@code SocketIoServer} bean would depend on itself (the server is made with its handlers).
 *
 * <p>Client to server: {@code join} {room, nickname} (ack: {room, nickname, members}), {@code
 * nickname} name, {@code message} text (ack: the message), {@code typing} boolean, {@code image}
 * mime, bytes (ack: the image's details). Server to client: {@code message} {from, text, time},
 * {@code image} {from, mime, time} plus the bytes as a binary attachment, {@code typing} {from,
 * typing}, {@code members} [nicknames], {@code system} text.
 */
@Configuration(proxyBeanMethods = false)
class ChatHandlers {
  static final int MAX_NAME = 32;
  static final int MAX_TEXT = 2000;
  static final int MAX_IMAGE = 4_000_000;
  private static final String NICKNAME = "nickname";
  private static final String ROOM = "room";

  record JoinRequest(String room, String nickname) {}

  record Joined(String room, String nickname, List<String> members) {}

  record Message(String from, String text, long time) {}

  record Image(String from, String mime, long time) {}

  record Typing(String from, boolean typing) {}

  /** Every socket gets a guest nickname before any handler runs. */
  @Bean
  ConnectionMiddleware guestNames() {
    return (socket, next) -> {
      socket.data().put(NICKNAME, "guest-" + socket.id().substring(0, 4).toLowerCase(Locale.ROOT));
      next.accept();
    };
  }

  /** Joining a room, and leaving it when the socket goes. */
  @Bean
  SioConnectionHandler rooms() {
    return socket -> {
      Namespace io = socket.namespace();
      socket.on("join", JoinRequest.class, (request, ack) -> join(io, socket, request, ack));
      socket.on("nickname", (args, ack) -> rename(io, socket, text(args)));
      socket.onDisconnect(
          reason -> {
            String room = room(socket);
            if (room != null) {
              io.to(room).emit("system", nickname(socket) + " left");
              sendMembers(io, room);
            }
          });
    };
  }

  /** Messages, typing and images, to the socket's room. */
  @Bean
  SioConnectionHandler messages() {
    return socket -> {
      socket.on("message", (args, ack) -> message(socket, text(args), ack));
      socket.on(
          "typing",
          (args, ack) -> {
            String room = room(socket);
            if (room != null) {
              boolean typing = !args.isEmpty() && args.get(0).asBoolean();
              socket.to(room).emit("typing", new Typing(nickname(socket), typing));
            }
          });
      socket.on("image", (args, ack) -> image(socket, args, ack));
    };
  }

  private static void join(Namespace io, Socket socket, JoinRequest request, Ack ack) {
    String room = name(request == null ? null : request.room(), "lobby");
    String nickname = name(request == null ? null : request.nickname(), nickname(socket));
    String previous = room(socket);
    if (previous != null && !previous.equals(room)) {
      socket.leave(previous);
      io.to(previous).emit("system", nickname(socket) + " left");
      sendMembers(io, previous);
    }
    socket.data().put(NICKNAME, nickname);
    socket.data().put(ROOM, room);
    socket.join(room);
    socket.to(room).emit("system", nickname + " joined");
    members(io, room)
        .thenAccept(
            members -> {
              ack.send(new Joined(room, nickname, members));
              socket.to(room).emit("members", members);
            });
  }

  private static void rename(Namespace io, Socket socket, String requested) {
    String room = room(socket);
    String old = nickname(socket);
    String nickname = name(requested, old);
    if (room != null && !nickname.equals(old)) {
      socket.data().put(NICKNAME, nickname);
      io.to(room).emit("system", old + " is now " + nickname);
      sendMembers(io, room);
    }
  }

  private static void message(Socket socket, String text, Ack ack) {
    String room = room(socket);
    String trimmed = text == null ? "" : text.strip();
    if (room == null || trimmed.isEmpty()) {
      return;
    }
    if (trimmed.length() > MAX_TEXT) {
      trimmed = trimmed.substring(0, MAX_TEXT);
    }
    Message message = new Message(nickname(socket), trimmed, System.currentTimeMillis());
    socket.to(room).emit("message", message);
    ack.send(message);
  }

  private static void image(Socket socket, List<JsonNode> args, Ack ack) throws Exception {
    String room = room(socket);
    String mime = text(args);
    if (room == null
        || mime == null
        || !mime.startsWith("image/")
        || args.size() < 2
        || !args.get(1).isBinary()) {
      return;
    }
    byte[] bytes = args.get(1).binaryValue();
    if (bytes.length == 0 || bytes.length > MAX_IMAGE) {
      return;
    }
    Image image = new Image(nickname(socket), mime, System.currentTimeMillis());
    socket.to(room).emit("image", image, bytes);
    ack.send(image);
  }

  private static void sendMembers(Namespace io, String room) {
    members(io, room).thenAccept(members -> io.to(room).emit("members", members));
  }

  /** The nicknames in {@code room}, sorted. */
  private static CompletableFuture<List<String>> members(Namespace io, String room) {
    return io.in(room)
        .fetchSockets()
        .thenApply(
            sockets ->
                sockets.stream()
                    .map(RemoteSocket::data)
                    .map(data -> data.get(NICKNAME))
                    .filter(Objects::nonNull)
                    .map(Object::toString)
                    .sorted()
                    .toList());
  }

  private static String room(Socket socket) {
    Object room = socket.data().get(ROOM);
    return room == null ? null : room.toString();
  }

  private static String nickname(Socket socket) {
    Object nickname = socket.data().get(NICKNAME);
    return nickname == null ? "guest" : nickname.toString();
  }

  /** A trimmed, shortened name, or {@code fallback} when blank. */
  static String name(String value, String fallback) {
    String name = value == null ? "" : value.strip();
    if (name.isEmpty()) {
      return fallback;
    }
    return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
  }

  private static String text(List<JsonNode> args) {
    return !args.isEmpty() && args.get(0).isTextual() ? args.get(0).asText() : null;
  }
}
