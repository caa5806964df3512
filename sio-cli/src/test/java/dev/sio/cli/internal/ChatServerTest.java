package dev.sio.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The chat's events between two Sio clients through a demo server on 127.0.0.1. */
@Timeout(60)
class ChatServerTest {
  private DemoServer demo;
  private final List<User> users = new ArrayList<>();

  @BeforeEach
  void start() {
    demo = DemoServer.start("127.0.0.1", 0, null);
  }

  @AfterEach
  void stop() {
    users.forEach(User::close);
    demo.close();
  }

  @Test
  void joinAnswersWithTheRoomAndItsMembersAndTellsTheOthers() throws Exception {
    User ann = connect();
    JsonNode joined = ann.join("lobby", "ann");
    assertThat(joined.toString())
        .isEqualTo("{\"room\":\"lobby\",\"nickname\":\"ann\",\"members\":[\"ann\"]}");

    User bob = connect();
    assertThat(bob.join("lobby", "bob").get("members").toString()).isEqualTo("[\"ann\",\"bob\"]");
    assertThat(ann.next("system")).isEqualTo("[\"bob joined\"]");
    assertThat(ann.next("members")).isEqualTo("[[\"ann\",\"bob\"]]");
  }

  @Test
  void blankNamesGetDefaults() throws Exception {
    User guest = connect();
    JsonNode joined = guest.join("  ", "");
    assertThat(joined.get("room").asText()).isEqualTo("lobby");
    assertThat(joined.get("nickname").asText()).startsWith("guest-").hasSize(10);
  }

  @Test
  void messagesGoToTheOthersInTheRoomAndTheAckToTheSender() throws Exception {
    User ann = connect();
    User bob = connect();
    User eve = connect();
    ann.join("lobby", "ann");
    bob.join("lobby", "bob");
    eve.join("elsewhere", "eve");
    assertThat(ann.next("system")).isEqualTo("[\"bob joined\"]");
    assertThat(ann.next("members")).isEqualTo("[[\"ann\",\"bob\"]]");

    JsonNode stored = ann.ack("message", "  hi bob  ").get(0);
    assertThat(stored.get("from").asText()).isEqualTo("ann");
    assertThat(stored.get("text").asText()).isEqualTo("hi bob");
    assertThat(bob.next("message")).isEqualTo("[" + stored + "]");

    bob.socket.emit("typing", true);
    assertThat(ann.next("typing")).isEqualTo("[{\"from\":\"bob\",\"typing\":true}]");

    assertThat(eve.events).isEmpty(); // another room hears nothing
    assertThat(ann.events).isEmpty(); // the sender gets no copy of its own message
  }

  @Test
  void imagesTravelAsBinary() throws Exception {
    User ann = connect();
    User bob = connect();
    ann.join("lobby", "ann");
    bob.join("lobby", "bob");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};

    JsonNode meta = ann.ack("image", "image/png", png).get(0);
    assertThat(meta.get("mime").asText()).isEqualTo("image/png");

    List<JsonNode> received = bob.nextArgs("image");
    assertThat(received.get(0)).isEqualTo(meta);
    assertThat(received.get(1).isBinary()).isTrue();
    assertThat(received.get(1).binaryValue()).isEqualTo(png);
  }

  @Test
  void renamingAndLeavingAreAnnounced() throws Exception {
    User ann = connect();
    User bob = connect();
    ann.join("lobby", "ann");
    bob.join("lobby", "bob");
    ann.next("system"); // bob joined
    ann.next("members");

    bob.socket.emit("nickname", "robert");
    assertThat(ann.next("system")).isEqualTo("[\"bob is now robert\"]");
    assertThat(ann.next("members")).isEqualTo("[[\"ann\",\"robert\"]]");

    bob.join("kitchen", "robert");
    assertThat(ann.next("system")).isEqualTo("[\"robert left\"]");
    assertThat(ann.next("members")).isEqualTo("[[\"ann\"]]");

    bob.close();
    users.remove(bob);
    assertThat(ann.events).isEmpty(); // robert was no longer in the lobby
  }

  @Test
  void twoDemoServersShareRoomsThroughRedis() throws Exception {
    String room = "redis-" + UUID.randomUUID();
    try (DemoServer one = DemoServer.start("127.0.0.1", 0, URI.create("redis://127.0.0.1:6379"));
        DemoServer two = DemoServer.start("127.0.0.1", 0, URI.create("redis://127.0.0.1:6379"))) {
      User ann = connect(one.port());
      User bob = connect(two.port());
      ann.join(room, "ann");
      assertThat(bob.join(room, "bob").get("members").toString())
          .isEqualTo("[\"ann\",\"bob\"]"); // fetchSockets across both servers
      assertThat(ann.next("system")).isEqualTo("[\"bob joined\"]");
      assertThat(ann.next("members")).isEqualTo("[[\"ann\",\"bob\"]]");

      JsonNode stored = bob.ack("message", "across servers").get(0);
      assertThat(ann.next("message")).isEqualTo("[" + stored + "]");
      ann.close();
      bob.close();
      users.clear();
    }
  }

  private User connect() throws Exception {
    return connect(demo.port());
  }

  private User connect(int port) throws Exception {
    User user = new User(port);
    users.add(user);
    user.awaitConnected();
    return user;
  }

  private record Event(String name, List<JsonNode> args) {}

  /** One chat client recording every event it receives, in order. */
  private static final class User {
    final Socket socket;
    // Written by the client's event thread, read by the test thread.
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final BlockingQueue<Boolean> connected = new LinkedBlockingQueue<>();

    User(int port) {
      socket =
          SocketIoClient.connect(
              URI.create("http://127.0.0.1:" + port),
              ClientOptions.builder().build(),
              s -> {
                s.onConnect(() -> connected.add(true));
                s.onAny((event, values) -> events.add(new Event(event, values)));
              });
    }

    void awaitConnected() throws InterruptedException {
      assertThat(connected.poll(10, TimeUnit.SECONDS)).as("connected").isTrue();
    }

    JsonNode join(String room, String nickname) throws Exception {
      return ack("join", Map.of("room", room, "nickname", nickname)).get(0);
    }

    List<JsonNode> ack(String event, Object... values) throws Exception {
      return socket.emitWithAck(event, values).get(10, TimeUnit.SECONDS);
    }

    /** The next event's arguments as JSON, checking its name. */
    String next(String event) throws InterruptedException {
      return nextArgs(event).toString();
    }

    List<JsonNode> nextArgs(String event) throws InterruptedException {
      Event next = events.poll(10, TimeUnit.SECONDS);
      assertThat(next).as("the next event").isNotNull();
      assertThat(next.name()).isEqualTo(event);
      return next.args();
    }

    void close() {
      socket.disconnect();
      socket.io().close();
    }
  }
}
