package dev.sio.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Listeners added after a socket or manager is created see its first events ({@code open}, {@code
 * connect}, {@code connect_error}, {@code error}) every time: the connection starts only once the
 * setup is done. Each round registers its listeners late on purpose (a short pause in the setup,
 * long enough for a loopback handshake), which made the old constructor-started connection miss
 * them.
 */
@Timeout(120)
class FirstEventsTest {
  private static final int ROUNDS = 15;
  private static final long LATE_MS = 30;

  private SioServer server;

  @BeforeEach
  void start() {
    server = SioServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listenersOfTheSetupSeeOpenThenConnectEveryTime() throws Exception {
    for (int i = 0; i < ROUNDS; i++) {
      List<String> events = new CopyOnWriteArrayList<>();
      Socket socket =
          SocketIoClient.connect(
              server.uri("/"),
              ClientOptions.DEFAULTS,
              s -> {
                late();
                s.io().onOpen(() -> events.add("open"));
                s.onConnect(() -> events.add("connect"));
              });
      ClientFixtures.await(() -> events.size() == 2);
      assertThat(events).as("round %d", i).containsExactly("open", "connect");
      socket.disconnect();
      assertThat(socket.io().awaitReleased(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void listenersOfTheSetupSeeTheFirstConnectErrorEveryTime() throws Exception {
    URI refused = refusedUri();
    for (int i = 0; i < ROUNDS; i++) {
      List<String> events = new CopyOnWriteArrayList<>();
      Socket socket =
          SocketIoClient.connect(
              refused,
              ClientOptions.builder().reconnection(false).build(),
              s -> {
                late();
                s.io().onError(e -> events.add("error"));
                s.onConnectError(e -> events.add("connect_error"));
              });
      ClientFixtures.await(() -> events.size() == 2);
      assertThat(events).as("round %d", i).containsExactly("error", "connect_error");
      assertThat(socket.io().awaitReleased(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void aManagerStartsNothingBeforeItsFirstSocket() throws Exception {
    for (int i = 0; i < ROUNDS; i++) {
      List<String> events = new CopyOnWriteArrayList<>();
      Manager manager = SocketIoClient.manager(server.uri("/"), ClientOptions.DEFAULTS);
      late(); // the listener comes late, after the constructor: nothing has started yet
      manager.onOpen(() -> events.add("open"));
      assertThat(manager.engine()).isNull();
      Socket socket =
          manager.socket("/", s -> s.onConnect(() -> events.add("connect:" + s.namespace())));
      ClientFixtures.await(() -> events.size() == 2);
      assertThat(events).as("round %d", i).containsExactly("open", "connect:/");
      socket.disconnect();
      assertThat(manager.awaitReleased(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void aManagerWithASetupOpensAtOnceWithoutASocket() throws Exception {
    for (int i = 0; i < ROUNDS; i++) {
      List<String> events = new CopyOnWriteArrayList<>();
      Manager manager =
          SocketIoClient.manager(
              server.uri("/"),
              ClientOptions.DEFAULTS,
              m -> {
                late();
                m.onOpen(() -> events.add("open"));
              });
      ClientFixtures.await(() -> events.size() == 1);
      assertThat(events).as("round %d", i).containsExactly("open");
      ClientFixtures.await(() -> server.engine.clientsCount() == 1);
      manager.close();
      assertThat(manager.awaitReleased(Duration.ofSeconds(5))).isTrue();
      ClientFixtures.await(() -> server.engine.clientsCount() == 0);
    }
  }

  @Test
  void withoutAutoConnectListenersAddedBeforeConnectSeeEverything() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    Socket socket =
        SocketIoClient.connect(server.uri("/"), ClientOptions.builder().autoConnect(false).build());
    late();
    assertThat(socket.active()).isFalse();
    socket.io().onOpen(() -> events.add("open"));
    socket.onConnect(() -> events.add("connect"));
    socket.connect();
    ClientFixtures.await(() -> events.size() == 2);
    assertThat(events).containsExactly("open", "connect");
    socket.disconnect();
  }

  private static void late() {
    try {
      Thread.sleep(LATE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static URI refusedUri() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return URI.create("http://127.0.0.1:" + port + "/");
  }
}
