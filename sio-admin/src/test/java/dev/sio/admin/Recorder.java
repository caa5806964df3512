package dev.sio.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio.client.ClientOptions;
import dev.sio.client.ConnectError;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A Sio client that records every event it receives as {@code [event, ...args]}. */
final class Recorder implements AutoCloseable {
  final Socket socket;
  final BlockingQueue<ArrayNode> events = new LinkedBlockingQueue<>();
  final CompletableFuture<Void> connected = new CompletableFuture<>();
  final CompletableFuture<String> connectError = new CompletableFuture<>();
  final CompletableFuture<String> disconnected = new CompletableFuture<>();

  Recorder(int port, String nsp, Object auth) {
    ClientOptions.Builder options =
        ClientOptions.builder().transports("websocket").reconnection(false);
    if (auth != null) {
      options.auth(auth);
    }
    // the listeners are in place before the connection starts: no first event is missed
    socket =
        SocketIoClient.connect(
            URI.create("http://127.0.0.1:" + port + nsp),
            options.build(),
            s -> {
              s.onAny(
                  (event, args) -> {
                    ArrayNode all = JsonNodeFactory.instance.arrayNode();
                    all.add(event);
                    all.addAll(args);
                    events.add(all);
                  });
              s.onConnect(() -> connected.complete(null));
              s.onConnectError((ConnectError e) -> connectError.complete(e.getMessage()));
              s.onDisconnect(disconnected::complete);
            });
  }

  Recorder awaitConnected() throws Exception {
    connected.get(5, TimeUnit.SECONDS);
    return this;
  }

  /** The next event named {@code name} matching {@code filter}, skipping others; 5 s at most. */
  ArrayNode next(String name, Predicate<ArrayNode> filter) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      long left = deadline - System.nanoTime();
      ArrayNode event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      assertThat(event).as("event " + name).isNotNull();
      if (event.get(0).asText().equals(name) && filter.test(event)) {
        return event;
      }
    }
  }

  /** The next event, whatever its name; 5 s at most. */
  ArrayNode nextAny() throws InterruptedException {
    ArrayNode event = events.poll(5, TimeUnit.SECONDS);
    assertThat(event).as("an event").isNotNull();
    return event;
  }

  ArrayNode next(String name) throws InterruptedException {
    return next(name, e -> true);
  }

  /** The events named {@code name} received within {@code millis} (drains the queue). */
  List<ArrayNode> within(long millis, String name) throws InterruptedException {
    Thread.sleep(millis);
    List<ArrayNode> all = new java.util.ArrayList<>();
    events.drainTo(all);
    return all.stream().filter(e -> e.get(0).asText().equals(name)).toList();
  }

  static JsonNode arg(ArrayNode event, int index) {
    return event.get(index + 1);
  }

  @Override
  public void close() {
    socket.close();
  }
}
