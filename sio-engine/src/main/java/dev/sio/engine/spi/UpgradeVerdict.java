package dev.sio.engine.spi;

import dev.sio.engine.HttpRequestInfo;

/**
 * The core's answer to a WebSocket upgrade request ({@link EnginePort#verifyUpgrade}): a refusal to
 * write as is, or the go-ahead for the {@code 101} with its headers.
 *
 * <p>A binding that accepts first runs its own WebSocket handshake checks (RFC 6455: method, key,
 * version) and answers their failures itself; then, on {@link #owner()}, it writes the {@code 101}
 * with {@link #headers()} and calls {@link EnginePort#openWebSocket}. With {@link
 * #closeAfterHandshake()} it writes the {@code 101}, then a close frame without a code, reads
 * nothing more and never calls {@code openWebSocket} (Node's answer to a second WebSocket for a
 * session).
 *
 * @param refusalStatus {@code 0} to accept; else the HTTP status of the refusal (Node's {@code
 *     abortUpgrade}), after which the connection ends
 * @param refusalBody the refusal's body (UTF-8 text), or {@code null} when accepted
 * @param refuseAfterChecks a refusal the binding writes only once its own handshake checks passed
 *     (they answer first, as they did before the core decided); a binding that cannot run them
 *     before answering writes the refusal at once
 * @param headers the refusal's headers, or the {@code 101}'s (CORS, the sid cookie, header
 *     listeners), in order
 * @param request the request the verdict is for
 * @param owner the executor of the session the WebSocket joins, or of the new session; the binding
 *     runs the {@code 101} and {@code openWebSocket} there (Netty moves the connection to it);
 *     {@code null} for a refusal
 * @param sid the session's id (a new one is already in the {@code 101}'s cookie), or {@code null}
 * @param newSession true when the WebSocket opens a new session, false when it upgrades {@code sid}
 * @param closeAfterHandshake the {@code 101}, then a close frame, and the session is untouched
 * @param deflate permessage-deflate may be negotiated (when the client offers it)
 */
public record UpgradeVerdict(
    int refusalStatus,
    String refusalBody,
    boolean refuseAfterChecks,
    ResponseHeaders headers,
    HttpRequestInfo request,
    SessionExecutor owner,
    String sid,
    boolean newSession,
    boolean closeAfterHandshake,
    boolean deflate) {

  /** {@return true when the upgrade is refused} */
  public boolean refused() {
    return refusalStatus != 0;
  }
}
