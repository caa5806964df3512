package dev.sio.engine.internal;

import dev.sio.engine.spi.ResponseHeaders;

/**
 * One HTTP answer as the core builds it, before a binding writes it: the status, the headers in
 * order (more may be added until it is handed over), and the body as text (UTF-8 encoded by the
 * binding, {@link Utf8}) or as bytes. The binding adds {@code Content-Length} and {@code
 * Connection} itself. The bytes are not copied and must not change once handed over.
 *
 * @param status the HTTP status
 * @param headers the headers; mutable until handed over
 * @param text the body as text, or null
 * @param bytes the body as bytes, or null; at most one of text and bytes is set (neither: empty)
 */
public record HttpAnswer(int status, ResponseHeaders headers, CharSequence text, byte[] bytes) {
  /** Checks that at most one body is given. */
  public HttpAnswer {
    if (text != null && bytes != null) {
      throw new IllegalArgumentException("an answer has one body: text or bytes");
    }
  }
}
