package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.server.internal.Args;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Emits to one {@link Socket} with flags ({@code socket.timeout(…)}, {@code asVolatile()}, {@code
 * compress(…)}). Immutable: each flag method returns a new emitter.
 */
public final class SocketEmitter {
  private final Socket socket;
  private final BroadcastFlags flags;

  SocketEmitter(Socket socket, BroadcastFlags flags) {
    this.socket = socket;
    this.flags = flags;
  }

  /**
   * With an acknowledgement timeout.
   *
   * @param timeout how long to wait for the acknowledgement
   * @return the new socket emitter
   */
  public SocketEmitter timeout(Duration timeout) {
    return new SocketEmitter(socket, flags.withTimeout(timeout));
  }

  /**
   * Volatile: may be dropped when the client is not ready.
   *
   * @return the new socket emitter
   */
  public SocketEmitter asVolatile() {
    return new SocketEmitter(socket, flags.withVolatile());
  }

  /**
   * With the compress flag.
   *
   * @param compress whether to compress
   * @return the new socket emitter
   */
  public SocketEmitter compress(boolean compress) {
    return new SocketEmitter(socket, flags.withCompress(compress));
  }

  /**
   * Emits {@code event} (see {@link Socket#emit}).
   *
   * @param event the event name
   * @param args the arguments
   */
  public void emit(String event, Object... args) {
    socket.emit(flags, event, args, null);
  }

  /**
   * Emits and completes with the client's acknowledgement arguments; with a timeout, completes
   * exceptionally with {@link AckTimeoutException} ({@code "operation has timed out"}) when the
   * answer is late, and with {@link java.util.concurrent.CancellationException} when the socket
   * disconnects first.
   *
   * @param event the event name
   * @param args the arguments
   * @return a future that completes with the client's acknowledgement arguments; with a timeout,
   *     completes exceptionally with {@link AckTimeoutException} ({@code "operation has timed
   *     out"}) when the answer is late, and with {@link java.util.concurrent.CancellationException}
   *     when the socket disconnects first
   */
  public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
    CompletableFuture<List<JsonNode>> future = new CompletableFuture<>();
    socket.emit(flags, event, args, callback(future, answer -> Args.tail(answer, 0)));
    return future;
  }

  /**
   * As {@link #emitWithAck(String, Object...)}, with a callback instead of a future: {@code
   * callback} gets the acknowledgement arguments, or the error (see {@link AckHandler}).
   *
   * @param event the event name
   * @param callback the callback
   * @param args the arguments
   */
  public void emitWithAck(String event, AckHandler<List<JsonNode>> callback, Object... args) {
    java.util.Objects.requireNonNull(callback, "callback");
    dev.sio.server.internal.Futures.whenDone(emitWithAck(event, args), callback::handle);
  }

  /**
   * As {@link #emitWithAck(String, Object...)}, the first argument bound to {@code type}.
   *
   * @param <T> the bound type
   * @param event the event name
   * @param type the class to bind to (with Jackson)
   * @param args the arguments
   * @return a future of the answers
   */
  public <T> CompletableFuture<T> emitWithAck(String event, Class<T> type, Object... args) {
    CompletableFuture<T> future = new CompletableFuture<>();
    socket.emit(
        flags,
        event,
        args,
        callback(
            future,
            answer -> {
              try {
                return socket.mapper().treeToValue(Args.first(answer), type);
              } catch (Exception e) {
                throw new IllegalArgumentException(
                    "cannot bind the acknowledgement to " + type.getName(), e);
              }
            }));
    return future;
  }

  private static <T> Socket.AckCallback callback(
      CompletableFuture<T> future, java.util.function.Function<JsonNode, T> map) {
    return new Socket.AckCallback() {
      @Override
      public void onAck(JsonNode args) {
        try {
          future.complete(map.apply(args));
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
        }
      }

      @Override
      public void onTimeout() {
        future.completeExceptionally(new AckTimeoutException("operation has timed out"));
      }

      @Override
      public void onDisconnect() {
        future.completeExceptionally(
            new java.util.concurrent.CancellationException("socket has been disconnected"));
      }
    };
  }
}
