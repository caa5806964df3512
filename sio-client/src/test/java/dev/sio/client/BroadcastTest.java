package dev.sio.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.testkit.EventRecorder;
import dev.sio.testkit.SioServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rooms and broadcasts reaching Sio clients, with binary. */
@Timeout(60)
class BroadcastTest {
  @RegisterExtension
  final SioServerExtension sio =
      SioServerExtension.create()
          .timeout(Duration.ofSeconds(10))
          .beforeStart(
              io ->
                  io.onConnection(
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
                                s.to(args.get(0).asText())
                                    .emit("said", args.subList(1, args.size()).toArray()));
                      }));

  @Test
  void aRoomBroadcastReachesEveryMemberButTheSender() throws Exception {
    EventRecorder said = sio.recorder();
    Socket alice =
        sio.connect(
            "/",
            ClientOptions.builder().transports("websocket").build(),
            s -> said.attach(s, "said"));
    Socket bob = sio.connect("/", ClientOptions.builder().transports("polling").build());
    EventRecorder bobSaid = sio.record(bob, "said");
    Socket carol = sio.connect("/", s -> said.attach(s, "said"));
    sio.await(alice.emitWithAck("join", "lobby"));
    sio.await(bob.emitWithAck("join", "lobby"));
    alice.emit("say", "lobby", "hello", new byte[1000]);
    EventRecorder.Event got = bobSaid.next("said");
    assertThat(got.arg(0).asText()).isEqualTo("hello");
    assertThat(got.arg(1).binaryValue()).hasSize(1000);
    // a round trip of each other client: a broadcast to it would have come before the answer
    sio.await(alice.emitWithAck("join", "lobby"));
    sio.await(carol.emitWithAck("join", "elsewhere"));
    said.assertEmpty();
    bobSaid.assertEmpty();
  }

  @Test
  void serverWideEmitsReachEveryNamespaceMember() {
    EventRecorder news = sio.recorder();
    sio.connect("/", s -> news.attach(s, "news"));
    sio.connect("/", s -> news.attach(s, "news"));
    sio.server().emit("news", "extra");
    assertThat(news.next("news").arg(0).asText()).isEqualTo("extra");
    assertThat(news.next("news").arg(0).asText()).isEqualTo("extra");
    news.assertEmpty();
  }
}
