package dev.sio.client;

import static dev.sio.client.ClientFixtures.connected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One process that is both a Sio server (B) and a Sio client of another server (A), relaying events
 * both ways: B's clients talk to A's clients through it.
 */
@Timeout(60)
class RelayTest {
  record Chat(String from, String text) {}

  private SioServer upstream; // A
  private SioServer relay; // B
  private Socket relayClient; // B's client of A

  @BeforeEach
  void start() throws Exception {
    upstream = SioServer.start();
    upstream.io.onConnection(
        s ->
            s.on(
                "chat",
                Chat.class,
                (chat, ack) -> {
                  s.broadcast().emit("chat", chat);
                  ack.send("stored by A");
                }));
    relay = SioServer.start();
    relayClient = connected(upstream.uri("/"), ClientOptions.DEFAULTS);
    // A -> B: what A broadcasts reaches every client of B
    relayClient.on("chat", Chat.class, chat -> relay.io.emit("from-a", chat));
    // B -> A: B's clients' messages go to A, and A's answer comes back as B's ack
    relay.io.onConnection(
        s ->
            s.on(
                "chat",
                Chat.class,
                (chat, ack) ->
                    relayClient
                        .emitWithAck("chat", String.class, chat)
                        .thenAccept(answer -> ack.send("relayed: " + answer))));
  }

  @AfterEach
  void stop() {
    relayClient.disconnect();
    relay.close();
    upstream.close();
  }

  @Test
  void eventsAndAcksCrossTheRelayBothWays() throws Exception {
    Socket onA = connected(upstream.uri("/"), ClientOptions.DEFAULTS);
    Socket onB = connected(relay.uri("/"), ClientOptions.DEFAULTS);
    CompletableFuture<Chat> aGot = new CompletableFuture<>();
    onA.on("chat", Chat.class, aGot::complete);
    String answer =
        onB.emitWithAck("chat", String.class, new Chat("b-user", "hello A"))
            .get(10, TimeUnit.SECONDS);
    assertThat(answer).isEqualTo("relayed: stored by A");
    assertThat(aGot.get(10, TimeUnit.SECONDS)).isEqualTo(new Chat("b-user", "hello A"));

    CompletableFuture<Chat> bGot = new CompletableFuture<>();
    onB.on("from-a", Chat.class, bGot::complete);
    onA.emitWithAck("chat", new Chat("a-user", "hello B")).get(10, TimeUnit.SECONDS);
    assertThat(bGot.get(10, TimeUnit.SECONDS)).isEqualTo(new Chat("a-user", "hello B"));
    onA.disconnect();
    onB.disconnect();
  }
}
