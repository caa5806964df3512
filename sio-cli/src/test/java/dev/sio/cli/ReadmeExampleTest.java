package dev.sio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server and client example of README.md, kept compiling and working (on port 0). */
@Timeout(30)
class ReadmeExampleTest {
  record ChatMessage(String room, String text) {}

  @Test
  void theReadmeExampleWorks() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    // --- README: server
    var io = SocketIoServer.create(ServerOptions.builder().host("127.0.0.1").port(0).build());
    io.onConnection(
        socket -> {
          socket.join("lobby");
          socket.on(
              "message",
              ChatMessage.class,
              (msg, ack) -> {
                socket.to(msg.room()).emit("message", msg); // everyone in the room but the sender
                ack.send("stored");
              });
          socket.onDisconnect(reason -> seen.add(socket.id() + " left: " + reason));
        });
    io.start();

    try {
      String url = "http://127.0.0.1:" + io.port();
      BlockingQueue<Boolean> ready = new LinkedBlockingQueue<>();
      Socket listener =
          SocketIoClient.connect(
              URI.create(url),
              ClientOptions.DEFAULTS,
              s -> {
                s.on("message", ChatMessage.class, msg -> seen.add("got " + msg.text()));
                s.onConnect(() -> ready.add(true));
              });
      assertThat(ready.poll(10, TimeUnit.SECONDS)).isTrue();

      // --- README: client
      var client =
          SocketIoClient.connect(
              URI.create(url),
              ClientOptions.builder().auth(Map.of("token", "abc")).build(),
              s -> { // listeners added here see every event, the first connect included
                s.onConnect(() -> s.emit("message", new ChatMessage("lobby", "hi")));
                s.on("message", ChatMessage.class, msg -> System.out.println(msg.text()));
              });
      String reply =
          client
              .timeout(Duration.ofSeconds(2))
              .emitWithAck("message", String.class, new ChatMessage("lobby", "ack me"))
              .get(10, TimeUnit.SECONDS);

      assertThat(reply).isEqualTo("stored");
      assertThat(List.of(seen.poll(10, TimeUnit.SECONDS), seen.poll(10, TimeUnit.SECONDS)))
          .containsExactlyInAnyOrder("got hi", "got ack me");
      client.disconnect();
      assertThat(seen.poll(10, TimeUnit.SECONDS)).endsWith(" left: client namespace disconnect");
      listener.disconnect();
      client.io().close();
      listener.io().close();
    } finally {
      io.close();
    }
  }
}
