package dev.sio.engine.spi;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.EngineEndpoint;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One Engine.IO endpoint as a binding sees it: the entry points for its requests and WebSockets.
 * Implemented by the session core; a binding calls it from its own threads unless said otherwise.
 *
 * <pre>{@code
 * if (port.matches(rawUri)) {
 *   if (isWebSocketUpgrade) {
 *     port.verifyUpgrade(info, executor).thenAccept(verdict -> upgrade(verdict));
 *   } else {
 *     port.handleRequest(exchange); // once the body is read
 *   }
 * }
 * }</pre>
 */
public interface EnginePort {
  /** {@return the endpoint's options} */
  EngineOptions options();

  /** {@return true when {@code rawUri} is under this endpoint's path (Node: a raw URL prefix)} */
  boolean matches(String rawUri);

  /**
   * Before reading a POST body of {@code length} bytes (the declared {@code Content-Length}, or the
   * bytes read so far once they pass {@code maxHttpBufferSize}; {@code Long.MAX_VALUE} for a body
   * over a limit of the binding's own): refuses it, or claims its session's one data request.
   */
  BodyAdmission admitBody(HttpRequestInfo head, long length);

  /** Handles a complete request that is not a WebSocket upgrade; it is answered exactly once. */
  void handleRequest(PollExchange exchange);

  /**
   * Node's {@code verify} and {@code allowRequest} for a WebSocket upgrade request. The stage
   * completes on {@code arrivedOn} (the executor a new session gets) or on the existing session's
   * executor. A binding cancels the stage when the client goes away before it completes: a pending
   * {@code allowRequest} then ends without an answer.
   *
   * @param arrivedOn the executor a new session gets (Netty: the connection's event loop)
   */
  CompletionStage<UpgradeVerdict> verifyUpgrade(HttpRequestInfo request, SessionExecutor arrivedOn);

  /**
   * Opens the WebSocket of an accepting {@code verdict} once its {@code 101} is handed to the
   * connection, on {@code verdict.owner()}: a new session, or the start of {@code sid}'s upgrade.
   * The core calls {@link MessageChannel#startReading()} once it takes the channel's messages.
   *
   * @return who hears about the channel, or {@code null} when the endpoint closed meanwhile (the
   *     binding then closes the connection)
   */
  WebSocketInbound openWebSocket(UpgradeVerdict verdict, MessageChannel channel);

  /** {@return the number of open sessions} */
  int clientsCount();

  /**
   * Closes every session with {@code "server shutting down"}; completes when each session's owner
   * has run its close.
   */
  CompletableFuture<Void> close();

  /**
   * {@return a new endpoint serving {@code options.path()} with {@code handler}, for a binding
   * whose default for an unset {@code maxTotalBufferedBytes} is {@code bindingTotalBufferedBytes}}
   * The binding routes requests to it and wraps it with {@link dev.sio.engine.EngineServer#bound}.
   *
   * @param options the options
   * @param handler the handler
   * @param bindingTotalBufferedBytes the binding's default budget of all sessions' queued bytes
   */
  static EnginePort create(
      EngineOptions options, EngineHandler handler, long bindingTotalBufferedBytes) {
    return new EngineEndpoint(
        Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(handler, "handler"),
        bindingTotalBufferedBytes);
  }
}
