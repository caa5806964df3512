package dev.sio.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.server.Ack;
import dev.sio.server.RemoteSocket;
import dev.sio.server.Socket;
import dev.sio.server.SocketIoServer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The events of the chat demo on the main namespace; the page is {@code /dev/sio/cli/demo/chat.js}.
 *
 * <p>Client to server: {@code join} {room, nickname} (ack: {room, nickname, members}), {@code
 * nickname} name, {@code message} text (ack: the message), {@code typing} boolean, {@code image}
 * mime, bytes (ack: the image's details). Server to client: {@code message} {from, text, time},
 * {@code image} {from, mime, time} plus the bytes as a binary attachment, {@code typing} {from,
 * typing}, {@code members} [nicknames], {@code system} text.
 *
 * <p>A socket's nickname and room live in {@link Socket#data()}, so that {@code fetchSockets} also
 * lists the members connected to other servers when the demo runs on Redis.
 */
public final class ChatServer {
  static final int MAX_NAME = 32;
  static final int MAX_TEXT = 2000;

  /** The largest image accepted, in bytes (below the server's maxHttpBufferSize). */
  public static final int MAX_IMAGE = 4_000_000;

  private static final String NICKNAME = "nickname";
  private static final String ROOM = "room";

  private final SocketIoServer io;

  /** What {@code join} carries. */
  record JoinRequest(String room, String nickname) {}

  /** A chat message as it is sent to the room. */
  record Message(String from, String text, long time) {}

  /** The details of an image; its bytes travel beside them. */
  record Image(String from, String mime, long time) {}

  /** A change of someone's typing state. */
  record Typing(String from, boolean typing) {}

  /** A reply to {@code join}. */
  record Joined(String room, String nickname, List<String> members) {}

  private ChatServer(SocketIoServer io) {
    this.io = io;
  }

  /** Serves the chat on the main namespace of {@code io}. */
  public static void attach(SocketIoServer io) {
    ChatServer chat = new ChatServer(io);
    io.onConnection(chat::onConnection);
  }

  private void onConnection(Socket socket) {
    socket.on("join", JoinRequest.class, (request, ack) -> join(socket, request, ack));
    socket.on("nickname", (args, ack) -> rename(socket, text(args, 0)));
    socket.on("message", (args, ack) -> message(socket, text(args, 0), ack));
    socket.on("typing", (args, ack) -> typing(socket, !args.isEmpty() && args.get(0).asBoolean()));
    socket.on("image", (args, ack) -> image(socket, args, ack));
    socket.onDisconnect(reason -> left(socket));
  }

  private void join(Socket socket, JoinRequest request, Ack ack) {
    String room = name(request == null ? null : request.room(), "lobby");
    String nickname =
        name(
            request == null ? null : request.nickname(),
            "guest-" + socket.id().substring(0, 4).toLowerCase(Locale.ROOT));
    String previous = room(socket);
    if (previous != null && !previous.equals(room)) {
      socket.leave(previous);
      io.to(previous).emit("system", nickname(socket) + " left");
      sendMembers(previous);
    }
    socket.data().put(NICKNAME, nickname);
    socket.data().put(ROOM, room);
    socket.join(room);
    socket.to(room).emit("system", nickname + " joined");
    members(room)
        .thenAccept(
            members -> {
              ack.send(new Joined(room, nickname, members));
              socket.to(room).emit("members", members);
            });
  }

  private void rename(Socket socket, String requested) {
    String room = room(socket);
    String old = nickname(socket);
    String nickname = name(requested, old);
    if (room == null || nickname.equals(old)) {
      return;
    }
    socket.data().put(NICKNAME, nickname);
    io.to(room).emit("system", old + " is now " + nickname);
    sendMembers(room);
  }

  private void message(Socket socket, String text, Ack ack) {
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

  private void typing(Socket socket, boolean typing) {
    String room = room(socket);
    if (room != null) {
      socket.to(room).emit("typing", new Typing(nickname(socket), typing));
    }
  }

  private void image(Socket socket, List<JsonNode> args, Ack ack) throws Exception {
    String room = room(socket);
    String mime = text(args, 0);
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

  private void left(Socket socket) {
    String room = room(socket);
    if (room != null) {
      io.to(room).emit("system", nickname(socket) + " left");
      sendMembers(room);
    }
  }

  private void sendMembers(String room) {
    members(room).thenAccept(members -> io.to(room).emit("members", members));
  }

  /** The nicknames in {@code room}, on every server, sorted. */
  private java.util.concurrent.CompletableFuture<List<String>> members(String room) {
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

  private static String text(List<JsonNode> args, int index) {
    return args.size() > index && args.get(index).isTextual() ? args.get(index).asText() : null;
  }
}
