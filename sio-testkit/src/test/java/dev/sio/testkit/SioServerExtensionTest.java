package dev.sio.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.server.AckTimeoutException;
import dev.sio.server.ConnectError;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class SioServerExtensionTest {
  private final AtomicInteger boots = new AtomicInteger();

  @RegisterExtension
  final SioServerExtension sio =
      SioServerExtension.create(b -> b.pingInterval(Duration.ofSeconds(1)))
          .beforeStart(io -> boots.incrementAndGet())
          .beforeStart(io -> io.of("/boot").onConnection(s -> s.emit("booted", boots.get())))
          .timeout(Duration.ofSeconds(10));

  @Test
  void aConnectedClientEchoesAndEventsAreRecordedInOrder() {
    sio.server()
        .onConnection(
            s -> {
              s.on("echo", (args, ack) -> ack.send(args.toArray()));
              s.emit("welcome", s.id());
            });
    // attached in the setup, the recorder hears the welcome sent on connection
    EventRecorder events = sio.recorder();
    Socket client = sio.connect("/", s -> events.attach(s, "welcome", "news"));
    sio.server().emit("news", 1);
    assertThat(events.next("welcome").arg(0).asText()).isEqualTo(client.id());
    assertThat(events.next("news").arg(0).asInt()).isEqualTo(1);
    assertThat(sio.await(client.emitWithAck("echo", "hi", 2)).toString()).isEqualTo("[\"hi\", 2]");
    events.assertEmpty();
  }

  @Test
  void aRecorderAttachedAfterConnectHearsWhatFollows() {
    Socket client = sio.connect("/");
    EventRecorder all = sio.record(client);
    sio.server().emit("a", "x");
    sio.server().emit("b");
    assertThat(all.next("a").args().toString()).isEqualTo("[\"x\"]");
    assertThatThrownBy(() -> all.next("a"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected event a, got Event[name=b, args=[]]");
    all.assertEmpty();
  }

  @Test
  void anUnreadEventFailsAssertEmpty() {
    EventRecorder events = sio.recorder();
    sio.server()
        .onConnection(
            s -> {
              s.emit("hello", 1);
              s.on("ping", (args, ack) -> ack.send());
            });
    Socket client = sio.connect("/", s -> events.attach(s, "hello"));
    // the answer comes behind the hello on the same connection: the hello was recorded
    Await.of(client.emitWithAck("ping"));
    assertThatThrownBy(events::assertEmpty)
        .isInstanceOf(AssertionError.class)
        .hasMessage("events no test read: [Event[name=hello, args=[1]]]");
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
    EventRecorder none = EventRecorder.create(Duration.ofMillis(200)).attach(ok, "never");
    assertThatThrownBy(none::next)
        .isInstanceOf(AssertionError.class)
        .hasMessage("no event within PT0.2S");
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

  @Test
  void aRecorderNeedsAPositiveTimeout() {
    assertThatThrownBy(() -> EventRecorder.create(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT0S");
  }

  @Test
  void beforeStartHooksRunOncePerTestInOrder() {
    EventRecorder events = sio.recorder();
    sio.connect("/boot", s -> events.attach(s, "booted"));
    assertThat(events.next("booted").arg(0).asInt()).isEqualTo(1);
    assertThat(boots).hasValue(1);
  }
}
