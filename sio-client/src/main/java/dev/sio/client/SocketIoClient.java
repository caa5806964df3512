package dev.sio.client;

import java.net.URI;

/**
 * Entry point of the Sio client: connects to a Socket.IO v4 server (Sio's or Node's).
 *
 * <pre>{@code
 * Socket socket = SocketIoClient.connect(URI.create("http://localhost:3000/chat"),
 *     ClientOptions.builder().auth(Map.of("token", "abc")).build());
 * socket.onConnect(() -> System.out.println("connected as " + socket.id()));
 * socket.on("message", String.class, System.out::println);
 * }</pre>
 *
 * <p>Each call opens its own connection (like the Node.js client with {@code forceNew}); to share
 * one connection between namespaces, create a {@link Manager} and ask it for several sockets.
 */
public final class SocketIoClient {
  private SocketIoClient() {}

  /**
   * A socket of the namespace named by the URI's path ({@code "/"} when empty), on a new
   * connection; the URI's query is sent with every request.
   */
  public static Socket connect(URI uri, ClientOptions options) {
    Manager manager = new Manager(uri, options);
    String path = uri.getPath();
    return manager.socket(path == null || path.isEmpty() ? "/" : path);
  }

  /** {@link #connect(URI, ClientOptions)} with the default options. */
  public static Socket connect(URI uri) {
    return connect(uri, ClientOptions.DEFAULTS);
  }

  /** A manager of one connection to the server of {@code uri}, for several namespaces. */
  public static Manager manager(URI uri, ClientOptions options) {
    return new Manager(uri, options);
  }
}
