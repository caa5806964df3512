package dev.sio.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sio connect} typed at, against a Sio server on 127.0.0.1 that records and answers. */
@Timeout(60)
class InteractiveClientTest {
  private SocketIoServer io;
  // Written by the server's threads, read by the test thread.
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private PipedOutputStream keyboard;
  private CompletableFuture<Integer> exit;

  @BeforeEach
  void start() throws IOException {
    io = SocketIoServer.create(ServerOptions.builder().host("127.0.0.1").port(0).build());
    io.onConnection(
        socket -> {
          socket.emit("welcome", "hi " + socket.handshake().auth().path("name").asText());
          socket.onAny((event, args) -> received.add(event + " " + InteractiveClient.array(args)));
          socket.on("echo", (args, ack) -> ack.send(args.toArray()));
        });
    io.start();

    keyboard = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keyboard);
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    Command.Connect command =
        new Command.Connect(
            URI.create("http://127.0.0.1:" + io.port()),
            (ObjectNode) new ObjectMapper().readTree("{\"name\":\"ann\"}"),
            false);
    exit = CompletableFuture.supplyAsync(() -> InteractiveClient.run(command, in, out));
  }

  @AfterEach
  void stop() throws IOException {
    keyboard.close();
    io.close();
  }

  @Test
  void printsWhatArrivesAndEmitsWhatIsTyped() throws Exception {
    awaitOutput("connected as ");
    awaitOutput("← welcome [\"hi ann\"]");

    type("chat \"hello\" {\"n\":1} 3");
    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("chat [\"hello\",{\"n\":1},3]");

    type("chat hello world");
    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("chat [\"hello world\"]");

    type("?echo 42 \"x\"");
    awaitOutput("ack echo [42,\"x\"]");
    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo [42,\"x\"]");

    type("/nope");
    awaitOutput("unknown command /nope");

    type("/quit");
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void endOfInputStops() throws Exception {
    awaitOutput("connected as ");
    keyboard.close();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void argumentsAreJsonValuesOrOneString() {
    assertThat(json("1 \"a\" [true] {\"k\":null}")).isEqualTo("[1, \"a\", [true], {\"k\":null}]");
    assertThat(json("not json, really")).isEqualTo("[not json, really]");
    assertThat(json("{\"open\": ")).isEqualTo("[{\"open\": ]");
  }

  private static String json(String text) {
    Object[] values = InteractiveClient.arguments(text);
    return List.of(values).stream()
        .map(v -> v instanceof JsonNode node ? node.toString() : v.toString())
        .toList()
        .toString();
  }

  private void type(String line) throws IOException {
    keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  private void awaitOutput(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!output.toString(StandardCharsets.UTF_8).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no \"" + text + "\" in the output:\n" + output.toString(StandardCharsets.UTF_8));
      }
      Thread.sleep(20);
    }
  }
}
