package dev.sio.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the feature suites. */
final class ClientFixtures {
  private ClientFixtures() {}

  /** Connects and waits for the {@code connect} event. */
  static Socket connected(URI uri, ClientOptions options) throws Exception {
    CompletableFuture<Void> connected = new CompletableFuture<>();
    Socket socket =
        SocketIoClient.connect(uri, options, s -> s.onceConnect(() -> connected.complete(null)));
    connected.get(10, TimeUnit.SECONDS);
    return socket;
  }

  /** Waits for the socket's next {@code connect} event (or sees it is already connected). */
  static void awaitConnect(Socket socket) throws Exception {
    CompletableFuture<Void> connected = new CompletableFuture<>();
    socket.onConnect(() -> connected.complete(null));
    if (!socket.connected()) {
      connected.get(10, TimeUnit.SECONDS);
    }
  }

  /** Waits until {@code condition} holds, for up to 10 s. */
  static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }
}
