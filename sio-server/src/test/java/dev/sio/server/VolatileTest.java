package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Volatile packets are dropped while the client's transport is busy, as Node's {@code
 * Client#writeToEngine} does, and delivered when it is idle.
 */
class VolatileTest extends ServerHarness {

  /** On "go": n(1), volatile v(2), n(3) in a row, as the interop scenario. */
  private void emitsAVolatileBetweenTwoEvents(Socket socket) {
    socket.on(
        "go",
        (args, ack) -> {
          socket.emit("n", 1);
          socket.asVolatile().emit("v", 2);
          socket.emit("n", 3);
        });
  }

  private void expectTheVolatileDropped(TestClient c) throws Exception {
    c.connect("/");
    for (int round = 0; round < 3; round++) {
      c.sendRaw("42[\"go\"]");
      assertThat(c.nextText()).isEqualTo("42[\"n\",1]");
      assertThat(c.nextText()).as("round " + round).isEqualTo("42[\"n\",3]");
    }
  }

  @Test
  void aVolatileEventRightAfterAnotherIsDroppedOverWebSocket() throws Exception {
    start();
    io.onConnection(this::emitsAVolatileBetweenTwoEvents);
    listen();
    expectTheVolatileDropped(client());
  }

  @Test
  void aVolatileEventRightAfterAnotherIsDroppedOverPolling() throws Exception {
    start();
    io.onConnection(this::emitsAVolatileBetweenTwoEvents);
    listen();
    expectTheVolatileDropped(pollingClient());
  }

  @Test
  void aVolatileEventOnAnIdleWebSocketIsDelivered() throws Exception {
    start();
    io.onConnection(socket -> socket.on("go", (args, ack) -> socket.asVolatile().emit("v", 1)));
    listen();
    TestClient c = client();
    c.connect("/");
    for (int round = 0; round < 3; round++) {
      c.sendRaw("42[\"go\"]");
      assertThat(c.nextText()).as("round " + round).isEqualTo("42[\"v\",1]");
    }
  }

  @Test
  void aVolatileEventFromAnotherThreadReachesAnIdlePollingClient() throws Exception {
    start();
    CompletableFuture<Socket> connected = new CompletableFuture<>();
    io.onConnection(connected::complete);
    listen();
    TestClient c = pollingClient();
    c.connect("/");
    Socket socket = connected.get(5, TimeUnit.SECONDS);
    EngineSocket conn = socket.connection().engineSocket();
    for (int round = 0; round < 3; round++) {
      Idle.awaitWritable(conn); // the client's next GET is pending
      socket.asVolatile().emit("v", round);
      assertThat(c.nextText()).isEqualTo("42[\"v\"," + round + "]");
    }
  }

  @Test
  void aVolatileBroadcastSkipsOnlyTheBusyRecipients() throws Exception {
    start();
    BlockingQueue<Socket> connected = new LinkedBlockingQueue<>();
    io.onConnection(
        socket -> {
          connected.add(socket);
          socket.on(
              "go",
              (args, ack) -> {
                socket.emit("n", 1);
                io.asVolatile().emit("v", 2); // encoded once, dropped for this socket only
                socket.emit("n", 3);
              });
        });
    listen();
    TestClient busy = client();
    busy.connect("/");
    TestClient idle = client();
    idle.connect("/");
    connected.poll(5, TimeUnit.SECONDS);
    // the client may read the CONNECT answer before the server's loop has finished that write
    Idle.awaitWritable(connected.poll(5, TimeUnit.SECONDS).connection().engineSocket());
    busy.sendRaw("42[\"go\"]");
    assertThat(busy.nextText()).isEqualTo("42[\"n\",1]");
    assertThat(busy.nextText()).isEqualTo("42[\"n\",3]");
    assertThat(idle.nextText()).isEqualTo("42[\"v\",2]");
  }
}
