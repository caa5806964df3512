package dev.sio.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.client.ClientOptions;
import dev.sio.client.ClientProtocol;
import dev.sio.client.ConnectError;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code sio connect URL [options]}: a console Socket.IO client, interactive like {@code wscat} or
 * scripted.
 *
 * <pre>
 * sio connect http://localhost:3000 [--namespace /chat] [--auth '{"token":"abc"}']
 *     [--transports polling,websocket | --websocket] [--ack-timeout 5000] [--wait 30000]
 *     [--v2] [--emit EVENT 'JSON...' | --listen EVENT]
 * </pre>
 *
 * <p>{@code --v2} speaks to a Socket.IO 2.x server ({@link ClientProtocol#V2}; no {@code --auth}).
 *
 * <p>Interactive: prints {@code connected <id>}, each incoming event as {@code < event [args]},
 * {@code disconnected <reason>} and {@code connect_error <message> [data]}; each input line {@code
 * event json json ...} is emitted with an acknowledgement request and its answer is printed as
 * {@code ack <event> [args]} (or {@code no ack <event>}). End of input or {@code /quit} leaves.
 *
 * <p>Scripted: {@code --emit EVENT 'JSON...'} sends one event and prints its acknowledgement;
 * {@code --listen EVENT} prints the arguments of the first such event. Exit codes: {@link #OK},
 * {@link #CONNECT_FAILED}, {@link #USAGE}, {@link #NOTHING_RECEIVED}.
 */
public final class ConnectCommand {
  /** Success. */
  public static final int OK = 0;

  /** The connection failed or was refused (connect_error), or was lost. */
  public static final int CONNECT_FAILED = 1;

  /** Wrong arguments. */
  public static final int USAGE = 2;

  /** {@code --listen}: the event did not come within {@code --wait}. */
  public static final int NOTHING_RECEIVED = 3;

  /** The usage line. */
  public static final String USAGE_TEXT =
      "usage: sio connect URL [--namespace NSP] [--auth JSON] [--transports polling,websocket |"
          + " --websocket]"
          + " [--ack-timeout MS] [--wait MS] [--v2] [--emit EVENT JSON... | --listen EVENT]";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConnectCommand() {}

  /**
   * Runs the command.
   *
   * @param args the arguments after {@code connect}
   * @param in the user's input (interactive mode)
   * @param out where events and results are printed
   * @return the exit code
   */
  public static int run(String[] args, InputStream in, PrintStream out) {
    Arguments parsed;
    try {
      parsed = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      out.println(USAGE_TEXT);
      return USAGE;
    }
    ClientOptions.Builder options =
        ClientOptions.builder().reconnection(parsed.emit == null && parsed.listen == null);
    if (parsed.auth != null) {
      options.auth(parsed.auth);
    }
    if (parsed.transports != null) {
      options.transports(parsed.transports.split(","));
    }
    if (parsed.v2) {
      options.protocol(ClientProtocol.V2);
    }
    URI uri = parsed.uri;
    if (parsed.namespace != null) {
      String nsp = parsed.namespace.startsWith("/") ? parsed.namespace : "/" + parsed.namespace;
      uri = uri.resolve(nsp + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }
    Socket socket;
    try {
      // connected once the session's listeners are in place: no first event is missed
      socket = SocketIoClient.connect(uri, options.autoConnect(false).build());
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      return USAGE;
    }
    Session session = new Session(socket, parsed, out);
    socket.connect();
    try {
      return session.run(in);
    } finally {
      session.leave();
    }
  }

  /** The state of one run. */
  private static final class Session {
    private final Socket socket;
    private final Arguments args;
    private final PrintStream out;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<List<JsonNode>> listened = new CompletableFuture<>();
    private final List<CompletableFuture<?>> pending = new ArrayList<>(); // the reading thread
    private final CompletableFuture<Void> left = new CompletableFuture<>();
    private volatile boolean leaving; // set by the reading thread, read on the event thread

    Session(Socket socket, Arguments args, PrintStream out) {
      this.socket = socket;
      this.args = args;
      this.out = out;
      socket.onConnect(
          () -> {
            out.println("connected " + socket.id());
            connected.complete(null);
          });
      socket.onConnectError(
          e -> {
            out.println("connect_error " + describe(e));
            if (!socket.active() || args.emit != null || args.listen != null) {
              connected.completeExceptionally(e);
            }
          });
      socket.onDisconnect(
          reason -> {
            if (!leaving) {
              out.println("disconnected " + reason);
            }
            left.complete(null);
          });
      socket.onAny(
          (event, eventArgs) -> {
            if (args.listen == null) {
              out.println("< " + event + " " + JSON.valueToTree(eventArgs));
            } else if (args.listen.equals(event)) {
              listened.complete(eventArgs);
            }
          });
    }

    /** Leaves quietly: nothing is printed after the command returns. */
    void leave() {
      leaving = true;
      boolean wasConnected = socket.connected();
      socket.disconnect();
      if (wasConnected) {
        try {
          left.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
          // gone anyway
        }
      }
    }

    int run(InputStream in) {
      try {
        connected.get(args.waitMillis, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        return CONNECT_FAILED;
      } catch (TimeoutException e) {
        out.println("error: not connected within " + args.waitMillis + " ms");
        return CONNECT_FAILED;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return CONNECT_FAILED;
      }
      if (args.emit != null) {
        return emit(args.emit, args.emitArgs) ? OK : CONNECT_FAILED;
      }
      if (args.listen != null) {
        try {
          List<JsonNode> received = listened.get(args.waitMillis, TimeUnit.MILLISECONDS);
          out.println(JSON.valueToTree(received));
          return OK;
        } catch (TimeoutException e) {
          out.println("error: no '" + args.listen + "' event within " + args.waitMillis + " ms");
          return NOTHING_RECEIVED;
        } catch (InterruptedException | ExecutionException e) {
          return NOTHING_RECEIVED;
        }
      }
      return interactive(in);
    }

    private int interactive(InputStream in) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      try {
        String line;
        while ((line = reader.readLine()) != null) {
          line = line.strip();
          if (line.isEmpty()) {
            continue;
          }
          if (line.equals("/quit")) {
            break;
          }
          int space = line.indexOf(' ');
          String event = space < 0 ? line : line.substring(0, space);
          List<JsonNode> values;
          try {
            values = parseValues(space < 0 ? "" : line.substring(space + 1));
          } catch (IOException e) {
            out.println("error: not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            continue;
          }
          emitAsync(event, values);
        }
      } catch (IOException e) {
        out.println("error: " + e.getMessage());
      }
      // let the answers to the last lines arrive before leaving
      try {
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
            .get(args.ackTimeoutMillis + 1000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // reported per emit
      }
      return OK;
    }

    private void emitAsync(String event, List<JsonNode> values) {
      try {
        CompletableFuture<List<JsonNode>> ack =
            socket
                .timeout(Duration.ofMillis(args.ackTimeoutMillis))
                .emitWithAck(event, values.toArray());
        pending.add(
            ack.whenComplete(
                    (reply, error) -> {
                      if (error == null) {
                        out.println("ack " + event + " " + JSON.valueToTree(reply));
                      } else if (error instanceof TimeoutException) {
                        out.println("no ack " + event);
                      } else {
                        out.println("error " + event + ": " + error.getMessage());
                      }
                    })
                .handle((r, e) -> null));
      } catch (IllegalArgumentException e) {
        out.println("error: " + e.getMessage());
      }
    }

    private boolean emit(String event, List<JsonNode> values) {
      try {
        List<JsonNode> reply =
            socket
                .timeout(Duration.ofMillis(args.ackTimeoutMillis))
                .emitWithAck(event, values.toArray())
                .get(args.ackTimeoutMillis + 5000, TimeUnit.MILLISECONDS);
        out.println("ack " + JSON.valueToTree(reply));
        return true;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TimeoutException) {
          out.println("sent; no ack within " + args.ackTimeoutMillis + " ms");
          return true;
        }
        out.println("error: " + e.getCause().getMessage());
        return false;
      } catch (TimeoutException e) {
        out.println("error: no answer");
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (IllegalArgumentException e) {
        out.println("error: " + e.getMessage());
        return false;
      }
    }
  }

  private static String describe(ConnectError e) {
    return e.getMessage() + (e.data() == null ? "" : " " + e.data());
  }

  static List<JsonNode> parseValues(String text) throws IOException {
    List<JsonNode> values = new ArrayList<>();
    if (text.isBlank()) {
      return values;
    }
    try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        values.add(it.nextValue());
      }
    }
    return values;
  }

  /** The parsed command line. */
  private static final class Arguments {
    URI uri;
    String namespace;
    JsonNode auth;
    String transports;
    boolean v2;
    long ackTimeoutMillis = 5000;
    long waitMillis = 30000;
    String emit;
    List<JsonNode> emitArgs = List.of();
    String listen;

    static Arguments parse(String[] args) {
      Arguments a = new Arguments();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--namespace", "-n" -> a.namespace = value(args, ++i, arg);
          case "--auth" -> a.auth = json(value(args, ++i, arg), arg);
          case "--transports" -> a.transports = value(args, ++i, arg);
          case "--websocket" -> a.transports = "websocket";
          case "--v2" -> a.v2 = true;
          case "--ack-timeout" -> a.ackTimeoutMillis = millis(value(args, ++i, arg), arg);
          case "--wait" -> a.waitMillis = millis(value(args, ++i, arg), arg);
          case "--listen" -> a.listen = value(args, ++i, arg);
          case "--emit" -> {
            a.emit = value(args, ++i, arg);
            List<JsonNode> values = new ArrayList<>();
            while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
              try {
                values.addAll(parseValues(args[++i]));
              } catch (IOException e) {
                throw new IllegalArgumentException("--emit: not JSON: " + args[i]);
              }
            }
            a.emitArgs = values;
          }
          default -> {
            if (arg.startsWith("-") || a.uri != null) {
              throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            try {
              a.uri = URI.create(arg);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("not a URL: " + arg);
            }
          }
        }
      }
      if (a.uri == null) {
        throw new IllegalArgumentException("missing URL");
      }
      if (a.emit != null && a.listen != null) {
        throw new IllegalArgumentException("--emit and --listen exclude each other");
      }
      return a;
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static JsonNode json(String text, String option) {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new IllegalArgumentException(option + ": not JSON: " + text);
      }
    }

    private static long millis(String text, String option) {
      try {
        long value = Long.parseLong(text);
        if (value <= 0) {
          throw new NumberFormatException();
        }
        return value;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + ": not a positive number of ms: " + text);
      }
    }
  }
}
