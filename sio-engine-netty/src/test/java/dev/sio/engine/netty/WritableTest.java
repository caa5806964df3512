package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link EngineSocket#writable()} as Node's {@code transport.writable}: true only while a message
 * sent now would be written at once, on a real port over both transports.
 */
@Timeout(30)
class WritableTest {
  private final HttpClient http = EngineClients.http();
  private EngineTestServer server;

  @AfterEach
  void tearDown() throws Exception {
    try {
      server.handler.expectNothing(20);
    } finally {
      server.close();
    }
  }

  /** Runs {@code body} on the session's loop and returns its answer. */
  private static <T> T onLoop(EngineSocket socket, Supplier<T> body) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    socket.executor().execute(() -> f.complete(body.get()));
    return f.get(5, TimeUnit.SECONDS);
  }

  /** On the session's loop: {@code writable()} before and after sending {@code text}. */
  private static boolean[] aroundSend(EngineSocket socket, String text) throws Exception {
    return onLoop(
        socket,
        () -> {
          boolean before = socket.writable();
          socket.send(text);
          return new boolean[] {before, socket.writable()};
        });
  }

  /** Waits (from this thread) until the session is writable; fails after 5 s. */
  private static void awaitWritable(EngineSocket socket) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!socket.writable() && System.nanoTime() - deadline < 0) {
      Thread.sleep(5);
    }
    assertThat(socket.writable()).as("writable within 5 s").isTrue();
  }

  @Test
  void overPollingOnlyWhileAGetIsPendingAndNothingIsQueued() throws Exception {
    server = new EngineTestServer(EngineOptions.defaults(), false);
    EngineClients.Polling p = new EngineClients.Polling(http, server);
    server.handler.expect(p.sid, "open");
    EngineSocket socket = server.handler.socket(p.sid);
    assertThat(onLoop(socket, socket::writable)).as("no GET pending").isFalse();

    CompletableFuture<HttpResponse<String>> get = p.getAsync();
    awaitWritable(socket);
    assertThat(aroundSend(socket, "a")).as("the send answers the GET").containsExactly(true, false);
    assertThat(get.get(5, TimeUnit.SECONDS).body()).isEqualTo("4a");
    assertThat(onLoop(socket, socket::writable)).as("answered, no GET yet").isFalse();

    assertThat(aroundSend(socket, "b"))
        .as("queued until the next GET")
        .containsExactly(false, false);
    assertThat(p.get().body()).isEqualTo("4b");

    get = p.getAsync();
    awaitWritable(socket);
    socket.close();
    server.handler.expect(p.sid, "close forced close");
    assertThat(get.get(5, TimeUnit.SECONDS).body()).isEqualTo("1");
    assertThat(socket.writable()).as("closed").isFalse();
  }

  @Test
  void overWebSocketNotWhileAFrameWaitsInTheConnection() throws Exception {
    server = new EngineTestServer(EngineOptions.defaults(), false);
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    assertThat(ws.nextText()).startsWith("0{");
    EngineSocket socket = server.handler.next().socket();
    awaitWritable(socket); // the open packet is written

    // the frame is written but its flush is coalesced until the loop's task ends
    assertThat(aroundSend(socket, "a")).containsExactly(true, false);
    assertThat(ws.nextText()).isEqualTo("4a");
    awaitWritable(socket); // flushed and written: idle again
    assertThat(aroundSend(socket, "b")).containsExactly(true, false);
    assertThat(ws.nextText()).isEqualTo("4b");

    ws.abort();
    server.handler.expect(socket.id(), "close transport close");
    assertThat(socket.writable()).as("closed").isFalse();
  }
}
