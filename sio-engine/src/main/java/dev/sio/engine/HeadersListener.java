package dev.sio.engine;

import java.util.List;
import java.util.Map;

/**
 * Adds or changes the headers of Engine.IO's responses, as Node's {@code initial_headers} and
 * {@code headers} events do ({@link EngineOptions.Builder#initialHeaders}, {@link
 * EngineOptions.Builder#headers}):
 *
 * <pre>{@code
 * EngineOptions.builder()
 *     .initialHeaders((headers, req) -> headers.put("Set-Cookie", List.of("user=42; Path=/")))
 *     .headers((headers, req) -> headers.put("X-Served-By", List.of("sio-1")));
 * }</pre>
 *
 * <p>{@code headers} holds the response's headers so far (names as Sio set them, e.g. {@code
 * cache-control}, and the sid cookie on a handshake); what the listener puts, replaces or removes
 * is what the client gets. Called on the connection's event loop: it must not block. A listener
 * that throws, or puts a name or value HTTP does not allow (a line break), is logged and its
 * changes dropped; the response goes out without them.
 */
@FunctionalInterface
public interface HeadersListener {
  /**
   * Changes the headers of a response to {@code request}.
   *
   * @param headers the response's headers, mutable, in the order they were set
   * @param request the request being answered (the handshake, a poll, a POST, an upgrade)
   */
  void onHeaders(Map<String, List<String>> headers, HttpRequestInfo request);
}
