package dev.sio.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * {@code sio connect}: a Socket.IO client that reads commands from a terminal (or any stream) and
 * prints what happens.
 *
 * <pre>
 * chat "hello" {"n": 1}     emit "chat" with two arguments (JSON values separated by spaces)
 * chat hello world          an argument that is not JSON is sent as one string
 * ?echo 42                  emit with an acknowledgement and print the answer
 * /disconnect, /connect     leave and come back
 * /quit                     (or end of input) disconnect and stop
 * </pre>
 *
 * Incoming events print as {@code ← name [arguments]}; binary arguments print as base64 strings.
 */
public final class InteractiveClient {
  static final String HELP =
      """
      Type `event [JSON arguments]` to emit (text that is not JSON goes as one string),
      `?event [arguments]` to emit and wait for the acknowledgement,
      /disconnect, /connect, /help, /quit.""";

  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;

  private InteractiveClient(PrintStream out) {
    this.out = out;
  }

  /**
   * Connects as {@code command} says, runs the commands read from {@code in} until /quit or EOF.
   */
  public static int run(Command.Connect command, InputStream in, PrintStream out) {
    return new InteractiveClient(out).loop(command, in);
  }

  private int loop(Command.Connect command, InputStream in) {
    ClientOptions.Builder options = ClientOptions.builder();
    if (command.auth() != null) {
      options.auth(command.auth());
    }
    if (command.websocketOnly()) {
      options.transports("websocket");
    }
    Socket socket = SocketIoClient.connect(command.url(), options.build());
    socket.onConnect(() -> print("connected as " + socket.id()));
    socket.onConnectError(error -> print("connect error: " + error.getMessage()));
    socket.onDisconnect(reason -> print("disconnected: " + reason));
    socket.onAny((event, args) -> print("← " + event + " " + array(args)));
    print("connecting to " + command.url() + " ... (/help for the commands)");
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!handle(socket, line.strip())) {
          break;
        }
      }
    } catch (IOException e) {
      print("input failed: " + e.getMessage());
    } finally {
      socket.disconnect();
      socket.io().close();
    }
    return 0;
  }

  /** Runs one command line; false to stop. */
  private boolean handle(Socket socket, String line) {
    if (line.isEmpty()) {
      return true;
    }
    switch (line) {
      case "/quit", "/exit" -> {
        return false;
      }
      case "/help" -> print(HELP);
      case "/disconnect" -> socket.disconnect();
      case "/connect" -> socket.connect();
      default -> {
        if (line.startsWith("/")) {
          print("unknown command " + line + "; " + HELP.lines().findFirst().orElse(""));
        } else {
          emit(socket, line);
        }
      }
    }
    return true;
  }

  private void emit(Socket socket, String line) {
    boolean withAck = line.startsWith("?");
    String rest = withAck ? line.substring(1) : line;
    int space = rest.indexOf(' ');
    String event = space < 0 ? rest : rest.substring(0, space);
    Object[] args = space < 0 ? new Object[0] : arguments(rest.substring(space + 1).strip());
    if (event.isEmpty()) {
      print("an event name is needed first");
      return;
    }
    if (!withAck) {
      socket.emit(event, args);
      return;
    }
    socket
        .timeout(ACK_TIMEOUT)
        .emitWithAck(event, args)
        .whenComplete(
            (reply, error) -> {
              if (error == null) {
                print("ack " + event + " " + array(reply));
              } else {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                print("no ack for " + event + ": " + cause.getMessage());
              }
            });
  }

  /** JSON values separated by spaces; or, when that is not JSON, the whole text as one string. */
  static Object[] arguments(String text) {
    if (text.isEmpty()) {
      return new Object[0];
    }
    List<Object> values = new ArrayList<>();
    try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        values.add(it.nextValue());
      }
      return values.toArray();
    } catch (IOException | RuntimeException e) {
      return new Object[] {text};
    }
  }

  /** The values as one JSON array. */
  static String array(List<JsonNode> values) {
    return values.stream().map(JsonNode::toString).collect(Collectors.joining(",", "[", "]"));
  }

  private void print(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
