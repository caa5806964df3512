package dev.sio.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where the JS client's own test suite saw the Java client behave differently. */
@Timeout(60)
class JsClientParityTest {
  private SioServer server;
  private Manager manager;

  @AfterEach
  void stop() throws Exception {
    if (manager != null) {
      manager.close();
      manager.awaitReleased(Duration.ofSeconds(5));
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aSocketCreatedInAnOpenListenerSendsOneConnect() throws Exception {
    server = SioServer.start();
    AtomicInteger connects = new AtomicInteger();
    server
        .io
        .of("/other")
        .use(
            (socket, next) -> {
              connects.incrementAndGet();
              next.accept();
            });
    manager = SocketIoClient.manager(server.uri("/"), ClientOptions.DEFAULTS);
    List<Socket> created = new CopyOnWriteArrayList<>();
    manager.onOpen(() -> created.add(manager.socket("/other")));
    Socket main = manager.socket("/");
    ClientFixtures.await(main::connected);
    ClientFixtures.await(() -> !created.isEmpty() && created.get(0).connected());
    // a second CONNECT would arrive right behind the first on the same connection
    assertThat(
            created
                .get(0)
                .emitWithAck("nothing")
                .completeOnTimeout(null, 300, TimeUnit.MILLISECONDS)
                .get(5, TimeUnit.SECONDS))
        .isNull();
    assertThat(connects.get()).isEqualTo(1);
    assertThat(server.io.of("/other").sockets()).hasSize(1);
  }

  @Test
  void disconnectAndConnectInAReconnectAttemptListenerKeepsReconnecting() throws Exception {
    server = SioServer.start();
    manager =
        SocketIoClient.manager(
            server.uri("/"),
            ClientOptions.builder()
                .reconnectionDelay(Duration.ofMillis(50))
                .reconnectionDelayMax(Duration.ofMillis(100))
                .build());
    Socket socket = manager.socket("/");
    ClientFixtures.await(socket::connected);
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicBoolean once = new AtomicBoolean();
    manager.onClose(reason -> events.add("close:" + reason));
    manager.onReconnectAttempt(
        n -> {
          events.add("attempt:" + n);
          if (once.compareAndSet(false, true)) {
            socket.disconnect();
            socket.connect();
          }
        });
    server.close(); // every attempt now fails: connection refused
    server = null;
    ClientFixtures.await(() -> events.stream().filter(e -> e.startsWith("attempt:")).count() >= 3);
    // as the JS client: the forced close is told, the backoff starts again from attempt 1
    List<String> seen = List.copyOf(events);
    // the server going away: "transport close" over WebSocket, "transport error" over polling
    assertThat(seen.get(0)).isIn("close:transport close", "close:transport error");
    assertThat(seen.subList(1, 4)).containsExactly("attempt:1", "close:forced close", "attempt:1");
  }

  @Test
  void connectAndDisconnectListenersHaveOnceAndOffForms() throws Exception {
    server = SioServer.start();
    manager =
        SocketIoClient.manager(
            server.uri("/"),
            ClientOptions.builder()
                .reconnectionDelay(Duration.ofMillis(50))
                .reconnectionDelayMax(Duration.ofMillis(100))
                .build());
    List<String> events = new CopyOnWriteArrayList<>();
    Runnable removed = () -> events.add("removed-connect");
    java.util.function.Consumer<String> removedDisconnect = r -> events.add("removed-disconnect");
    Socket socket =
        manager.socket(
            "/",
            s -> {
              s.onConnect(removed).offConnect(removed);
              s.onceConnect(() -> events.add("once-connect"));
              s.onConnect(() -> events.add("connect"));
              s.onDisconnect(removedDisconnect).offDisconnect(removedDisconnect);
              s.onceDisconnect(r -> events.add("once-disconnect:" + r));
              s.onDisconnect(r -> events.add("disconnect:" + r));
            });
    ClientFixtures.await(() -> events.contains("connect"));

    // the Engine.IO connection: its id, and closing it makes the manager reconnect (reason
    // "forced close", as engine.close() in the JS client)
    EngineConnection engine = manager.engine();
    String firstSid = engine.id();
    assertThat(firstSid).hasSize(20);
    assertThat(engine.transport()).isIn("polling", "websocket");
    engine.close();
    ClientFixtures.await(() -> events.stream().filter("connect"::equals).count() == 2);
    assertThat(manager.engine().id()).isNotEqualTo(firstSid);
    assertThat(events)
        .containsExactly(
            "once-connect",
            "connect",
            "once-disconnect:forced close",
            "disconnect:forced close",
            "connect");

    // reconnection switched off at run time: the next loss is final
    assertThat(manager.reconnection()).isTrue();
    manager.reconnection(false);
    manager.engine().close();
    ClientFixtures.await(() -> events.size() == 6);
    Thread.sleep(300); // no reconnection may follow; the delay is at most 100 ms
    assertThat(events).hasSize(6).last().isEqualTo("disconnect:forced close");
    assertThat(socket.connected()).isFalse();
  }
}
