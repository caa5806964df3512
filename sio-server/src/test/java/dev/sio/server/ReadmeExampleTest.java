package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The server of the README's example works as the README says. */
class ReadmeExampleTest extends ServerHarness {
  record ChatMessage(String room, String text) {}

  @Test
  void theReadmeServer() throws Exception {
    // As in the README, with an ephemeral port on loopback.
    var io = start();
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

    TestClient alice = client();
    String aliceId = alice.connect("/").get("sid").asText();
    TestClient bob = client();
    bob.connect("/");
    alice.sendRaw("421[\"message\",{\"room\":\"lobby\",\"text\":\"hi\"}]");
    assertThat(alice.nextText()).isEqualTo("431[\"stored\"]");
    assertThat(bob.nextText()).isEqualTo("42[\"message\",{\"room\":\"lobby\",\"text\":\"hi\"}]");
    alice.sendRaw("41");
    assertThat(nextSeen()).isEqualTo(aliceId + " left: client namespace disconnect");
  }
}
