package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Base of the feature suites: a real server on 127.0.0.1, an ephemeral port, raw test clients, and
 * at the end a check that no client received anything the test did not read.
 */
@Timeout(20)
abstract class ServerHarness {
  SocketIoServer io;
  private final List<TestClient> clients = new ArrayList<>();

  /** Things server-side handlers report (events, reasons), read by the tests. */
  final BlockingQueue<Object> seen = new LinkedBlockingQueue<>();

  SocketIoServer start() {
    return start(b -> {});
  }

  SocketIoServer start(Consumer<ServerOptions.Builder> customizer) {
    ServerOptions.Builder builder = ServerOptions.builder().host("127.0.0.1").port(0);
    customizer.accept(builder);
    io = SocketIoServer.create(builder.build());
    return io;
  }

  /** Starts the server (after the test registered its handlers). */
  void listen() {
    io.start();
  }

  TestClient client() throws Exception {
    TestClient c = TestClient.websocket(io.port());
    clients.add(c);
    return c;
  }

  TestClient pollingClient() throws Exception {
    TestClient c = TestClient.polling(io.port());
    clients.add(c);
    return c;
  }

  /** The next thing a handler reported; fails after 5 s. */
  Object nextSeen() throws InterruptedException {
    Object o = seen.poll(5, TimeUnit.SECONDS);
    assertThat(o).as("a report from a server-side handler").isNotNull();
    return o;
  }

  @AfterEach
  void stopAndCheck() throws Exception {
    try {
      Thread.sleep(50);
      for (TestClient c : clients) {
        assertThat(c.received).as("frames no test read").isEmpty();
      }
      assertThat(seen).as("handler reports no test read").isEmpty();
    } finally {
      for (TestClient c : clients) {
        c.close();
      }
      if (io != null) {
        io.close();
      }
    }
  }
}
