package dev.sio.cli.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the arguments of the {@code sio} command by hand into a {@link Command}.
 *
 * <p>Options take the forms {@code --name value} and {@code --name=value}. {@code -h} or {@code
 * --help} anywhere asks for the usage text (but {@code connect} hands all its arguments to
 * sio-client's console client, which has its own). Anything else that does not fit throws a {@link
 * UsageException} whose message says what is wrong.
 */
public final class CommandLine {

  /** The usage text printed by {@code sio help} and after a usage error. */
  public static final String USAGE =
      """
      Usage: sio <command> [options]

      Commands:
        demo [--port 3000] [--host 127.0.0.1] [--redis redis://127.0.0.1:6379]
             [--admin USER:PASSWORD] [--metrics] [--stats] [--webtransport]
            The chat demo: open http://localhost:3000 in two browser tabs.
            With --redis, several demo servers share rooms through Redis.
            --admin serves the Socket.IO admin UI at /admin/ (log in as USER);
            --metrics serves Prometheus metrics at /metrics.
        fixture [--port 3000] [--host 127.0.0.1] [--stats] [--allow-eio3] [--webtransport]
            The server the official Engine.IO v4 and Socket.IO v5 test suites expect.
            --allow-eio3 serves Engine.IO v3 / Socket.IO v2 clients too (the v3 suite).
        With --webtransport, WebTransport (HTTP/3 on UDP, same port number) is served too,
        with a certificate made at start whose SHA-256 is printed (and, for the demo, served
        at /webtransport.json for the page's serverCertificateHashes).
        With --stats, GET /sio-stats answers loopback peers with memory, threads and
        clientsCount as JSON (what ./sio soak samples).
        connect URL [--namespace /chat] [--auth JSON] [--transports polling,websocket |
                    --websocket] [--ack-timeout MS] [--wait MS] [--v2]
                    [--emit EVENT JSON... | --listen EVENT]
            A console client: type `event [JSON arguments]` lines, see what arrives and the
            acknowledgements; or, scripted, --emit one event or --listen for one.
            --v2 speaks to a Socket.IO 2.x server (Engine.IO v3; no --auth).
        help
            Show this text.

      The ./sio launcher adds `./sio test` (prepare the machine and run every test) and
      `./sio bench` (Sio and Node.js side by side under load).
      """;

  static final int DEFAULT_PORT = 3000;
  static final String DEFAULT_HOST = "127.0.0.1";

  private CommandLine() {}

  /**
   * Parses {@code args} (without the program name).
   *
   * @throws UsageException when the arguments are wrong; the message names the problem
   */
  public static Command parse(String... args) throws UsageException {
    if (args.length == 0) {
      throw new UsageException("no command given");
    }
    String name = args[0];
    if (name.equals("connect")) {
      return new Command.Connect(List.of(args).subList(1, args.length));
    }
    for (String arg : args) {
      if (arg.equals("-h") || arg.equals("--help")) {
        return new Command.Help();
      }
    }
    List<String> rest = List.of(args).subList(1, args.length);
    return switch (name) {
      case "help" -> {
        noPositionals(name, split(name, rest, Set.of()));
        yield new Command.Help();
      }
      case "demo" ->
          demo(
              split(
                  name,
                  rest,
                  Set.of(
                      "--port", "--host", "--redis", "--admin", "--metrics", STATS, WEBTRANSPORT),
                  Set.of("--metrics", STATS, WEBTRANSPORT)));
      case "fixture" ->
          fixture(
              split(
                  name,
                  rest,
                  Set.of("--port", "--host", STATS, ALLOW_EIO3, WEBTRANSPORT),
                  Set.of(STATS, ALLOW_EIO3, WEBTRANSPORT)));
      default ->
          throw new UsageException(
              "unknown command '" + name + "' (commands: demo, fixture, connect, help)");
    };
  }

  private static final String STATS = "--stats";
  private static final String ALLOW_EIO3 = "--allow-eio3";
  private static final String WEBTRANSPORT = "--webtransport";

  private static Command demo(Parsed p) throws UsageException {
    noPositionals("demo", p);
    String redis = p.options.get("--redis");
    String admin = p.options.get("--admin");
    int colon = admin == null ? -1 : admin.indexOf(':');
    if (admin != null && (colon <= 0 || colon == admin.length() - 1)) {
      throw new UsageException("--admin must be USER:PASSWORD, both non-empty");
    }
    return new Command.Demo(
        host(p),
        port(p),
        redis == null ? null : redisUrl(redis),
        admin == null ? null : admin.substring(0, colon),
        admin == null ? null : admin.substring(colon + 1),
        p.options.containsKey("--metrics"),
        p.options.containsKey(STATS),
        p.options.containsKey(WEBTRANSPORT));
  }

  private static Command fixture(Parsed p) throws UsageException {
    noPositionals("fixture", p);
    return new Command.Fixture(
        host(p),
        port(p),
        p.options.containsKey(STATS),
        p.options.containsKey(ALLOW_EIO3),
        p.options.containsKey(WEBTRANSPORT));
  }

  private static String host(Parsed p) throws UsageException {
    String host = p.options.getOrDefault("--host", DEFAULT_HOST);
    if (host.isBlank() || host.contains("/") || host.contains(" ")) {
      throw new UsageException("--host must be an address or host name, got '" + host + "'");
    }
    return host;
  }

  private static int port(Parsed p) throws UsageException {
    String value = p.options.get("--port");
    if (value == null) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--port must be a number from 0 to 65535, got '" + value + "'");
  }

  private static URI redisUrl(String value) throws UsageException {
    URI uri = uriOrNull(value);
    String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme();
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
      throw new UsageException(
          "--redis must be a URL like redis://127.0.0.1:6379, got '" + value + "'");
    }
    return uri;
  }

  private static URI uriOrNull(String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static void noPositionals(String command, Parsed p) throws UsageException {
    if (!p.positionals.isEmpty()) {
      throw new UsageException(
          command + " takes no arguments besides its options, got '" + p.positionals.get(0) + "'");
    }
  }

  /** Splits options from positional arguments, checking names, values and repeats. */
  private static Parsed split(String command, List<String> args, Set<String> known)
      throws UsageException {
    return split(command, args, known, Set.of());
  }

  /** As above; the options in {@code flags} take no value. */
  private static Parsed split(
      String command, List<String> args, Set<String> known, Set<String> flags)
      throws UsageException {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        positionals.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (!known.contains(name)) {
        throw new UsageException(
            "unknown option '"
                + name
                + "' for "
                + command
                + (known.isEmpty() ? " (it takes none)" : " (options: " + sorted(known) + ")"));
      }
      String value;
      if (flags.contains(name)) {
        if (eq >= 0) {
          throw new UsageException("option " + name + " takes no value");
        }
        value = "";
      } else if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else {
        throw new UsageException("option " + name + " needs a value");
      }
      if (options.put(name, value) != null) {
        throw new UsageException("option " + name + " is given twice");
      }
    }
    return new Parsed(options, positionals);
  }

  private static String sorted(Set<String> names) {
    return String.join(", ", names.stream().sorted().toList());
  }

  private record Parsed(Map<String, String> options, List<String> positionals) {}
}
