package dev.sio.client;

import static dev.sio.client.ClientFixtures.connected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rooms and broadcasts reaching Sio clients, with binary. */
@Timeout(60)
class BroadcastTest {
  private SioServer server;

  @BeforeEach
  void start() {
    server = SioServer.start();
    server.io.onConnection(
        s -> {
          s.on(
              "join",
              String.class,
              (room, ack) -> {
                s.join(room);
                ack.send();
              });
          s.on(
              "say",
              (args, ack) ->
                  s.to(args.get(0).asText()).emit("said", args.subList(1, args.size()).toArray()));
        });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aRoomBroadcastReachesEveryMemberButTheSender() throws Exception {
    List<String> got = new CopyOnWriteArrayList<>();
    Socket alice =
        connected(server.uri("/"), ClientOptions.builder().transports("websocket").build());
    Socket bob = connected(server.uri("/"), ClientOptions.builder().transports("polling").build());
    Socket carol = connected(server.uri("/"), ClientOptions.DEFAULTS);
    CompletableFuture<Void> bobGot = new CompletableFuture<>();
    alice.on("said", (args, ack) -> got.add("alice"));
    bob.on(
        "said",
        (args, ack) -> {
          try {
            got.add("bob:" + args.get(0).asText() + ":" + args.get(1).binaryValue().length);
          } catch (java.io.IOException e) {
            throw new AssertionError(e);
          }
          bobGot.complete(null);
        });
    carol.on("said", (args, ack) -> got.add("carol"));
    alice.emitWithAck("join", "lobby").get(10, TimeUnit.SECONDS);
    bob.emitWithAck("join", "lobby").get(10, TimeUnit.SECONDS);
    alice.emit("say", "lobby", "hello", new byte[1000]);
    bobGot.get(10, TimeUnit.SECONDS);
    Thread.sleep(200);
    assertThat(got).containsExactly("bob:hello:1000");
    alice.disconnect();
    bob.disconnect();
    carol.disconnect();
  }

  @Test
  void serverWideEmitsReachEveryNamespaceMember() throws Exception {
    Socket one = connected(server.uri("/"), ClientOptions.DEFAULTS);
    Socket two = connected(server.uri("/"), ClientOptions.DEFAULTS);
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<String> second = new CompletableFuture<>();
    one.on("news", String.class, first::complete);
    two.on("news", String.class, second::complete);
    server.io.emit("news", "extra");
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("extra");
    assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("extra");
    one.disconnect();
    two.disconnect();
  }
}
