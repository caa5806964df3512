package dev.sio.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.server.AckTimeoutException;
import dev.sio.server.ConnectError;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class SioServerExtensionTest {
  @RegisterExtension
  final SioServerExtension sio =
      SioServerExtension.create(b -> b.pingInterval(Duration.ofSeconds(1)))
          .timeout(Duration.ofSeconds(3));

  @Test
  void aConnectedClientEchoesAndEventsAreRecordedInOrder() {
    sio.server()
        .onConnection(
            s -> {
              s.on("echo", (args, ack) -> ack.send(args.toArray()));
              s.emit("welcome", s.id());
            });
    Socket client = sio.connect("/");
    EventRecorder events = sio.record(client, "welcome", "news");
    // welcome may come before the recorder was attached: ask for news, which comes after
    sio.server().emit("news", 1);
    EventRecorder.Event first = events.next();
    if (first.name().equals("welcome")) {
      assertThat(first.arg(0).asText()).isEqualTo(client.id());
      first = events.next();
    }
    assertThat(first.name()).isEqualTo("news");
    assertThat(Await.of(client.emitWithAck("echo", "hi", 2)).toString()).isEqualTo("[\"hi\", 2]");
    events.assertEmpty();
  }

  @Test
  void waitsFailWithTheirDeadlineOrTheRealError() {
    sio.server()
        .use(
            (s, next) -> {
              if (s.handshake().auth().has("token")) {
                next.accept();
              } else {
                next.reject(new ConnectError("unauthorized"));
              }
            });
    assertThatThrownBy(() -> sio.connect("/"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("the client of / failed: connect_error: unauthorized");
    Socket ok = sio.connect("/", ClientOptions.builder().auth(Map.of("token", "t")).build());
    EventRecorder none = sio.record(ok, "never");
    assertThatThrownBy(none::next)
        .isInstanceOf(AssertionError.class)
        .hasMessage("no event within PT3S");
    var socket = sio.server().sockets().sockets().values().iterator().next();
    assertThatThrownBy(
            () -> Await.of(socket.timeout(Duration.ofMillis(50)).emitWithAck("unanswered")))
        .isInstanceOf(AssertionError.class) // AckTimeoutException is checked
        .cause()
        .isInstanceOf(AckTimeoutException.class)
        .hasMessage("operation has timed out");
    assertThatThrownBy(() -> Await.until("never true", () -> false, Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("never true: not within PT0.05S");
  }
}
