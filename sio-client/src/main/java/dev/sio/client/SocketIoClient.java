package dev.sio.client;

import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Entry point of the Sio client: connects to a Socket.IO v4 server (Sio's or Node's).
 *
 * <pre>{@code
 * Socket socket = SocketIoClient.connect(URI.create("http://localhost:3000/chat"),
 *     ClientOptions.builder().auth(Map.of("token", "abc")).build(),
 *     s -> {
 *       s.onConnect(() -> System.out.println("connected as " + s.id()));
 *       s.on("message", String.class, System.out::println);
 *     });
 * }</pre>
 *
 * <p>Listeners run on the client's event thread, so a listener added from another thread after the
 * connection started can miss an event that came first. The {@code setup} callbacks run on the
 * calling thread before anything is sent: the listeners they add see every event, {@code connect},
 * {@code connect_error} and the manager's {@code open} included. Without a setup, add listeners
 * first and connect after ({@code autoConnect(false)} and {@link Socket#connect()}, as
 * socket.io-client-java users do).
 *
 * <p>Each call opens its own connection (like the Node.js client with {@code forceNew}); to share
 * one connection between namespaces, create a {@link Manager} and ask it for several sockets.
 */
public final class SocketIoClient {
  private SocketIoClient() {}

  /**
   * A socket of the namespace named by the URI's path ({@code "/"} when empty), on a new
   * connection; the URI's query is sent with every request. With autoConnect (the default) it
   * starts connecting at once: listeners added after this call may miss the first events.
   *
   * @param uri the server's address; its path names the namespace
   * @param options the options of the connection and of the socket
   * @return the socket, connecting unless {@code autoConnect} is off
   */
  public static Socket connect(URI uri, ClientOptions options) {
    return connect(uri, options, s -> {});
  }

  /**
   * A socket as {@link #connect(URI, ClientOptions)}, with {@code setup} run on the calling thread
   * before the connection starts: the listeners it adds (to the socket, or to its manager through
   * {@link Socket#io()}) hear every event, the first included.
   *
   * @param uri the server's address; its path names the namespace
   * @param options the options of the connection and of the socket
   * @param setup adds the listeners, before anything is sent
   * @return the socket, connecting unless {@code autoConnect} is off
   */
  public static Socket connect(URI uri, ClientOptions options, Consumer<Socket> setup) {
    Manager manager = new Manager(uri, options);
    String path = uri.getPath();
    return manager.socket(path == null || path.isEmpty() ? "/" : path, setup);
  }

  /**
   * {@link #connect(URI, ClientOptions)} with the default options.
   *
   * @param uri the server's address; its path names the namespace
   * @return the socket, connecting
   */
  public static Socket connect(URI uri) {
    return connect(uri, ClientOptions.DEFAULTS);
  }

  /**
   * A manager of one connection to the server of {@code uri}, for several namespaces. It starts
   * nothing by itself: the connection opens with its first socket (autoConnect) or {@link
   * Manager#open()}.
   *
   * @param uri the server's address; its path is ignored
   * @param options the options of the connection and of its sockets
   * @return the manager, not connected yet
   */
  public static Manager manager(URI uri, ClientOptions options) {
    return new Manager(uri, options);
  }

  /**
   * A manager that runs {@code setup} on the calling thread, then, with autoConnect, opens its
   * connection at once (the JS client's {@code new Manager(url)}): the listeners the setup adds see
   * the first {@code open} or {@code error}.
   *
   * @param uri the server's address; its path is ignored
   * @param options the options of the connection and of its sockets
   * @param setup adds the listeners and may create sockets, before the connection opens
   * @return the manager, opening unless {@code autoConnect} is off
   */
  public static Manager manager(URI uri, ClientOptions options, Consumer<Manager> setup) {
    Objects.requireNonNull(setup, "setup");
    Manager manager = new Manager(uri, options);
    setup.accept(manager);
    if (options.autoConnect()) {
      manager.open();
    }
    return manager;
  }
}
