package dev.sio.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a handshake may open a session (Node's {@code allowRequest}). Called on the
 * connection's event loop; it may complete later from any thread, but must not block.
 *
 * <pre>{@code
 * .allowRequest(req -> CompletableFuture.completedFuture(
 *     "secret".equals(req.queryParam("token")) ? AllowRequest.Decision.accept()
 *                                               : AllowRequest.Decision.reject("no token")))
 * }</pre>
 */
@FunctionalInterface
public interface AllowRequest {
  /**
   * Completes with the decision for {@code request}; an exceptional completion rejects it.
   *
   * @param request the request
   * @return a future of the decision
   */
  CompletionStage<Decision> check(HttpRequestInfo request);

  /**
   * Accepts every request.
   *
   * @return the new allow request
   */
  static AllowRequest acceptAll() {
    return request -> CompletableFuture.completedFuture(Decision.accept());
  }

  /**
   * The outcome of a check: accepted, or rejected with HTTP 403 {@code {"code":4,"message":…}}.
   *
   * @param accepted true to accept
   * @param message the rejection message ({@code "Forbidden"} when {@code null})
   */
  record Decision(boolean accepted, String message) {
    private static final Decision ACCEPT = new Decision(true, null);

    /**
     * Accept.
     *
     * @return the new decision
     */
    public static Decision accept() {
      return ACCEPT;
    }

    /**
     * Reject with the default message {@code "Forbidden"}.
     *
     * @return the new decision
     */
    public static Decision reject() {
      return new Decision(false, null);
    }

    /**
     * Reject with {@code message} in the JSON body (as Node's {@code fn(message, false)}).
     *
     * @param message the message
     * @return the new decision
     */
    public static Decision reject(String message) {
      return new Decision(false, message);
    }
  }
}
