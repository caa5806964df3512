package dev.sio.interop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.interop.NodeScript;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Events, acknowledgements, binary and rooms between the Sio client and Node's server. */
@Timeout(60)
class NodeServerEventsIT {
  static final Duration WAIT = Duration.ofSeconds(10);

  record Message(String room, String text) {}

  private NodeScript server;
  private URI uri;
  private final Recorder recorder = new Recorder();

  @BeforeEach
  void start() {
    server = NodeScript.start("client/server.js", "{}");
    uri = URI.create("http://127.0.0.1:" + server.await("listening", WAIT).path("port").asInt());
  }

  @AfterEach
  void stop() {
    server.close();
    assertThat(recorder.rest()).as("unexpected client events").isEmpty();
  }

  private Socket connect(String transport) throws Exception {
    CompletableFuture<Void> connected = new CompletableFuture<>();
    Socket socket =
        SocketIoClient.connect(
            uri,
            ClientOptions.builder().transports(transport).build(),
            s -> s.onConnect(() -> connected.complete(null)));
    connected.get(10, TimeUnit.SECONDS);
    return socket;
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket"})
  void acknowledgementsBothWays(String transport) throws Exception {
    Socket socket = connect(transport);
    socket.on(
        "question",
        String.class,
        (question, ack) -> {
          recorder.add("question:" + question + ":" + ack.requested());
          ack.send("answer to " + question, 42);
        });
    socket.on("answer", (args, ack) -> recorder.add("answer:" + args));
    assertThat(socket.emitWithAck("echo", 1, "two", Map.of("three", 3)).get(10, TimeUnit.SECONDS))
        .hasToString("[1, \"two\", {\"three\":3}]");
    assertThat(
            socket
                .timeout(Duration.ofSeconds(5))
                .emitWithAck("echo", Message.class, new Message("lobby", "hi"))
                .get(10, TimeUnit.SECONDS))
        .isEqualTo(new Message("lobby", "hi"));
    socket.emit("ask", "why");
    assertThat(recorder.next(WAIT)).isEqualTo("question:why:true");
    assertThat(recorder.next(WAIT)).isEqualTo("answer:[\"answer to why\"]");
    socket.disconnect();
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket"})
  void binaryTravelsBothWays(String transport) throws Exception {
    Socket socket = connect(transport);
    byte[] big = new byte[100_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) i;
    }
    List<JsonNode> reply =
        socket
            .emitWithAck("echo", new byte[] {1, 2, 3}, Map.of("nested", new byte[] {4}), big)
            .get(10, TimeUnit.SECONDS);
    assertThat(reply.get(0).binaryValue()).containsExactly(1, 2, 3);
    assertThat(reply.get(1).path("nested").binaryValue()).containsExactly(4);
    assertThat(reply.get(2).binaryValue()).isEqualTo(big);
    JsonNode received = server.await("received", WAIT);
    assertThat(received.path("args").get(0).toString()).isEqualTo("{\"$bin\":\"AQID\"}");
    CompletableFuture<byte[]> pushed = new CompletableFuture<>();
    socket.once("echo-event", byte[].class, pushed::complete);
    socket.emit("echo-event", (Object) new byte[] {9, 8});
    assertThat(pushed.get(10, TimeUnit.SECONDS)).containsExactly(9, 8);
    socket.disconnect();
  }

  @Test
  void anUnansweredEmitTimesOut() throws Exception {
    Socket socket = connect("websocket");
    assertThatThrownBy(
            () ->
                socket
                    .timeout(Duration.ofMillis(200))
                    .emitWithAck("no-ack")
                    .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class)
        .hasRootCauseMessage("operation has timed out");
    socket.disconnect();
  }

  @Test
  void catchAllListenersSeeEventsBothWays() throws Exception {
    Socket socket = connect("websocket");
    socket.onAny((event, args) -> recorder.add("any:" + event + ":" + args));
    socket.prependAny((event, args) -> recorder.add("first:" + event));
    socket.onAnyOutgoing((event, args) -> recorder.add("out:" + event + ":" + args));
    socket.emit("echo-event", "x");
    assertThat(recorder.next(WAIT)).isEqualTo("out:echo-event:[\"x\"]");
    assertThat(recorder.next(WAIT)).isEqualTo("first:echo-event");
    assertThat(recorder.next(WAIT)).isEqualTo("any:echo-event:[\"x\"]");
    socket.offAny();
    socket.offAnyOutgoing();
    socket.emitWithAck("echo-event", "y").orTimeout(200, TimeUnit.MILLISECONDS).handle((a, b) -> a);
    Thread.sleep(500);
    socket.disconnect();
  }

  @Test
  void offRemovesAListenerAndOnceFiresOnce() throws Exception {
    Socket socket = connect("websocket");
    dev.sio.client.EventListener listener = (args, ack) -> recorder.add("on:" + args);
    socket.on("echo-event", listener);
    socket.once("echo-event", (args, ack) -> recorder.add("once:" + args));
    socket.emit("echo-event", 1);
    List<String> first = List.of(recorder.next(WAIT), recorder.next(WAIT));
    assertThat(first).containsExactly("on:[1]", "once:[1]");
    socket.emit("echo-event", 2);
    assertThat(recorder.next(WAIT)).isEqualTo("on:[2]");
    socket.off("echo-event", listener);
    socket.emit("echo-event", 3);
    assertThat(socket.emitWithAck("echo", "sync").get(10, TimeUnit.SECONDS)).isNotNull();
    socket.disconnect();
  }

  @Test
  void roomBroadcastsReachTheOtherClients() throws Exception {
    Socket alice = connect("websocket");
    Socket bob = connect("polling");
    bob.on("broadcast", Message.class, m -> recorder.add("bob:" + m.text()));
    alice.on("broadcast", Message.class, m -> recorder.add("alice:" + m.text()));
    bob.emitWithAck("join", "lobby").get(10, TimeUnit.SECONDS);
    alice.emitWithAck("join", "lobby").get(10, TimeUnit.SECONDS);
    alice.emit("broadcast", "lobby", new Message("lobby", "hello"));
    assertThat(recorder.next(WAIT)).isEqualTo("bob:hello");
    bob.emit("broadcast", "lobby", new Message("lobby", "hi alice"));
    assertThat(recorder.next(WAIT)).isEqualTo("alice:hi alice");
    alice.disconnect();
    bob.disconnect();
  }

  @Test
  void reservedEventNamesAreRefused() throws Exception {
    Socket socket = connect("websocket");
    assertThatThrownBy(() -> socket.emit("disconnect"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"disconnect\" is a reserved event name");
    socket.disconnect();
  }

  @Test
  void anEmitLargerThanMaxPayloadFailsClearly() throws Exception {
    server.close();
    server = NodeScript.start("client/server.js", "{\"maxHttpBufferSize\":1000}");
    uri = URI.create("http://127.0.0.1:" + server.await("listening", WAIT).path("port").asInt());
    Socket socket = connect("websocket");
    CompletableFuture<Throwable> managerError = new CompletableFuture<>();
    socket.io().onError(managerError::complete);
    assertThatThrownBy(() -> socket.emitWithAck("echo", "x".repeat(2000)).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(dev.sio.client.PayloadTooLargeException.class)
        .cause()
        .hasMessageMatching(
            "packet of 201\\d bytes exceeds the server's maxPayload of 1000 bytes; it was not sent");
    socket.emit("echo-event", "y".repeat(2000));
    assertThat(managerError.get(10, TimeUnit.SECONDS))
        .isInstanceOf(dev.sio.client.PayloadTooLargeException.class);
    // the connection is still fine
    assertThat(socket.emitWithAck("echo", "small").get(10, TimeUnit.SECONDS)).hasSize(1);
    assertThat(socket.connected()).isTrue();
    socket.disconnect();
  }
}
