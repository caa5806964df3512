package dev.sio.testkit;

import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts a Sio server on 127.0.0.1 and a free port before each test, hands
 * out connected clients, and closes the clients then the server after the test:
 *
 * <pre>{@code
 * class ChatTest {
 *   @RegisterExtension
 *   final SioServerExtension sio = SioServerExtension.create(b -> b.pingInterval(Duration.ofSeconds(1)));
 *
 *   @Test
 *   void echoes() {
 *     sio.server().onConnection(s -> s.on("echo", (args, ack) -> ack.send(args.toArray())));
 *     Socket client = sio.connect("/");
 *     assertEquals("[\"hi\"]", Await.of(client.emitWithAck("echo", "hi")).toString());
 *   }
 * }
 * }</pre>
 *
 * <p>Register it on an instance field ({@code @RegisterExtension}, not static), so that each test
 * gets a fresh server. Handlers added in the test run for clients connected afterwards; {@link
 * #beforeStart} sets every test's server up before it listens. A client's listeners of its first
 * events (and its {@link #recorder() recorder}) go in {@link #connect(String, ClientOptions,
 * Consumer) connect's setup}: added after {@code connect} returns, they may miss what the server
 * sends on connection. Every wait has a deadline: {@link #timeout()} (5 s unless {@link
 * #timeout(Duration)} says otherwise). See docs/TESTING.md.
 */
public final class SioServerExtension implements BeforeEachCallback, AfterEachCallback {
  private final Consumer<ServerOptions.Builder> customizer;
  // Set while the test class is built, read before each test.
  private Consumer<SocketIoServer> beforeStart = io -> {};
  private Duration timeout = Duration.ofSeconds(5);
  // The test's thread: the server of the running test, or null between tests.
  private SocketIoServer server;
  // The test's thread (and clients it created): closed after the test, in reverse order.
  private final List<Socket> clients = new ArrayList<>();

  private SioServerExtension(Consumer<ServerOptions.Builder> customizer) {
    this.customizer = customizer;
  }

  /** {@return an extension whose servers have Node's defaults (on 127.0.0.1 and a free port)} */
  public static SioServerExtension create() {
    return new SioServerExtension(b -> {});
  }

  /**
   * {@return an extension whose servers' options {@code customizer} adjusts (host and port are set
   * after it)}
   *
   * @param customizer adjusts the options
   */
  public static SioServerExtension create(Consumer<ServerOptions.Builder> customizer) {
    return new SioServerExtension(Objects.requireNonNull(customizer, "customizer"));
  }

  /**
   * The deadline of every wait of this extension ({@link #connect}, {@link Await}, {@link
   * EventRecorder}).
   *
   * @param value the deadline of every wait of this extension ({@link #connect}, {@link Await},
   *     {@link EventRecorder})
   * @return this extension
   * @throws IllegalArgumentException when it is not positive
   */
  public SioServerExtension timeout(Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + value);
    }
    this.timeout = value;
    return this;
  }

  /**
   * Runs {@code hook} on each test's server after it is created and before it starts, as an
   * application sets up its server at boot: bind metrics, add namespaces or middleware. Hooks run
   * in the order they were added.
   *
   * @param hook what to do with the server before it listens
   * @return this extension
   */
  public SioServerExtension beforeStart(Consumer<SocketIoServer> hook) {
    Objects.requireNonNull(hook, "hook");
    this.beforeStart = this.beforeStart.andThen(hook);
    return this;
  }

  /** {@return the deadline of waits (default 5 s)} */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ServerOptions.Builder b = ServerOptions.builder();
    customizer.accept(b);
    b.host("127.0.0.1").port(0);
    server = SocketIoServer.create(b.build());
    beforeStart.accept(server);
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      for (int i = clients.size() - 1; i >= 0; i--) {
        Socket c = clients.get(i);
        c.disconnect();
        c.io().close();
      }
    } finally {
      clients.clear();
      if (server != null) {
        server.close();
        server = null;
      }
    }
  }

  /**
   * {@return the running test's server}
   *
   * @throws IllegalStateException outside a test
   */
  public SocketIoServer server() {
    if (server == null) {
      throw new IllegalStateException(
          "no server: register SioServerExtension with @RegisterExtension on an instance field");
    }
    return server;
  }

  /**
   * {@return the server's URL for {@code namespace}, e.g. {@code http://127.0.0.1:41234/chat}}
   *
   * @param namespace the namespace
   */
  public URI uri(String namespace) {
    String nsp = namespace.startsWith("/") ? namespace : "/" + namespace;
    return URI.create("http://127.0.0.1:" + server().port() + nsp);
  }

  /**
   * A client of {@code namespace} with default options, connected.
   *
   * @param namespace the namespace, such as {@code "/"} or {@code "/chat"}
   * @return the connected socket, closed after the test
   */
  public Socket connect(String namespace) {
    return connect(namespace, ClientOptions.DEFAULTS, s -> {});
  }

  /**
   * A client of {@code namespace} with default options whose listeners {@code setup} adds before it
   * connects, so that they hear the first events too.
   *
   * @param namespace the namespace, such as {@code "/"} or {@code "/chat"}
   * @param setup adds the listeners (and recorders), before anything is sent
   * @return the connected socket, closed after the test
   */
  public Socket connect(String namespace, Consumer<Socket> setup) {
    return connect(namespace, ClientOptions.DEFAULTS, setup);
  }

  /**
   * A client of {@code namespace}, connected before this returns; closed after the test.
   *
   * @param namespace the namespace, such as {@code "/"} or {@code "/chat"}
   * @param options the client's options
   * @return the connected socket, closed after the test
   * @throws AssertionError when it is not connected within {@link #timeout()} (with the
   *     connect_error's message when there was one)
   */
  public Socket connect(String namespace, ClientOptions options) {
    return connect(namespace, options, s -> {});
  }

  /**
   * A client of {@code namespace} whose listeners {@code setup} adds on the calling thread before
   * it connects (a listener added after {@code connect} returns may miss what the server sends on
   * connection), connected before this returns; closed after the test.
   *
   * <pre>{@code
   * EventRecorder events = sio.recorder();
   * Socket client = sio.connect("/", options, s -> events.attach(s, "welcome"));
   * assertEquals(client.id(), events.next("welcome").arg(0).asText());
   * }</pre>
   *
   * @param namespace the namespace, such as {@code "/"} or {@code "/chat"}
   * @param options the client's options
   * @param setup adds the listeners (and recorders), before anything is sent
   * @return the connected socket, closed after the test
   * @throws AssertionError when it is not connected within {@link #timeout()} (with the
   *     connect_error's message when there was one)
   */
  public Socket connect(String namespace, ClientOptions options, Consumer<Socket> setup) {
    Objects.requireNonNull(setup, "setup");
    CompletableFuture<String> outcome = new CompletableFuture<>();
    Socket socket =
        SocketIoClient.connect(
            uri(namespace),
            options,
            s -> {
              s.onceConnect(() -> outcome.complete(null));
              s.onceConnectError(e -> outcome.complete("connect_error: " + e.getMessage()));
              setup.accept(s);
            });
    clients.add(socket);
    String error;
    try {
      error = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the client of " + namespace + " did not connect within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while connecting", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError(e.getCause());
    }
    if (error != null) {
      throw new AssertionError("the client of " + namespace + " failed: " + error);
    }
    return socket;
  }

  /**
   * The value of {@code future} within {@link #timeout()}: {@link Await#of(Future, Duration)} with
   * this extension's deadline.
   *
   * @param <T> the type of the value
   * @param future an acknowledgement or any other future
   * @return its value
   * @throws AssertionError when it does not complete in time
   */
  public <T> T await(Future<T> future) {
    return Await.of(future, timeout);
  }

  /**
   * A recorder, not listening yet, whose waits have {@link #timeout()}: attach it in a {@link
   * #connect(String, ClientOptions, Consumer) setup} to hear the first events.
   *
   * @return a new recorder
   */
  public EventRecorder recorder() {
    return EventRecorder.create(timeout);
  }

  /**
   * A recorder of {@code events} on {@code socket} (every event when none is given), whose waits
   * have {@link #timeout()}. It hears what arrives from now on; see {@link #recorder()} for the
   * first events.
   *
   * @param socket the client to listen to
   * @param events the event names to record; none records every event
   * @return the recorder, listening
   */
  public EventRecorder record(Socket socket, String... events) {
    return EventRecorder.of(socket, timeout, events);
  }
}
