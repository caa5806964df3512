package dev.sio.interop.server;

import static dev.sio.interop.server.ClientDriver.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Acknowledgements both ways, and their timeouts on both sides. */
@Timeout(60)
class AcksIT {

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void clientAsksServerAnswers(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      clients.connect("a");
      JsonNode args = Json.array(1, "two", Json.object().put("three", 3.5), null, true);
      assertThat(clients.ask("a", "echo", 1, "two", Json.object().put("three", 3.5), null, true))
          .isEqualTo(args);
      JsonNode received = server.await("received", WAIT);
      assertThat(received.path("args")).isEqualTo(args);
      assertThat(received.path("ack").asBoolean()).isTrue();
      assertThat(clients.awaitMessage("a", "echo").path("args")).isEqualTo(args);
      // an answer without arguments
      assertThat(clients.ask("a", "toRoom", "nobody", "x")).isEqualTo(Json.array());
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void serverAsksClientAnswers(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      String id = clients.connect("a", "websocket").path("id").asText();
      server.call(ServerCommands.emitWithAck(1, id, null, "question", "what?", 42));
      JsonNode question = clients.awaitMessage("a", "question");
      assertThat(question.path("args")).isEqualTo(Json.array("what?", 42));
      assertThat(question.has("ack")).isTrue();
      clients.ack(question.path("ack").asInt(), "answer", Json.object().put("n", 1));
      assertThat(server.await("ack", WAIT).path("args"))
          .isEqualTo(Json.array("answer", Json.object().put("n", 1)));

      // with a timeout that is not reached
      server.call(ServerCommands.emitWithAck(2, id, 5000, "question", "again?"));
      JsonNode again = clients.awaitMessage("a", "question");
      clients.ack(again.path("ack").asInt());
      JsonNode answer = server.await("ack", l -> l.path("id").asInt() == 2, WAIT);
      assertThat(answer.path("args")).isEqualTo(Json.array());
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void clientTimeoutWhenTheServerNeverAnswers(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      clients.connect("a");
      JsonNode answer = clients.emitWithAck("a", 300, "noAck", "hello");
      assertThat(answer.path("event").asText()).isEqualTo("ack_error");
      assertThat(answer.path("message").asText()).isEqualTo("operation has timed out");
      JsonNode received = server.await("received", WAIT);
      assertThat(received.path("name").asText()).isEqualTo("noAck");
      assertThat(received.path("ack").asBoolean()).isTrue();
      // the connection is fine afterwards, and a timeout that is not reached answers
      JsonNode ok = clients.emitWithAck("a", 5000, "echo", 1);
      assertThat(ok.path("event").asText()).isEqualTo("ack");
      assertThat(ok.path("args")).isEqualTo(Json.array(1));
      clients.awaitMessage("a", "echo");
      clients.assertNoUnreadMessages();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void serverTimeoutWhenTheClientNeverAnswers(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      String id = clients.connect("a").path("id").asText();
      server.call(ServerCommands.emitWithAck(1, id, 300, "question", "anyone?"));
      JsonNode question = clients.awaitMessage("a", "question");
      JsonNode failed = server.await("ack_error", WAIT);
      assertThat(failed.path("id").asInt()).isEqualTo(1);
      assertThat(failed.path("timeout").asBoolean()).isTrue();
      assertThat(failed.path("message").asText()).isEqualTo("operation has timed out");

      // a late answer is ignored, and the socket goes on
      clients.ack(question.path("ack").asInt(), "late");
      assertThat(clients.ask("a", "echo", "still here")).isEqualTo(Json.array("still here"));
      clients.awaitMessage("a", "echo");
      clients.assertNoUnreadMessages();
      server.call(ServerCommands.rooms("/", id));
      assertThat(server.pending()).noneMatch(l -> l.path("event").asText().equals("ack"));
    }
  }

  /**
   * The client leaves before it answers: Node's callback still fails with "operation has timed
   * out", when the timeout fires.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void aPendingAckWhenTheClientLeaves(ServerKind kind) {
    try (ScenarioServer server = kind.start();
        ClientDriver clients = ClientDriver.start(server)) {
      String id = clients.connect("a").path("id").asText();
      server.call(ServerCommands.emitWithAck(1, id, 1000, "question", "bye?"));
      clients.awaitMessage("a", "question");
      clients.command("disconnect", "a");
      server.await("disconnect", WAIT);
      JsonNode failed = server.await("ack_error", WAIT);
      if (kind == ServerKind.SIO) {
        // A stated difference (docs/COMPATIBILITY.md): the only socket that could answer is gone,
        // so Sio completes the future at once instead of waiting for the timer as Node does.
        assertThat(failed.path("timeout").asBoolean()).isFalse();
        assertThat(failed.path("message").asText()).isEqualTo("socket has been disconnected");
      } else {
        assertThat(failed.path("timeout").asBoolean()).isTrue();
        assertThat(failed.path("message").asText()).isEqualTo("operation has timed out");
      }
      clients.assertNoUnreadMessages();
    }
  }
}
