package dev.sio.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.client.internal.Arguments;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An immutable emitting view of a {@link Socket} with flags: {@link #timeout}, {@link #asVolatile},
 * {@link #compress} each return a new emitter; {@code emit} and {@code emitWithAck} end the chain.
 *
 * <pre>{@code
 * socket.timeout(Duration.ofSeconds(5)).emitWithAck("save", Doc.class, doc)
 *     .whenComplete((saved, error) -> ...);
 * socket.asVolatile().emit("position", x, y); // dropped rather than buffered
 * }</pre>
 */
public final class Emitter {
  private final Socket socket;
  private final Duration timeout;
  private final boolean isVolatile;
  private final boolean compress;

  Emitter(Socket socket, Duration timeout, boolean isVolatile, boolean compress) {
    this.socket = socket;
    this.timeout = timeout;
    this.isVolatile = isVolatile;
    this.compress = compress;
  }

  /**
   * {@return the same emitter whose acknowledgements fail with a timeout after {@code timeout}}
   *
   * @param timeout the same emitter whose acknowledgements fail with a timeout after {@code
   *     timeout}
   */
  public Emitter timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    return new Emitter(socket, timeout, isVolatile, compress);
  }

  /**
   * {@return the same emitter whose events are dropped when the transport cannot send them right
   * now}
   */
  public Emitter asVolatile() {
    return new Emitter(socket, timeout, true, compress);
  }

  /**
   * {@return the same emitter asking for (or against) per-message compression}
   *
   * @param compress whether to ask for per-message compression
   */
  public Emitter compress(boolean compress) {
    return new Emitter(socket, timeout, isVolatile, compress);
  }

  /**
   * Emits {@code event} with {@code args}, as {@link Socket#emit}.
   *
   * @param event the event name
   * @param args the arguments
   * @return this emitter
   */
  public Emitter emit(String event, Object... args) {
    socket.emitFromAnyThread(event, args, this, null);
    return this;
  }

  /**
   * Emits {@code event} and completes with the acknowledgement's arguments.
   *
   * @param event the event name
   * @param args the arguments
   * @return a future that completes with the acknowledgement's arguments
   */
  public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
    CompletableFuture<List<JsonNode>> future = new CompletableFuture<>();
    try {
      socket.emitFromAnyThread(event, args, this, future);
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  /**
   * Emits {@code event} and completes with the acknowledgement's first argument as a {@code T}.
   *
   * @param <T> the bound type
   * @param event the event name
   * @param type the class to bind to (with Jackson)
   * @param args the arguments
   * @return a future that completes with the acknowledgement's first argument as a {@code T}
   */
  public <T> CompletableFuture<T> emitWithAck(String event, Class<T> type, Object... args) {
    return emitWithAck(event, args)
        .thenApply(reply -> Arguments.bind(socket.mapper(), Arguments.first(reply), type));
  }

  Duration timeoutOrNull() {
    return timeout;
  }

  boolean isVolatile() {
    return isVolatile;
  }

  boolean compressed() {
    return compress;
  }
}
