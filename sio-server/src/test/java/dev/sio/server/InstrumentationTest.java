package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Observers registered with {@link SocketIoServer#instrument} hear the life of a real socket. */
class InstrumentationTest extends ServerHarness {

  @Test
  void observersHearTheSocketsLifeAndAFailingOneHarmsNothing() throws Exception {
    start();
    Queue<String> heard = new ConcurrentLinkedQueue<>();
    io.instrument(
        new Instrumentation() {
          @Override
          public void socketConnected(Socket socket) {
            throw new IllegalStateException("a broken observer");
          }
        });
    io.instrument(
        new Instrumentation() {
          @Override
          public void socketConnected(Socket socket) {
            heard.add("connected " + socket.namespace().name());
          }

          @Override
          public void roomJoined(Namespace nsp, String room, String socketId) {
            if (!room.equals(socketId)) {
              heard.add("joined " + room);
            }
          }

          @Override
          public void eventReceived(Socket socket, String event, List<JsonNode> args) {
            heard.add("received " + event + args);
          }

          @Override
          public void eventSent(Socket socket, JsonNode data) {
            heard.add("sent " + data);
          }

          @Override
          public void bytesReceived(dev.sio.engine.EngineSocket session, int bytes) {
            // The Socket.IO packet, without Engine.IO's type character (as Node's admin counts).
            if (bytes == "2[\"hi\",1]".length()) {
              heard.add("bytes in " + bytes);
            }
          }

          @Override
          public void socketDisconnected(Socket socket, String reason) {
            heard.add("disconnected " + reason);
          }
        });
    io.onConnection(
        socket -> {
          socket.join("room-1");
          socket.on("hi", (args, ack) -> socket.emit("hello", 2));
        });
    listen();
    TestClient c = client();
    c.connect("/");
    c.sendRaw("42[\"hi\",1]");
    assertThat(c.nextText()).isEqualTo("42[\"hello\",2]");
    c.sendRaw("41");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!heard.contains("disconnected client namespace disconnect")) {
      assertThat(System.nanoTime()).as("heard " + heard).isLessThan(deadline);
      Thread.sleep(10);
    }
    assertThat(List.copyOf(heard))
        .containsExactly(
            "connected /",
            "joined room-1",
            "bytes in 9",
            "received hi[1]",
            "sent [\"hello\",2]",
            "disconnected client namespace disconnect");
  }

  @Test
  void writesIntoDataAndSetDataAreReported() throws Exception {
    start();
    Queue<String> heard = new ConcurrentLinkedQueue<>();
    io.instrument(
        new Instrumentation() {
          @Override
          public void socketDataChanged(Socket socket) {
            heard.add(String.valueOf(socket.dataValue()));
          }
        });
    io.onConnection(
        socket ->
            socket.on(
                "go",
                (args, ack) -> {
                  socket.data().put("a", 1);
                  socket.data().putIfAbsent("a", 2); // no change: not reported
                  socket.data().remove("missing"); // no change: not reported
                  socket.data().merge("a", 10, (x, y) -> (Integer) x + (Integer) y);
                  socket.data().keySet().remove("a");
                  socket.setData("plain");
                  socket.emit("done");
                }));
    listen();
    TestClient c = client();
    c.connect("/");
    c.sendRaw("42[\"go\"]");
    assertThat(c.nextText()).isEqualTo("42[\"done\"]");
    assertThat(List.copyOf(heard)).containsExactly("{a=1}", "{a=11}", "{}", "plain");
  }

  @Test
  void aRecoveredSocketsDataIsStillObserved() {
    // The map a recovered socket starts with reports too: see Socket's constructor; a unit check
    // of the map itself.
    List<String> calls = new java.util.ArrayList<>();
    var data =
        new dev.sio.server.internal.ObservedDataMap(
            java.util.Map.of("k", "v"), () -> calls.add("x"));
    assertThat(data).containsEntry("k", "v");
    assertThat(calls).as("copying is not a change").isEmpty();
    data.entrySet().iterator().next().setValue("w");
    data.computeIfAbsent("k", k -> "no");
    data.computeIfPresent("k", (k, v) -> "z");
    data.clear();
    data.clear();
    assertThat(calls).hasSize(3);
  }
}
