package dev.sio.engine.spi;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.EngineEndpoint;
import dev.sio.protocol.engineio.EnginePacket;
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

  /**
   * Says whether a WebTransport listener serves this endpoint (on the UDP port of the listener's
   * number): from then on, a polling handshake lists {@code webtransport} in its {@code upgrades}
   * when that transport is enabled and upgrades are allowed. Any thread.
   *
   * @param attached true while a WebTransport listener serves the endpoint
   */
  void webTransportAttached(boolean attached);

  /**
   * Node's checks for a WebTransport session's extended CONNECT ({@code :path} as the URI, {@code
   * :authority} as {@code host}): the transport must be enabled, {@code EIO} (if given) must be
   * {@code 4}, and {@code allowRequest} must accept it (Node runs none for WebTransport, see
   * docs/COMPATIBILITY.md). Completes on any thread.
   *
   * @param request the CONNECT
   * @param arrivedOn the executor of the QUIC connection (for allowRequest's deadline)
   * @return the verdict
   */
  CompletionStage<WebTransportVerdict> verifyWebTransport(
      HttpRequestInfo request, SessionExecutor arrivedOn);

  /**
   * The first packet of an accepted session's Engine.IO stream arrived (Node's {@code
   * onWebTransportSession}): {@code open} without data starts a session owned by {@code arrivedOn},
   * whose open packet is written to {@code channel}; {@code open} with {@code {"sid":…}} starts the
   * upgrade of that polling session ({@code 2probe}, {@code 3probe}, {@code 5}), which lives on its
   * own executor. Anything else is refused. A session or upgrade that turns out to be refused later
   * (on its executor) is closed through {@link MessageChannel#close}.
   *
   * @param request the CONNECT of the WebTransport session
   * @param arrivedOn the executor of the QUIC connection (a new session's owner)
   * @param channel the stream, as the session writes to it
   * @param first the first packet read from the stream
   * @return who hears about the stream from now on, or {@code null} when refused (the binding then
   *     closes the WebTransport session)
   */
  WebTransportInbound openWebTransport(
      HttpRequestInfo request,
      SessionExecutor arrivedOn,
      MessageChannel channel,
      EnginePacket first);

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
