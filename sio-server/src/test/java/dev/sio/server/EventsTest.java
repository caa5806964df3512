package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventsTest extends ServerHarness {
  record ChatMessage(String room, String text) {}

  private Socket connect(TestClient c) throws Exception {
    CompletableFuture<Socket> connected = new CompletableFuture<>();
    io.onConnection(connected::complete);
    c.connect("/");
    return connected.get(5, TimeUnit.SECONDS);
  }

  @Test
  void untypedAndTypedHandlers() throws Exception {
    start();
    io.onConnection(
        socket -> {
          socket.on("raw", (args, ack) -> seen.add(args.toString()));
          socket.on(
              "chat",
              ChatMessage.class,
              (msg, ack) -> seen.add(msg.room() + ":" + msg.text() + " " + ack.requested()));
          socket.on("simple", ChatMessage.class, msg -> seen.add("simple " + msg.text()));
        });
    listen();
    TestClient c = client();
    c.connect("/");
    c.sendRaw("42[\"raw\",1,\"two\",{\"three\":[3]},null]");
    assertThat(nextSeen()).isEqualTo("[1, \"two\", {\"three\":[3]}, null]");
    c.sendRaw("42[\"chat\",{\"room\":\"lobby\",\"text\":\"hi\"}]");
    assertThat(nextSeen()).isEqualTo("lobby:hi false");
    c.sendRaw("421[\"chat\",{\"room\":\"r\",\"text\":\"t\"}]");
    assertThat(nextSeen()).isEqualTo("r:t true");
    c.sendRaw("42[\"simple\",{\"room\":\"r\",\"text\":\"only\"}]");
    assertThat(nextSeen()).isEqualTo("simple only");
    c.sendRaw("42[7,\"numeric event names are strings\"]");
    c.expectNothing(50);
  }

  @Test
  void onceOffAndCatchAllListeners() throws Exception {
    start();
    listen();
    TestClient c = client();
    io.onConnection(
        socket -> {
          socket.once("ping", (args, ack) -> seen.add("once"));
          EventListener removed = (args, ack) -> seen.add("removed");
          socket.on("ping", removed);
          socket.off("ping", removed);
          AnyListener second = (event, args) -> seen.add("any " + event);
          socket.onAny(second);
          socket.prependAny((event, args) -> seen.add("first " + event));
        });
    c.connect("/");
    c.sendRaw("42[\"ping\"]");
    assertThat(nextSeen()).isEqualTo("first ping");
    assertThat(nextSeen()).isEqualTo("any ping");
    assertThat(nextSeen()).isEqualTo("once");
    c.sendRaw("42[\"ping\"]");
    assertThat(nextSeen()).isEqualTo("first ping");
    assertThat(nextSeen()).isEqualTo("any ping");
  }

  @Test
  void handlersOfManyEventsKeepTheirOrderThroughOffOnceAndConcurrentRegistration()
      throws Exception {
    start();
    listen();
    TestClient c = client();
    Socket socket = connect(c);
    EventListener first = (args, ack) -> seen.add("a1");
    socket.on("a", first);
    socket.on("a", (args, ack) -> seen.add("a2"));
    socket.once("a", (args, ack) -> seen.add("a-once"));
    socket.on("b", (args, ack) -> seen.add("b"));
    socket.on("c", (args, ack) -> seen.add("c"));
    // handlers added from several threads at once all arrive (the table is replaced by CAS)
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      String event = "t" + t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 50; i++) {
                  int n = i;
                  socket.on(event, (args, ack) -> seen.add(event + "-" + n));
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join(5_000);
    }
    c.sendRaw("42[\"a\"]");
    assertThat(nextSeen()).isEqualTo("a1");
    assertThat(nextSeen()).isEqualTo("a2");
    assertThat(nextSeen()).isEqualTo("a-once");
    c.sendRaw("42[\"a\"]");
    assertThat(nextSeen()).isEqualTo("a1");
    assertThat(nextSeen()).isEqualTo("a2");
    socket.off("a", first);
    c.sendRaw("42[\"a\"]");
    assertThat(nextSeen()).isEqualTo("a2");
    socket.off("b");
    c.sendRaw("42[\"b\"]");
    c.sendRaw("42[\"c\"]");
    assertThat(nextSeen()).isEqualTo("c"); // b has no handler any more
    for (int t = 0; t < threads.length; t++) {
      c.sendRaw("42[\"t" + t + "\"]");
      for (int i = 0; i < 50; i++) {
        assertThat(nextSeen()).isEqualTo("t" + t + "-" + i);
      }
    }
    socket.off("a");
    socket.off("c");
    c.sendRaw("42[\"a\"]");
    c.sendRaw("42[\"c\"]");
    c.sendRaw("42[\"t0\"]"); // handled in order after a and c: their reports would come first
    for (int i = 0; i < 50; i++) {
      assertThat(nextSeen()).isEqualTo("t0-" + i);
    }
  }

  @Test
  void oneHandlerOfTwoEventsStaysWithEachWhenEitherChanges() throws Exception {
    start();
    listen();
    TestClient c = client();
    Socket socket = connect(c);
    // a lone plain handler is kept as itself, not in a list: the same object for two events
    EventListener shared = (args, ack) -> seen.add("shared " + args.get(0).asText());
    socket.on("x", shared);
    socket.on("y", shared);
    socket.on("y", (args, ack) -> seen.add("y2"));
    socket.once("z", (args, ack) -> seen.add("z once"));
    c.sendRaw("42[\"x\",\"1\"]");
    assertThat(nextSeen()).isEqualTo("shared 1");
    c.sendRaw("42[\"y\",\"2\"]");
    assertThat(nextSeen()).isEqualTo("shared 2");
    assertThat(nextSeen()).isEqualTo("y2");
    socket.off("x", shared);
    c.sendRaw("42[\"z\",\"3\"]");
    c.sendRaw("42[\"x\",\"4\"]");
    c.sendRaw("42[\"z\",\"5\"]");
    c.sendRaw("42[\"y\",\"6\"]");
    assertThat(nextSeen()).isEqualTo("z once");
    assertThat(nextSeen()).isEqualTo("shared 6"); // x has no handler, z fired once
    assertThat(nextSeen()).isEqualTo("y2");
  }

  @Test
  void emitsJavaValuesAndTellsOutgoingListeners() throws Exception {
    start();
    listen();
    TestClient c = client();
    Socket socket = connect(c);
    socket.onAnyOutgoing((event, args) -> seen.add("out " + event + " " + args.size()));
    socket.emit("values", 1, 2.5, "s", true, null, List.of(1, 2), Map.of("k", "v"));
    assertThat(c.nextText()).isEqualTo("42[\"values\",1,2.5,\"s\",true,null,[1,2],{\"k\":\"v\"}]");
    assertThat(nextSeen()).isEqualTo("out values 7");
    socket.emit("record", new ChatMessage("lobby", "hi"));
    assertThat(c.nextText()).isEqualTo("42[\"record\",{\"room\":\"lobby\",\"text\":\"hi\"}]");
    assertThat(nextSeen()).isEqualTo("out record 1");
    socket.offAnyOutgoing();
    socket.send("plain");
    assertThat(c.nextText()).isEqualTo("42[\"message\",\"plain\"]");
  }

  @Test
  void reservedEventNamesAreRefusedWithNodesMessage() throws Exception {
    start();
    listen();
    TestClient c = client();
    Socket socket = connect(c);
    for (String name :
        List.of(
            "connect",
            "connect_error",
            "disconnect",
            "disconnecting",
            "newListener",
            "removeListener")) {
      assertThatThrownBy(() -> socket.emit(name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("\"" + name + "\" is a reserved event name");
      assertThatThrownBy(() -> io.to("room").emit(name))
          .hasMessage("\"" + name + "\" is a reserved event name");
    }
  }
}
