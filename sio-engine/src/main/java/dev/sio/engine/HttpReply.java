package dev.sio.engine;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A plain HTTP response produced by an {@link HttpRoute}.
 *
 * @param status the HTTP status code
 * @param headers response headers (the listener adds {@code content-length})
 * @param body the body; not copied, must not change afterwards
 */
public record HttpReply(int status, Map<String, String> headers, byte[] body) {
  /**
   * Validates and copies the header map.
   *
   * @param status the HTTP status
   * @param headers the headers
   * @param body the body
   */
  public HttpReply {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status must be a 3-digit HTTP status, got " + status);
    }
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    Objects.requireNonNull(body, "body");
  }

  /**
   * {@return a 200 response with {@code body} of {@code contentType}}
   *
   * @param contentType the content type
   * @param body the body
   */
  public static HttpReply ok(String contentType, byte[] body) {
    return new HttpReply(200, Map.of("content-type", contentType), body);
  }

  /**
   * {@return a response with a UTF-8 text body}
   *
   * @param status the HTTP status
   * @param text the text
   */
  public static HttpReply text(int status, String text) {
    return new HttpReply(
        status,
        Map.of("content-type", "text/plain; charset=UTF-8"),
        text.getBytes(StandardCharsets.UTF_8));
  }
}
