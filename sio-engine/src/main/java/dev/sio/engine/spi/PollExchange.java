package dev.sio.engine.spi;

import dev.sio.engine.HttpRequestInfo;

/**
 * One complete HTTP request to an Engine.IO endpoint (a polling GET or POST, a handshake, a
 * preflight) and its single answer, as a binding hands it to the session core. The core answers
 * from any thread, at most once: a second {@code respond} is ignored and returns {@code false}.
 *
 * <p>The binding sets {@code Content-Length}, and {@code Connection} as the request asked ({@code
 * keep-alive} on HTTP/1.0 when the client sent it); {@code close} asks it to end the connection
 * after the answer ({@code Connection: close} on HTTP/1.1).
 *
 * <pre>{@code
 * ResponseHeaders h = new ResponseHeaders();
 * h.set("Content-Type", "text/html");
 * exchange.respond(200, h, "ok", false);
 * }</pre>
 */
public interface PollExchange {
  /** {@return the request; valid after the answer (copied by the binding)} */
  HttpRequestInfo request();

  /**
   * {@return the POST body (maybe empty), or {@code null} for none or once taken}; the taker owns
   * it and calls {@link RequestBody#release()}. Called on one thread at a time.
   */
  RequestBody takeBody();

  /**
   * {@return the executor a session made by this request belongs to, and on which the core waits
   * for this request (allowRequest's deadline)} Netty: the connection's event loop.
   */
  SessionExecutor executor();

  /**
   * Runs {@code onAbort} on the binding's thread if the client goes away before the answer is
   * written (a binding may only learn it at a failed write); {@code null} removes it. One hook: a
   * later call replaces the earlier one.
   */
  void onAbort(Runnable onAbort);

  /**
   * Answers with {@code text} encoded as UTF-8 by the binding ({@code null}: an empty body), once.
   *
   * @return {@code false} when already answered (nothing is written)
   */
  boolean respond(int status, ResponseHeaders headers, CharSequence text, boolean close);

  /**
   * Answers with {@code body} (not copied; it must not change afterwards), once.
   *
   * @return {@code false} when already answered (nothing is written)
   */
  boolean respond(int status, ResponseHeaders headers, byte[] body, boolean close);
}
