package dev.sio.engine.spi;

import dev.sio.engine.HttpRequestInfo;

/**
 * The core's answer to a WebTransport session's extended CONNECT ({@link
 * EnginePort#verifyWebTransport}): accepted (the binding answers {@code 200} and waits for the
 * session's first stream), or refused with an HTTP status and a text the binding sends with FIN.
 *
 * @param refusalStatus {@code 0} to accept; else the HTTP status of the refusal (400, 403, 503)
 * @param refusalBody the refusal's text (Node's JSON error), or {@code null} when accepted
 * @param headers headers for the answer (CORS), in order
 * @param request the CONNECT the verdict is for
 */
public record WebTransportVerdict(
    int refusalStatus, String refusalBody, ResponseHeaders headers, HttpRequestInfo request) {

  /** {@return true when the session is refused} */
  public boolean refused() {
    return refusalStatus != 0;
  }
}
